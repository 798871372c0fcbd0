import type { Insertable, Selectable, Updateable } from "kysely";

// Conventions shared by both databases: ids are text (time-ordered, see lib/ids.ts), timestamps
// are ISO-8601 UTC text (sorts like time, identical on SQLite and PostgreSQL), booleans are 0/1
// integers, money is integer 分.

export interface OrganisationTable {
  id: string;
  parent_id: string | null;
  name: string;
  short_name: string | null;
  kind: string;
  region_code: string | null;
  uscc: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  status: string;
  must_change_password: number;
  failed_attempts: number;
  locked_until: string | null;
  password_changed_at: string;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  org_id: string;
  role: string;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  ip: string | null;
  request_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface OutboxTable {
  id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface JobTable {
  id: string;
  name: string;
  payload: string;
  status: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobScheduleTable {
  name: string;
  cron: string;
  next_run_at: string;
  last_run_at: string | null;
}

export interface DB {
  organisations: OrganisationTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  notifications: NotificationTable;
  outbox: OutboxTable;
  jobs: JobTable;
  job_schedules: JobScheduleTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type UserRowDb = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditRowDb = Selectable<AuditLogTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type JobRow = Selectable<JobTable>;
