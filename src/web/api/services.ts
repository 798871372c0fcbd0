// The service catalogue (事项清单), applications (办件), the officer workbench and the holiday calendar
// (docs/api/services.md). Kept out of endpoints.ts so that only the lazily loaded pages download it.
import type { FormSchema } from "../components/SchemaForm";
import { api, download, type RequestOptions, seg } from "./client";
import type { Attachment, Light, Localized, Page, UnitRef } from "./types";

export const ITEM_KINDS = ["confirmation", "payment", "public_service", "filing"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const APPLICANT_KINDS = ["talent", "employer", "employer_for_staff"] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const FILE_TYPES = ["pdf", "jpg", "png", "docx", "xlsx"] as const;
export type FileType = (typeof FILE_TYPES)[number];

export interface Material {
  code: string;
  name: string;
  required: boolean;
  types: FileType[];
  note?: string;
}

export type StepKind = "review" | "countersign" | "publicity";
export type StepAction = "approve" | "return" | "reject";
export const STEP_ACTIONS: readonly StepAction[] = ["approve", "return", "reject"];

export interface WorkflowStep {
  key: string;
  name: string;
  kind: StepKind;
  orgIds: string[];
  role: "officer" | "leader";
  days: number;
  actions: StepAction[];
  publicityDays?: number;
}

export interface Workflow {
  steps: WorkflowStep[];
  allowSameApprover: boolean;
}

export interface ItemContent {
  name: string;
  kind: ItemKind;
  ownerOrgId: string;
  legalBasis: string;
  applicants: ApplicantKind[];
  eligibility: unknown | null;
  amountRule: unknown | null;
  materials: Material[];
  form: FormSchema;
  workflow: Workflow;
  promisedDays: number;
  feeFen: number;
  guide: string;
}

export interface CatalogueItem extends Omit<ItemContent, "workflow"> {
  code: string;
  version: number;
  versionId: string;
  publishedAt: string;
  ownerOrg: UnitRef;
  measures: { id: string; label: string; title: string }[];
  workflow: { steps: (WorkflowStep & { orgs: UnitRef[] })[]; allowSameApprover: boolean };
}

export interface CatalogueSummary {
  code: string;
  name: string;
  kind: ItemKind;
  ownerOrg: UnitRef;
  version: number;
  promisedDays: number;
  feeFen: number;
  applicants: ApplicantKind[];
}

export interface ManagedItem {
  id: string;
  code: string;
  name: string;
  kind: ItemKind;
  ownerOrg: UnitRef;
  draft: ItemContent | null;
  currentVersion: number | null;
  /** The policy measures the item implements (kept outside the versions). */
  measures: { id: string; label: string; title: string }[];
  versions: { version: number; versionId: string; publishedAt: string; publishedBy: UnitRef | null }[];
  createdAt: string;
  updatedAt: string;
}

export interface PowerListRow {
  code: string;
  name: string;
  kind: ItemKind;
  kindLabel: Localized;
  authority: string;
  legalBasis: string;
  promisedDays: number;
  feeFen: number;
  responsibleUnits: string[];
  list: "power" | "responsibility";
}

export const APPLICATION_STATUSES = [
  "draft",
  "in_review",
  "returned",
  "withdrawn",
  "approved",
  "rejected",
  "filed",
  "revoked",
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type Decision = "approve" | "return" | "reject" | "revoke";
export type AllowedAction = "edit" | "submit" | "withdraw" | Decision;

export interface StepView {
  index: number;
  key: string;
  name: string;
  kind: StepKind;
  role: "officer" | "leader";
  orgs: { id: string; name: string; signedAt: string | null; signedBy: UnitRef | null }[];
  days: number;
  state: "pending" | "active" | "done" | "skipped";
  startedAt: string | null;
  promisedDate: string | null;
  completedAt: string | null;
  overdue: boolean;
  publicity?: { id: string; endsAt: string; openObjections: number; passed: boolean } | null;
}

export type HistoryType =
  | "created"
  | "submitted"
  | "resubmitted"
  | "withdrawn"
  | "approved"
  | "countersigned"
  | "returned"
  | "rejected"
  | "revoked"
  | "filed"
  | "publicity_opened"
  | "completed"
  | "overdue";

export interface HistoryEvent {
  seq: number;
  at: string;
  type: HistoryType | string;
  actor: { id: string; name: string; orgName: string | null } | null;
  stepIndex: number | null;
  stepName: string | null;
  comment: string | null;
  corrections: string[] | null;
  reason: string | null;
  /** `overdue` events: the deadline that passed. */
  deadline?: string | null;
}

export interface ApplicationMaterial extends Material {
  files: Attachment[];
}

export type PersonalKind = "idCard" | "phone" | "bankAccount";

export interface Application {
  id: string;
  number: string;
  item: { code: string; name: string; kind: ItemKind; version: number; versionId: string };
  applicant: { id: string; name: string; orgName: string | null; kind: "talent" | "employer" };
  beneficiaryName: string | null;
  status: ApplicationStatus;
  /** Personal-data fields hold their masked value (2108**********1233); reveal for the full one. */
  form: Record<string, unknown>;
  personalFields: { name: string; kind: PersonalKind }[];
  /** Fields whose value is the registry's: 来自人才档案 (talent) / 来自单位档案 (employer). */
  sources: Record<string, "talent" | "employer">;
  materials: ApplicationMaterial[];
  eligibility: "pass" | "fail" | "unknown" | null;
  currentStep: StepView | null;
  steps: StepView[];
  deadline: string | null;
  overdue: boolean;
  light: Light | null;
  corrections: string[] | null;
  history: HistoryEvent[];
  allowedActions: AllowedAction[];
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
}

export interface ApplicationSummary {
  id: string;
  number: string;
  item: { code: string; name: string; kind: ItemKind };
  applicant: UnitRef;
  status: ApplicationStatus;
  currentStep: { index: number; name: string; orgNames: string[] } | null;
  stepDeadline: string | null;
  light: Light | null;
  submittedAt: string | null;
  updatedAt: string;
}

export interface HolidayDay {
  date: string;
  kind: "holiday" | "workday";
  name: string;
}

export const catalogueApi = {
  list: (query: { kind?: ItemKind; q?: string } = {}, opts?: RequestOptions) =>
    api.get<{ items: CatalogueSummary[] }>("/catalogue", { ...opts, query: { ...query } }),
  powerList: () => api.get<{ items: PowerListRow[] }>("/catalogue/power-list"),
  get: (code: string, version?: number, opts?: RequestOptions) =>
    api.get<CatalogueItem>(`/catalogue/${seg(code)}`, { ...opts, query: { version } }),
  managed: () => api.get<{ items: ManagedItem[] }>("/catalogue/manage/items"),
  managedItem: (id: string, opts?: RequestOptions) =>
    api.get<ManagedItem>(`/catalogue/manage/items/${seg(id)}`, opts),
  create: (code: string, content: ItemContent) =>
    api.post<ManagedItem>("/catalogue/manage/items", { code, content }, { quiet: true }),
  saveDraft: (id: string, content: ItemContent) =>
    api.put<ManagedItem>(`/catalogue/manage/items/${seg(id)}/draft`, { content }, { quiet: true }),
  publish: (id: string) => api.post<ManagedItem>(`/catalogue/manage/items/${seg(id)}/publish`, {}),
  setMeasures: (id: string, measureIds: string[]) =>
    api.put<ManagedItem>(`/catalogue/manage/items/${seg(id)}/measures`, { measureIds }, { quiet: true }),
};

export interface WorkbenchQuery {
  itemCode?: string;
  light?: Light;
  overdue?: boolean;
  q?: string;
}

/** A fresh Idempotency-Key: one per submit attempt, reused only when that attempt is retried. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `sub-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export const applicationApi = {
  create: (itemCode: string, beneficiaryName?: string) =>
    api.post<Application>("/applications", beneficiaryName ? { itemCode, beneficiaryName } : { itemCode }),
  mine: (query: { status?: ApplicationStatus; cursor?: string | null; limit?: number }) =>
    api.get<Page<ApplicationSummary>>("/applications/mine", { query: { ...query } }),
  get: (id: string, opts?: RequestOptions) => api.get<Application>(`/applications/${seg(id)}`, opts),
  update: (
    id: string,
    body: { form?: Record<string, unknown>; materials?: { code: string; fileIds: string[] }[] },
  ) => api.patch<Application>(`/applications/${seg(id)}`, body, { quiet: true }),
  submit: (id: string, idempotencyKey: string) =>
    api.post<Application>(
      `/applications/${seg(id)}/submit`,
      {},
      {
        quiet: true,
        headers: { "Idempotency-Key": idempotencyKey },
      },
    ),
  withdraw: (id: string, reason?: string) =>
    api.post<Application>(`/applications/${seg(id)}/withdraw`, reason ? { reason } : {}),
  /** Full values of personal-data fields, with a reason (audited). */
  reveal: (id: string, body: { fields: string[]; reason: string }) =>
    api.post<{ values: Record<string, string | null> }>(`/applications/${seg(id)}/reveal`, body, {
      quiet: true,
    }),
  decide: (
    id: string,
    body: {
      action: Decision;
      stepIndex: number;
      comment?: string;
      corrections?: string[];
      reason?: string;
    },
  ) => api.post<Application>(`/applications/${seg(id)}/decisions`, body, { quiet: true }),
};

export const workbenchApi = {
  list: (query: WorkbenchQuery & { cursor?: string | null; limit?: number }) =>
    api.get<Page<ApplicationSummary>>("/workbench", {
      query: { ...query, overdue: query.overdue ? "true" : undefined },
    }),
  exportXlsx: (query: WorkbenchQuery) =>
    download("/workbench/export.xlsx", "workbench.xlsx", {
      query: { ...query, overdue: query.overdue ? "true" : undefined },
    }),
};

/** The talent office's cross-department list: cases past their step's deadline, or due today. */
export type CaseDue = "overdue" | "today";
export const overviewApi = {
  list: (query: { due: CaseDue; cursor?: string | null; limit?: number }) =>
    api.get<Page<ApplicationSummary>>("/applications/overview", { query }),
};

export const holidayApi = {
  list: (year: number) => api.get<{ items: HolidayDay[] }>("/holidays", { query: { year } }),
  put: (date: string, body: { kind: HolidayDay["kind"]; name: string }) =>
    api.put<HolidayDay>(`/holidays/${seg(date)}`, body, { quiet: true }),
  remove: (date: string) => api.delete<{ ok: true }>(`/holidays/${seg(date)}`),
};
