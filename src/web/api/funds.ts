// Endpoints of the talent special fund (/api/funds). Money is integer 分 throughout. Every
// money-moving call sends a fresh Idempotency-Key, so a double click or a retry posts once.
import { api, download, seg } from "./client";
import type { Page } from "./types";

export interface Ref {
  id: string;
  name: string;
}

export interface Balances {
  allocated: number;
  available: number;
  reserved: number;
  payable: number;
  paid: number;
  returned: number;
}

export interface Fund {
  id: string;
  code: string;
  name: string;
  description: string;
  owner: Ref;
  finance: Ref;
  totals: Balances;
  abilities: { manage: boolean; allocate: boolean; pay: boolean };
}

export type StageCondition = "on_creation" | "application_approved" | "manual";
export interface MeasureRef {
  id: string;
  label: string | null;
  title: string;
}

export interface BudgetLine {
  id: string;
  fundId: string;
  year: number;
  code: string;
  name: string;
  measure: MeasureRef | null;
  itemCode: string | null;
  stagePlan:
    | { name: string; percent: number; condition: StageCondition; conditionRef?: string | null }[]
    | null;
  balances: Balances;
}

export interface Stage {
  id: string;
  no: number;
  name: string;
  amount: number;
  condition: StageCondition;
  conditionRef: string | null;
  status: "pending" | "payable" | "in_batch" | "paid" | "returned" | "cancelled";
  metAt: string | null;
  paidAt: string | null;
}

export type EntitlementStatus = "reserved" | "payable" | "paying" | "paid" | "returned" | "cancelled";
export interface Entitlement {
  id: string;
  budgetLine: { id: string; code: string; name: string; year: number };
  fund: Ref;
  talent: Ref;
  employer: Ref | null;
  sourceKind: "application" | "grant" | "subsidy" | "manual";
  sourceId: string;
  title: string;
  amount: number;
  paid: number;
  status: EntitlementStatus;
  payee: { name: string; bank: string; account: string };
  stages: Stage[];
  createdAt: string;
  abilities: { manage: boolean };
}

export interface EntitlementDetail extends Entitlement {
  payments: {
    id: string;
    stageId: string;
    amount: number;
    status: "pending" | "paid" | "failed";
    failureReason: string | null;
    resolvedAt: string | null;
    batch: { id: string; title: string };
  }[];
}

export interface Journal {
  id: string;
  kind: string;
  amount: number;
  memo: string;
  entitlementId: string | null;
  stageId: string | null;
  batchId: string | null;
  reversesId: string | null;
  reversedBy: string | null;
  createdAt: string;
  createdBy: Ref | null;
  postings: { account: string; amount: number }[];
}

export type BatchStatus = "draft" | "approved" | "exported" | "closed" | "cancelled";
export interface BatchLine {
  id: string;
  stageId: string;
  entitlementId: string;
  title: string;
  talent: Ref;
  amount: number;
  payeeName: string;
  payeeBank: string;
  payeeAccount: string;
  status: "pending" | "paid" | "failed";
  failureReason: string | null;
}
export interface Batch {
  id: string;
  fund: Ref;
  title: string;
  status: BatchStatus;
  total: number;
  lineCount: number;
  approvalsRequired: number;
  createdAt: string;
  createdBy: Ref;
  approvals: { by: Ref; at: string }[];
  exportedAt: string | null;
  closedAt: string | null;
  lines?: BatchLine[];
  abilities: { approve: boolean; export: boolean; record: boolean; cancel: boolean };
}

export interface Dashboard {
  year: number | null;
  funds: { id: string; name: string; totals: Balances; lines: BudgetLine[] }[];
  measures: {
    measure: MeasureRef | null;
    allocated: number;
    reserved: number;
    paid: number;
    talentsPaid: number;
  }[];
}

export interface Reconciliation {
  ok: boolean;
  checkedAt: string;
  accounts: {
    fund: string;
    budgetLine: { id: string; code: string; name: string };
    account: string;
    cached: number;
    ledger: number;
    cachedPostings: number;
    ledgerPostings: number;
    ok: boolean;
  }[];
  unbalancedJournals: string[];
  lineProblems: { budgetLineId: string; problem: string; detail: string }[];
}

export type StagePlan = NonNullable<BudgetLine["stagePlan"]>;

export interface NewFund {
  code: string;
  name: string;
  description?: string;
  financeOrgId: string;
}

export interface NewBudgetLine {
  year: number;
  code: string;
  name: string;
  measureLabel?: string | null;
  itemCode?: string | null;
  stagePlan?: StagePlan | null;
}

export interface FundsSettings {
  /** Batches with a total above this (分) need two different approvers. */
  dualApprovalAbove: number;
}

/** A raise of the limit asked by finance, waiting for the talent office's co-signature. */
export interface SettingsRequest {
  id: string;
  status: "pending" | "approved" | "rejected" | "superseded";
  from: number;
  to: number;
  requestedBy: { id: string; name: string };
  createdAt: string;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  note: string | null;
  abilities: { decide: boolean };
}

export interface MovementResult {
  journalId: string;
  budgetLineId: string;
  balances: Balances;
}

/** A fresh key per logical request (kept by the caller across retries of that request). */
export const newIdempotencyKey = (): string =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `k${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

const once = (key?: string) => ({ headers: { "Idempotency-Key": key ?? newIdempotencyKey() } });

/** 分 → "1,234.56". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
}

export const fundsApi = {
  funds: () => api.get<{ items: Fund[] }>("/funds"),
  fund: (id: string) => api.get<Fund>(`/funds/${seg(id)}`),
  createFund: (body: NewFund) => api.post<Fund>("/funds", body, { quiet: true }),
  createLine: (fundId: string, body: NewBudgetLine) =>
    api.post<BudgetLine>(`/funds/${seg(fundId)}/budget-lines`, body, { quiet: true }),
  settings: () => api.get<FundsSettings>("/funds/settings"),
  /** A lower limit comes back applied (FundsSettings); a raise by finance comes back as a request. */
  saveSettings: (body: FundsSettings) =>
    api.put<FundsSettings | SettingsRequest>("/funds/settings", body, { quiet: true }),
  settingsRequests: () => api.get<{ items: SettingsRequest[] }>("/funds/settings/requests"),
  decideSettingsRequest: (id: string, decision: "approve" | "reject") =>
    api.post<SettingsRequest>(`/funds/settings/requests/${seg(id)}/${decision}`, {}, { quiet: true }),
  lines: (fundId: string, year?: number) =>
    api.get<{ items: BudgetLine[] }>(`/funds/${seg(fundId)}/budget-lines`, { query: { year } }),
  line: (id: string) => api.get<BudgetLine>(`/funds/budget-lines/${seg(id)}`),
  journals: (lineId: string, q: { cursor?: string | null; limit?: number }) =>
    api.get<Page<Journal>>(`/funds/budget-lines/${seg(lineId)}/journals`, { query: q }),
  allocate: (lineId: string, body: { amount: number; memo?: string }, key?: string, quiet = false) =>
    api.post<MovementResult>(`/funds/budget-lines/${seg(lineId)}/allocate`, body, { ...once(key), quiet }),
  dashboard: (q: { year?: number; fundId?: string }) => api.get<Dashboard>("/funds/dashboard", { query: q }),
  entitlements: (q: {
    fundId?: string;
    budgetLineId?: string;
    measureId?: string;
    status?: EntitlementStatus;
    cursor?: string | null;
    limit?: number;
  }) => api.get<Page<Entitlement>>("/funds/entitlements", { query: q }),
  entitlement: (id: string) => api.get<EntitlementDetail>(`/funds/entitlements/${seg(id)}`),
  createEntitlement: (
    body: {
      budgetLineId: string;
      talentUserId: string;
      employerOrgId?: string | null;
      title: string;
      amount?: number;
      stages?: { name: string; amount: number; condition: StageCondition; conditionRef?: string | null }[];
      payee?: { name: string; bank: string; account: string };
    },
    key?: string,
  ) => api.post<{ id: string; status: string; amount: number }>("/funds/entitlements", body, once(key)),
  stageMet: (stageId: string, key?: string) =>
    api.post<MovementResult>(`/funds/stages/${seg(stageId)}/met`, {}, once(key)),
  cancelEntitlement: (id: string, reason: string, key?: string) =>
    api.post<{ id: string; status: string; released: number }>(
      `/funds/entitlements/${seg(id)}/cancel`,
      { reason },
      once(key),
    ),
  mine: (q: { cursor?: string | null; limit?: number }) =>
    api.get<Page<Entitlement>>("/funds/mine", { query: q }),
  batches: (q: { fundId?: string; status?: BatchStatus; cursor?: string | null; limit?: number }) =>
    api.get<Page<Batch>>("/funds/batches", { query: q }),
  batch: (id: string) => api.get<Batch>(`/funds/batches/${seg(id)}`),
  createBatch: (body: { fundId: string; title: string; stageIds?: string[] }, key?: string) =>
    api.post<{ id: string; total: number; lineCount: number; approvalsRequired: number }>(
      "/funds/batches",
      body,
      once(key),
    ),
  approveBatch: (id: string, key?: string) =>
    api.post<{ id: string; status: BatchStatus }>(`/funds/batches/${seg(id)}/approve`, {}, once(key)),
  cancelBatch: (id: string, key?: string) =>
    api.post<{ id: string; status: BatchStatus }>(`/funds/batches/${seg(id)}/cancel`, {}, once(key)),
  recordResults: (
    id: string,
    lines: { lineId: string; result: "paid" | "failed"; reason?: string }[],
    key?: string,
  ) =>
    api.post<{ id: string; status: BatchStatus; paid: number; failed: number }>(
      `/funds/batches/${seg(id)}/results`,
      { lines },
      once(key),
    ),
  exportBatch: (id: string, format: "csv" | "xlsx") =>
    download(`/funds/batches/${seg(id)}/export`, `payment-${id}.${format}`, { query: { format } }),
  reconciliation: (fundId?: string) =>
    api.get<Reconciliation>("/funds/reconciliation", { query: { fundId } }),
  exportReconciliation: (fundId?: string) =>
    download("/funds/reconciliation/export", "reconciliation.xlsx", { query: { fundId } }),
};
