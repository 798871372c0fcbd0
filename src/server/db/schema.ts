import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type { AuditRetentionTables } from "./tables/audit-retention.js";
import type { CalculatorTables } from "./tables/calculator.js";
import type { CertificatesTables } from "./tables/certificates.js";
import type { EvaluationTables } from "./tables/evaluation.js";
import type { FundsTables } from "./tables/funds.js";
import type { HrAgenciesTables } from "./tables/hr-agencies.js";
import type { IdentityHardeningTables } from "./tables/identity-hardening.js";
import type { MfaTables } from "./tables/mfa.js";
import type { PayoutHoldTables } from "./tables/payout-holds.js";
import type { PortalTables } from "./tables/portal.js";
import type { RegistryTables } from "./tables/registry.js";
import type { ServicesTables } from "./tables/services.js";

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
  /** 1 while the session has passed the password but not yet the second factor (migration …_mfa). */
  mfa_pending: Generated<number>;
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
  /** "sha256" (rows before keyed hashing), "hmac-sha256" or "hmac-sm3". */
  alg: string;
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

// Policy documents and accountability (migration 2026_11_27_0002_policy).

export interface OrgAliasTable {
  id: string;
  alias: string;
  canonical_name: string;
  created_at: string;
  created_by: string | null;
}

export interface PolicyDocumentTable {
  id: string;
  title: string;
  issuer: string | null;
  date: string | null;
  filename: string;
  sha256: string;
  /** "monthly" | "quarterly": how often tasks from this document are reported on. */
  report_period: string;
  /** JSON: the parser's warnings. */
  warnings: string;
  imported_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PolicySectionTable {
  id: string;
  document_id: string;
  no: number;
  title: string;
  position: number;
}

export interface PolicyMeasureTable {
  id: string;
  document_id: string;
  section_id: string;
  no: number;
  label: string;
  title: string;
  text: string;
  due: string | null;
  /** JSON string arrays: the unit names exactly as the document writes them. */
  lead_names: string;
  responsible_names: string;
  position: number;
}

export interface TaskTable {
  id: string;
  document_id: string;
  measure_id: string;
  title: string;
  /** yyyy-mm-dd, "长期", the time limit as written, or null. */
  due: string | null;
  /** Where the deadline came from: "policy" (the measure's time limit), "office" (set), or null. */
  due_source: string | null;
  status: string;
  progress: number;
  light: string;
  /** JSON: what makes the light yellow or red. */
  light_detail: string;
  light_at: string;
  /** null: the document's period. */
  report_period: string | null;
  /** JSON string array: group entries ("各相关部门") that are not organisations. */
  group_units: string;
  created_at: string;
  updated_at: string;
}

export interface TaskUnitTable {
  task_id: string;
  org_id: string;
  role: string;
  position: number;
}

export interface TaskMilestoneTable {
  id: string;
  task_id: string;
  title: string;
  due_date: string;
  weight: number;
  done_at: string | null;
  done_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TaskReportTable {
  id: string;
  task_id: string;
  org_id: string;
  period_key: string;
  text: string;
  progress: number;
  status: string;
  author_id: string;
  first_submitted_at: string;
  submitted_at: string;
  reviewer_id: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  updated_at: string;
}

export interface SupervisionOrderTable {
  id: string;
  task_id: string;
  org_id: string;
  content: string;
  due_date: string;
  status: string;
  issued_by: string;
  issued_at: string;
  response: string | null;
  responded_by: string | null;
  responded_at: string | null;
  late: number;
}

export interface TaskEventTable {
  id: string;
  task_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  kind: string;
  detail: string | null;
}

export interface TaskReminderTable {
  key: string;
  task_id: string;
  created_at: string;
}

export interface AssessmentSchemeTable {
  year: number;
  /** JSON: indicators with weights and the report grace period. */
  scheme: string;
  updated_at: string;
  updated_by: string | null;
}

export interface AssessmentAdjustmentTable {
  id: string;
  year: number;
  org_id: string;
  points: number;
  reason: string;
  created_by: string | null;
  created_at: string;
}

// The file store (migration 2026_11_27_0003_files).

export interface FileTable {
  id: string;
  owner_user_id: string;
  owner_org_id: string;
  /** As uploaded, cleaned: no path, no control characters, at most 200 characters. */
  filename: string;
  /** Detected from the content, never taken from the request. */
  mime: string;
  size: number;
  sha256: string;
  /** The bytes' name under DATA_DIR/files (64 hex characters). */
  storage_key: string;
  created_at: string;
}

export interface ReportAttachmentTable {
  report_id: string;
  file_id: string;
  position: number;
}

// Each later domain keeps its table types in ./tables/<domain>.ts so they can grow independently.
export interface DB
  extends ServicesTables,
    RegistryTables,
    PortalTables,
    FundsTables,
    CalculatorTables,
    IdentityHardeningTables,
    CertificatesTables,
    PayoutHoldTables,
    AuditRetentionTables,
    MfaTables,
    HrAgenciesTables,
    EvaluationTables {
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
  org_aliases: OrgAliasTable;
  policy_documents: PolicyDocumentTable;
  policy_sections: PolicySectionTable;
  policy_measures: PolicyMeasureTable;
  tasks: TaskTable;
  task_units: TaskUnitTable;
  task_milestones: TaskMilestoneTable;
  task_reports: TaskReportTable;
  supervision_orders: SupervisionOrderTable;
  task_events: TaskEventTable;
  task_reminders: TaskReminderTable;
  assessment_schemes: AssessmentSchemeTable;
  assessment_adjustments: AssessmentAdjustmentTable;
  files: FileTable;
  report_attachments: ReportAttachmentTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type UserRowDb = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditRowDb = Selectable<AuditLogTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type JobRow = Selectable<JobTable>;
export type PolicyDocumentRow = Selectable<PolicyDocumentTable>;
export type PolicyMeasureRow = Selectable<PolicyMeasureTable>;
export type TaskRow = Selectable<TaskTable>;
export type TaskMilestoneRow = Selectable<TaskMilestoneTable>;
export type TaskReportRow = Selectable<TaskReportTable>;
export type SupervisionOrderRow = Selectable<SupervisionOrderTable>;
export type TaskEventRow = Selectable<TaskEventTable>;
export type FileRow = Selectable<FileTable>;
