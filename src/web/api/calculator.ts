// Endpoints of the policy calculator (/api/calculator), the budget simulation and 免申即享
// (/api/proactive). Types are kept here so that only the lazily loaded pages download them.
import { api, type RequestOptions, seg } from "./client";
import type { Page } from "./types";

export interface Bilingual {
  zh: string;
  en: string;
}
export interface Citation {
  doc: string;
  measure?: number;
  article?: string;
}
export type Verdict = "pass" | "fail" | "unknown";
export type Standing = "eligible" | "nearly" | "not_eligible";

export interface Condition {
  path: string;
  label: Bilingual;
  citation?: Citation;
  result: Verdict;
  actual: unknown;
  expected: { op: string; value?: unknown };
}
export interface Missing extends Condition {
  needed: "pass" | "fail";
}
export interface Outcome {
  code: string;
  name: string;
  kind: string;
  version: number;
  versionId: string;
  ownerOrg: { id: string; name: string };
  applicants: string[];
  standing: Standing;
  result: Verdict;
  citation?: Citation;
  changesNeeded: number;
  missing: Missing[];
  conditions: Condition[];
  amountFen: number | null;
}
/** Whose items the calculator lists: a talent's or an employer's. */
export type Audience = "talent" | "employer";
export interface CalculatorResult {
  asOf: string;
  audience: Audience;
  nearLimit: number;
  profileFound?: boolean;
  eligible: Outcome[];
  nearly: Outcome[];
  notEligible: Outcome[];
}
export interface QuestionField {
  field: string;
  label: Bilingual;
  type: string;
  values?: string[];
  unit?: string;
}
export interface Question extends QuestionField {
  of?: QuestionField[];
}

export interface Simulation {
  itemCode: string;
  version: number;
  asOf: string;
  talents: number;
  current: { qualifying: number; unknown: number; totalFen: number; amountUnknown: number };
  proposed: { qualifying: number; unknown: number; totalFen: number; amountUnknown: number };
  gained: number;
  lost: number;
}

export type RunStatus = "queued" | "running" | "done" | "failed";
export interface Run {
  id: string;
  item: { code: string; name: string; version: number; versionId: string };
  ruleSha256: string;
  asOf: string;
  snapshotAt: string;
  status: RunStatus;
  total: number;
  processed: number;
  eligible: number;
  unknown: number;
  offered: number;
  error: string | null;
  startedBy: { id: string; name: string };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
export type OfferStatus = "offered" | "accepted" | "declined";
export interface RunResult {
  talentId: string;
  name: string;
  hasAccount: boolean;
  offer: { id: string; status: OfferStatus } | null;
}
export interface Offer {
  id: string;
  runId: string;
  item: { code: string; name: string; versionId: string };
  status: OfferStatus;
  applicationId: string | null;
  declineReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export const calculatorApi = {
  questions: (audience: Audience, opts?: RequestOptions) =>
    api.get<{ questions: Question[]; items: number }>("/calculator/questions", {
      ...opts,
      query: { audience },
    }),
  calculate: (answers: Record<string, unknown>, audience: Audience) =>
    api.post<CalculatorResult>("/calculator", { answers, audience }, { quiet: true }),
  mine: (opts?: RequestOptions) => api.get<CalculatorResult>("/calculator/me", opts),
  simulate: (body: { itemCode: string; eligibility?: unknown; amountRule?: unknown }) =>
    api.post<Simulation>("/calculator/simulation", body, { quiet: true }),
};

export const proactiveApi = {
  start: (itemCode: string) => api.post<Run>("/proactive/runs", { itemCode }, { quiet: true }),
  runs: (query: { cursor?: string; limit?: number }) =>
    api.get<Page<Run>>("/proactive/runs", { query: { ...query } }),
  run: (id: string, opts?: RequestOptions) => api.get<Run>(`/proactive/runs/${seg(id)}`, opts),
  results: (id: string, query: { cursor?: string; limit?: number }) =>
    api.get<Page<RunResult>>(`/proactive/runs/${seg(id)}/results`, { query: { ...query } }),
  myOffers: (query: { cursor?: string; limit?: number }) =>
    api.get<Page<Offer>>("/proactive/offers/mine", { query: { ...query } }),
  accept: (id: string) => api.post<Offer>(`/proactive/offers/${seg(id)}/accept`, {}),
  decline: (id: string, reason?: string) =>
    api.post<Offer>(`/proactive/offers/${seg(id)}/decline`, reason ? { reason } : {}),
};
