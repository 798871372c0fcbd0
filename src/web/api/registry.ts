// Endpoints of the talent and employer registry (/api/registry). Types are kept here so that only
// the lazily loaded registry pages download them.
import { api, download, type RequestOptions, seg, uploadRaw } from "./client";
import type { Page } from "./types";

export type IdType = "resident" | "passport";
export type Gender = "male" | "female";
export type Tier = "A" | "B" | "C" | "D" | "E";
export type Category =
  | "basic_research"
  | "applied_research"
  | "social_science"
  | "skills"
  | "teachers"
  | "doctors"
  | "management"
  | "rural";
export const CATEGORIES: Category[] = [
  "basic_research",
  "applied_research",
  "social_science",
  "skills",
  "teachers",
  "doctors",
  "management",
  "rural",
];
export const TIERS: Tier[] = ["A", "B", "C", "D", "E"];
export type EngagementKind = "full_time" | "advisor" | "part_time" | "equity";
export type RevealField = "idNumber" | "phone" | "bankAccount";

export interface Ref {
  id: string;
  name: string;
}

export interface TalentSummary {
  id: string;
  name: string;
  idType: IdType;
  idNumberMasked: string;
  gender: Gender;
  birthDate: string;
  phoneMasked: string | null;
  employer: Ref | null;
  category: Category | null;
  industry: string | null;
  tier: Tier | null;
  hasAccount: boolean;
  updatedAt: string;
}

export interface Talent extends TalentSummary {
  bankAccountMasked: string | null;
  /** A bank-account change waiting for the talent office (待人才办确认). */
  pendingBankChange: {
    id: string;
    accountMasked: string | null;
    requestedBy: "talent" | "office";
    requestedAt: string;
  } | null;
  arrivalDate: string | null;
  salaryYearly: number | null;
  taxYearly: number | null;
  educations: { degree: string; school: string; major?: string | null; year?: number | null }[];
  titles: { name: string; level: string; year?: number | null }[];
  skills: { name: string; level: string; year?: number | null }[];
  awards: { name: string; level: "national" | "provincial" | "city"; year: number }[];
  patents: {
    title: string;
    kind: "invention" | "utility" | "design";
    number?: string | null;
    year: number;
  }[];
  engagements: {
    employerId: string | null;
    employerName: string;
    kind: EngagementKind;
    startsOn: string;
    endsOn: string | null;
  }[];
  postdocs: { station: string; startsOn: string; endsOn?: string | null }[];
  tierHistory: {
    tier: string;
    recognisedOn: string;
    source: string;
    note: string | null;
    recordedBy: Ref | null;
    at: string;
  }[];
  abilities: { update: boolean; setTier: boolean; reveal: boolean };
}

export interface TalentInput {
  name: string;
  idType: IdType;
  idNumber: string;
  gender?: Gender;
  birthDate?: string;
  phone?: string | null;
  employerId?: string | null;
  category?: Category | null;
  industry?: string | null;
}

export interface OwnInput {
  phone?: string | null;
  bankAccount?: string | null;
  /** Required with a new bank account (re-authentication). */
  currentPassword?: string;
  industry?: string | null;
  category?: Category | null;
  arrivalDate?: string | null;
}

export interface Employer {
  id: string;
  name: string;
  uscc: string;
  kind: string;
  industry: string | null;
  regionCode: string | null;
  contactName: string | null;
  contactPhoneMasked: string | null;
  org: Ref | null;
  staffCount: number;
  updatedAt: string;
  abilities: { update: boolean; readStaff: boolean };
}

export interface EmployerInput {
  name: string;
  uscc: string;
  kind: string;
  industry?: string | null;
  regionCode?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

export type ImportKind = "talents" | "employers";
export type ImportMode = "all_or_nothing" | "valid_rows";
export interface RowError {
  row: number;
  column: string | null;
  message: { zh: string; en: string };
}
export interface ImportResult {
  kind: ImportKind;
  mode: ImportMode;
  rows: number;
  imported: number;
  rejectedRows: number;
  errors: RowError[];
  errorCount: number;
  errorReport: { filename: string; contentBase64: string } | null;
}

export type Verdict = "pass" | "fail" | "unknown";
export interface TierExplained {
  ruleSet: { code: string; version: number; title: string };
  asOf?: string;
  recognisedTier?: Tier | null;
  explanation: {
    result: Tier | "none" | "unknown";
    steps: {
      tier: Tier;
      result: Verdict;
      citation?: { doc: string; measure?: number };
      conditions: { path: string; label: { zh: string; en: string }; result: Verdict }[];
    }[];
  };
}

export interface Bilingual {
  zh: string;
  en: string;
}
export interface RuleCitation {
  doc: string;
  measure?: number;
  article?: string;
}
export interface RuleSetVersion {
  id: string;
  code: string;
  version: number;
  kind: string;
  title: string;
  document: unknown;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}
export interface RuleSetDetail {
  current: RuleSetVersion;
  versions: {
    version: number;
    title: string;
    note: string | null;
    createdBy: string | null;
    createdByName: string | null;
    createdAt: string;
  }[];
}
export interface RuleProblem {
  path: string;
  code?: string;
  message: Bilingual;
}
export interface RuleTree {
  path: string;
  kind: string;
  label: Bilingual;
  citation?: RuleCitation;
  result: Verdict;
  children: RuleTree[];
}
export interface RuleLeaf {
  path: string;
  label: Bilingual;
  citation?: RuleCitation;
  result: Verdict;
  actual: unknown;
  expected: { op: string; value?: unknown };
}
/** What the rule language's `explain` returns for a tier, eligibility or suspension rule (amount: fen). */
export interface RuleExplanation {
  kind: string;
  result: string | null;
  possible?: string[];
  citation?: RuleCitation;
  conditions?: RuleLeaf[];
  tree?: RuleTree;
  steps?: { tier: Tier; result: Verdict; citation?: RuleCitation; conditions: RuleLeaf[]; tree: RuleTree }[];
  fen?: number | null;
  missing?: { path: string; field: string }[];
}
export interface RuleExplained {
  ruleSet: { code: string; version: number; title: string };
  draft?: boolean;
  talent?: Ref;
  asOf?: string;
  explanation: RuleExplanation;
}

export interface TalentQuery {
  q?: string;
  tier?: Tier;
  category?: Category;
  employerId?: string;
  cursor?: string | null;
  limit?: number;
}

export type BankChangeStatus = "pending" | "confirmed" | "rejected" | "superseded";
export interface BankChange {
  id: string;
  status: BankChangeStatus;
  talent: { id: string; name: string; idNumberMasked: string };
  oldAccountMasked: string | null;
  newAccountMasked: string | null;
  requestedBy: { id: string; name: string; kind: "talent" | "office" };
  createdAt: string;
  decidedBy: Ref | null;
  decidedAt: string | null;
  note: string | null;
  abilities: { decide: boolean };
}

export const registryApi = {
  bankChanges: (status?: BankChangeStatus) =>
    api.get<{ items: BankChange[] }>("/registry/bank-changes", { query: { status } }),
  decideBankChange: (id: string, decision: "confirm" | "reject", note?: string) =>
    api.post<BankChange>(`/registry/bank-changes/${seg(id)}/${decision}`, note ? { note } : {}, {
      quiet: true,
    }),
  talents: (query: TalentQuery, opts?: RequestOptions) =>
    api.get<Page<TalentSummary>>("/registry/talents", { ...opts, query: { ...query } }),
  talent: (id: string, opts?: RequestOptions) => api.get<Talent>(`/registry/talents/${seg(id)}`, opts),
  createTalent: (body: TalentInput) => api.post<Talent>("/registry/talents", body, { quiet: true }),
  setTier: (id: string, body: { tier: Tier | "none"; recognisedOn: string; note?: string | null }) =>
    api.post<Talent>(`/registry/talents/${seg(id)}/tier`, body, { quiet: true }),
  reveal: (id: string, body: { reason: string; fields: RevealField[] }) =>
    api.post<Partial<Record<RevealField, string | null>>>(`/registry/talents/${seg(id)}/reveal`, body, {
      quiet: true,
    }),
  tierExplain: (id: string) =>
    api.get<TierExplained>(`/registry/talents/${seg(id)}/tier-explain`, { quiet: true }),
  me: (opts?: RequestOptions) => api.get<Talent>("/registry/me", opts),
  updateMe: (body: OwnInput) => api.patch<Talent>("/registry/me", body, { quiet: true }),
  employers: (query: { q?: string; cursor?: string | null; limit?: number }, opts?: RequestOptions) =>
    api.get<Page<Employer>>("/registry/employers", { ...opts, query: { ...query } }),
  employer: (id: string, opts?: RequestOptions) => api.get<Employer>(`/registry/employers/${seg(id)}`, opts),
  myEmployer: (opts?: RequestOptions) => api.get<Employer>("/registry/employers/mine", opts),
  createEmployer: (body: EmployerInput) => api.post<Employer>("/registry/employers", body, { quiet: true }),
  template: (kind: ImportKind) =>
    download(
      `/registry/import/templates/${seg(kind)}`,
      kind === "talents" ? "人才导入模板.xlsx" : "用人单位导入模板.xlsx",
    ),
  ruleSets: (opts?: RequestOptions) =>
    api.get<{ items: (RuleSetVersion & { versions: number })[] }>("/registry/rule-sets", opts),
  ruleSet: (code: string, opts?: RequestOptions) =>
    api.get<RuleSetDetail>(`/registry/rule-sets/${seg(code)}`, opts),
  checkRule: (document: unknown) =>
    api.post<{ ok: boolean; errors: RuleProblem[] }>(
      "/registry/rule-sets/check",
      { document },
      { quiet: true },
    ),
  saveRuleSet: (code: string, body: { title: string; document: unknown; note?: string | null }) =>
    api.post<RuleSetVersion>(`/registry/rule-sets/${seg(code)}`, body, { quiet: true }),
  explainRule: (
    code: string,
    body: { document?: unknown; talentId?: string; profile?: Record<string, unknown>; asOf?: string },
  ) => api.post<RuleExplained>(`/registry/rule-sets/${seg(code)}/explain`, body, { quiet: true }),
  import: (kind: ImportKind, mode: ImportMode, file: File) =>
    uploadRaw<ImportResult>(`/registry/import/${seg(kind)}`, file, {
      query: { mode, filename: file.name },
      quiet: true,
    }),
};
