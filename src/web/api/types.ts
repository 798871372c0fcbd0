import type { Answer, Input } from "../../contracts/index";
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

export { ORG_KINDS, type OrgKind } from "../../contracts/orgs.values";

export const NAV_KEYS = [
  "home",
  "notifications",
  "account",
  "orgs",
  "users",
  "audit",
  "security",
  "policy",
  "tasks",
  "supervision",
  "assessment",
  "talents",
  "employers",
  "myProfile",
  "catalogue",
  "holidays",
  "apply",
  "myApplications",
  "workbench",
  "articles",
  "publicity",
  "calculator",
  "myOffers",
  "proactive",
  "funds",
  "myFunds",
  "myClaims",
  "claims",
  "myCertificates",
  "certificates",
  "hrAgencies",
  "myHrAgency",
  "clauseReport",
  "cockpit",
  "myReviews",
  "evaluationRounds",
] as const;
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
  /** Two-factor authentication is on. */
  mfaEnabled: boolean;
  /** A role requires 2FA and it is not on: the user is kept on the account page's 2FA tab. */
  mfaEnrolmentRequired: boolean;
  csrfToken: string;
  unreadNotifications: number;
  nav: string[];
}

export interface LoginResponse {
  /** Absent while the second factor is pending (mfaRequired). */
  user?: Me;
  csrfToken: string;
  mfaRequired: boolean;
}

export interface MfaStatus {
  enabled: boolean;
  required: boolean;
  enrolmentPending: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export interface MfaEnrolment {
  otpauthUri: string;
  /** data: URL of a PNG QR code */
  qrCode: string;
  secret: string;
}

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

/** An organisation of the tree, as GET /api/orgs answers it. */
export type Org = Answer<"GET /api/orgs">["items"][number];
/** A new organisation, as POST /api/orgs accepts it. */
export type NewOrg = Input<"POST /api/orgs">["body"];
/** The changes PATCH /api/orgs/:id accepts. */
export type OrgInput = Input<"PATCH /api/orgs/:id">["body"];

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  org: { id: string; name: string };
  status: "active" | "disabled";
  locked: boolean;
  roles: RoleGrant[];
  mustChangePassword: boolean;
  mfaEnabled: boolean;
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

export interface AuditRetention {
  days: number;
  minimumDays: number;
  updatedAt: string | null;
  updatedBy: string | null;
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
  /** Roles whose holders must use two-factor authentication. */
  mfaRequiredRoles: string[];
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

// ---------------------------------------------------------------------------------------------
// Policy documents, tasks, reports, supervision and assessment (docs/api/policy.md).

/** An organisation (or, for people, a user). */
export interface UnitRef {
  id: string;
  name: string;
}

export type Light = "green" | "yellow" | "red";
export const LIGHTS: readonly Light[] = ["green", "yellow", "red"];
export type ReportPeriod = "monthly" | "quarterly";
export const REPORT_PERIODS: readonly ReportPeriod[] = ["monthly", "quarterly"];
export type TaskStatus = "not_started" | "in_progress" | "completed";
export const TASK_STATUSES: readonly TaskStatus[] = ["not_started", "in_progress", "completed"];
export type ReportStatus = "submitted" | "approved" | "returned";
export const REPORT_STATUSES: readonly ReportStatus[] = ["submitted", "approved", "returned"];
export type OrderStatus = "open" | "answered";

export interface LightReason {
  kind: "milestone" | "supervision" | "task";
  id: string;
  title: string;
  dueDate: string;
  light: "yellow" | "red";
}

export interface ParseWarning {
  line: number;
  message: Localized;
}

export interface ParsedMeasure {
  no: number;
  title: string;
  text: string;
  lead: string[];
  responsible: string[];
  /** yyyy-mm-dd, "长期" or the text as written. */
  due: string | null;
}

export interface ParsedPolicy {
  title: string;
  issuer: string | null;
  date: string | null;
  sections: { no: number; title: string; measures: ParsedMeasure[] }[];
  warnings: ParseWarning[];
}

export interface DocumentSummary {
  id: string;
  title: string;
  issuer: string | null;
  date: string | null;
  filename: string;
  sha256: string;
  reportPeriod: ReportPeriod;
  sectionCount: number;
  measureCount: number;
  warningCount: number;
  importedAt: string;
  importedBy: UnitRef | null;
}

export interface ImportResult {
  document: DocumentSummary;
  tasks: number;
  createdOrganisations: { id: string; name: string; kind: string }[];
  groupUnits: string[];
  warnings: ParseWarning[];
}

export interface Measure {
  id: string;
  documentId: string;
  sectionId: string;
  no: number;
  /** "(二十三)" */
  label: string;
  title: string;
  text: string;
  due: string | null;
  /** As the document writes them. */
  leadNames: string[];
  responsibleNames: string[];
  /** Resolved organisations (aliases merged). */
  lead: UnitRef[];
  responsible: UnitRef[];
  groupUnits: string[];
  taskId: string | null;
}

export interface DocumentSection {
  id: string;
  no: number;
  title: string;
  measures: Measure[];
}

export interface DocumentDetail {
  document: DocumentSummary;
  warnings: ParseWarning[];
  sections: DocumentSection[];
}

export interface Alias {
  id: string;
  alias: string;
  canonicalName: string;
  organisation: UnitRef | null;
  createdAt: string;
}

export interface TaskSummary {
  id: string;
  title: string;
  document: { id: string; title: string };
  measure: { id: string; no: number; label: string };
  due: string | null;
  /** Where the deadline came from: the policy's time limit or the talent office's decision. */
  dueSource: "policy" | "office" | null;
  status: TaskStatus;
  progress: number;
  light: Light;
  lightReasons: LightReason[];
  lightUpdatedAt: string;
  reportPeriod: ReportPeriod;
  lead: UnitRef[];
  responsible: UnitRef[];
  groupUnits: string[];
  milestoneCount: { total: number; done: number };
  createdAt: string;
  updatedAt: string;
}

export interface Milestone {
  id: string;
  title: string;
  dueDate: string;
  weight: number;
  done: boolean;
  doneAt: string | null;
  doneBy: UnitRef | null;
  onTime: boolean | null;
  light: Light;
}

export interface TaskAbilities {
  update: boolean;
  manageMilestones: boolean;
  writeReport: boolean;
  issueSupervision: boolean;
}

export interface Task extends TaskSummary {
  reportPeriodOverride: ReportPeriod | null;
  measureText: string;
  milestones: Milestone[];
  abilities: TaskAbilities;
}

export interface TaskStats {
  total: number;
  byLight: Record<Light, number>;
  byStatus: Record<TaskStatus, number>;
}

export interface TaskEvent {
  id: string;
  at: string;
  /** null = the system */
  actor: UnitRef | null;
  kind: string;
  detail: Record<string, unknown> | null;
}

export interface Report {
  id: string;
  task: { id: string; title: string };
  org: UnitRef;
  periodKey: string;
  text: string;
  progress: number;
  status: ReportStatus;
  author: UnitRef;
  firstSubmittedAt: string;
  submittedAt: string;
  reviewer: UnitRef | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  /** In the author's order. */
  attachments: Attachment[];
  abilities: { revise: boolean; review: boolean };
}

/** A file as the objects that carry it show it. */
export interface Attachment {
  id: string;
  filename: string;
  mime: string;
  size: number;
}

/** An upload (POST /api/files). */
export interface StoredFile extends Attachment {
  sha256: string;
  createdAt: string;
}

export interface SupervisionOrder {
  id: string;
  task: { id: string; title: string };
  org: UnitRef;
  content: string;
  dueDate: string;
  status: OrderStatus;
  light: Light;
  late: boolean;
  issuedBy: UnitRef;
  issuedAt: string;
  response: string | null;
  respondedBy: UnitRef | null;
  respondedAt: string | null;
  abilities: { respond: boolean };
}

export type IndicatorKey =
  | "task_progress"
  | "milestones_on_time"
  | "report_on_time"
  | "report_quality"
  | "supervision_on_time";

export interface Scheme {
  year: number;
  indicators: { key: IndicatorKey; name: Localized; weight: number }[];
  reportGraceDays: number;
  /** How much a measure counts towards 承担任务推进 by the unit's role, percent. */
  shares: { lead: number; responsible: number };
  isDefault: boolean;
  updatedAt: string | null;
}

export interface Adjustment {
  id: string;
  org: UnitRef;
  points: number;
  reason: string;
  createdBy: UnitRef;
  createdAt: string;
}

export interface IndicatorResult {
  key: IndicatorKey;
  name: Localized;
  weight: number;
  effectiveWeight: number;
  expected: number;
  achieved: number;
  rate: number | null;
  measured: boolean;
  score: number;
  explanation: Localized;
}

/** One line of a score; the lines' earned points add up to the total. */
export interface ScoreLine {
  key: IndicatorKey | "adjustment";
  item: Localized;
  weight: number | null;
  measured: Localized | null;
  earned: number;
  reason: Localized;
}

export interface AssessmentRow {
  /** null: no data, listed after the ranked units. */
  rank: number | null;
  org: UnitRef;
  noData: boolean;
  indicators: IndicatorResult[];
  indicatorTotal: number | null;
  adjustments: Adjustment[];
  adjustmentTotal: number;
  total: number | null;
  lines: ScoreLine[];
}

export interface AssessmentResult {
  year: number;
  asOf: string;
  scheme: Scheme;
  rows: AssessmentRow[];
}
