// Shapes of the Foundation HTTP API (see the contract). Codes the server may add later are typed
// as plain strings so that the UI degrades to showing the code instead of breaking.

export type Lang = "zh" | "en";
export interface Localized {
  zh: string;
  en: string;
}
/** Some free-text fields may arrive either as a plain string or as `{ zh, en }`. */
export type MaybeLocalized = string | Localized;

export const ROLE_CODES = [
  "talent",
  "employer",
  "officer",
  "leader",
  "talent_office",
  "expert",
  "sysadmin",
  "secadmin",
  "auditor",
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];
/** The three separated admin roles (三权分立); no account may hold two of them. */
export const ADMIN_ROLES: readonly string[] = ["sysadmin", "secadmin", "auditor"];

export const ORG_KINDS = ["party_gov", "employer", "agency", "individuals"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const NAV_KEYS = ["home", "notifications", "account", "orgs", "users", "audit", "security"] as const;
export type NavKey = (typeof NAV_KEYS)[number];

export interface RoleGrant {
  role: string;
  orgId: string;
  orgName: string;
}
export interface RoleInput {
  role: string;
  orgId: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  org: { id: string; name: string };
  roles: RoleGrant[];
  mustChangePassword: boolean;
  csrfToken: string;
  unreadNotifications: number;
  nav: string[];
}

export interface LoginResponse {
  user: Me;
  csrfToken: string;
}

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export interface Org {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  kind: string;
  regionCode: string | null;
  uscc: string | null;
  status: "active" | "inactive";
  userCount: number;
}

export interface OrgInput {
  name?: string;
  shortName?: string | null;
  kind?: string;
  parentId?: string | null;
  regionCode?: string | null;
  uscc?: string | null;
  status?: "active" | "inactive";
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  org: { id: string; name: string };
  status: "active" | "disabled";
  locked: boolean;
  roles: RoleGrant[];
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: "ok" | "denied" | "failed";
  ip: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: MaybeLocalized } | null;
}

export interface SecuritySettings {
  passwordMinLength: number;
  passwordMinClasses: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
}

export interface Notification {
  id: string;
  kind: string;
  title: MaybeLocalized;
  body: MaybeLocalized;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<Notification> {
  unread: number;
}
