// Table types of the funds domain; DB in ../schema.ts extends FundsTables.
// Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1 booleans, integer 分).
import type { Selectable } from "kysely";

/** One claimed Idempotency-Key (lib/idempotency.ts); status 0 never commits (claim and answer share a transaction). */
export interface IdempotencyKeyTable {
  actor_id: string;
  scope: string;
  key: string;
  request_hash: string;
  status: number;
  /** The answer's body as JSON text. */
  body: string;
  created_at: string;
  completed_at: string | null;
}

/** 人才专项资金: managed by the talent office, money allocated by the finance bureau. */
export interface FundTable {
  id: string;
  code: string;
  name: string;
  /** The talent office that manages the fund. */
  owner_org_id: string;
  /** The finance bureau that allocates its money and runs its payment batches. */
  finance_org_id: string;
  description: string;
  created_at: string;
  created_by: string | null;
}

/** A year's budget line of a fund for one measure (policy clause) and optionally one service item. */
export interface FundBudgetLineTable {
  id: string;
  fund_id: string;
  year: number;
  code: string;
  name: string;
  measure_id: string | null;
  /** The measure's label as the policy writes it, e.g. "(七)". */
  measure_label: string | null;
  /** The service catalogue item's code (text link; the catalogue is another domain's). */
  item_code: string | null;
  /** JSON: how an approved application's amount is split into stages (see funds.schema.ts StagePlan); null: one stage. */
  stage_plan: string | null;
  /** Locked with SELECT … FOR UPDATE by every movement on PostgreSQL; bumped on every movement. */
  version: number;
  created_at: string;
  created_by: string | null;
}

/** Accounts of a budget line: allocated (credit-normal source), available, reserved, payable, paid, returned. */
export interface FundAccountTable {
  id: string;
  budget_line_id: string;
  kind: string;
  /** Cached Σ postings.amount, updated in the posting's transaction and checked by reconciliation. */
  balance: number;
  postings: number;
  updated_at: string;
}

/** One movement: a set of postings summing to zero. Append-only. */
export interface FundJournalTable {
  id: string;
  budget_line_id: string;
  kind: string;
  amount: number;
  entitlement_id: string | null;
  stage_id: string | null;
  batch_id: string | null;
  reverses_id: string | null;
  memo: string;
  created_at: string;
  created_by: string | null;
}

/** Append-only: BEFORE UPDATE/DELETE triggers raise on both databases. */
export interface FundPostingTable {
  id: string;
  journal_id: string;
  account_id: string;
  amount: number;
  created_at: string;
}

/** What a talent is owed from a budget line; the amount is fixed at creation and reserved at once. */
export interface FundEntitlementTable {
  id: string;
  budget_line_id: string;
  talent_user_id: string;
  talent_name: string;
  employer_org_id: string | null;
  /** "application" | "grant" | "subsidy" | "manual". */
  source_kind: string;
  source_id: string;
  title: string;
  amount: number;
  /** "reserved" | "payable" | "paying" | "paid" | "cancelled" (derived from the stages). */
  status: string;
  payee_name: string;
  payee_bank: string;
  /** The bank account number, encrypted (see funds/bank-account.ts); never shown in full on screen. */
  payee_account_enc: string;
  payee_account_last4: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

/** A grant stage: payable only once its condition is met. */
export interface FundStageTable {
  id: string;
  entitlement_id: string;
  no: number;
  name: string;
  amount: number;
  /** "on_creation" | "application_approved" | "manual". */
  condition_kind: string;
  /** For application_approved: the service item code whose approval meets it. */
  condition_ref: string | null;
  /** "pending" | "payable" | "in_batch" | "paid" | "cancelled". */
  status: string;
  met_at: string | null;
  met_by: string | null;
  met_source_id: string | null;
  paid_at: string | null;
}

/** A contribution-based subsidy: an amount rule (engine/rules kind "amount") with caps. */
export interface FundSubsidySchemeTable {
  id: string;
  budget_line_id: string;
  name: string;
  /** JSON rule document. */
  rule: string;
  cap_per_person: number;
  cap_per_year: number;
  created_at: string;
  created_by: string | null;
}

/** Recorded contribution of a talent in a year (salary, tax, output), in 分. */
export interface FundContributionTable {
  id: string;
  talent_user_id: string;
  year: number;
  salary: number | null;
  tax: number | null;
  output: number | null;
  recorded_at: string;
  recorded_by: string | null;
}

export interface FundBatchTable {
  id: string;
  fund_id: string;
  title: string;
  /** "draft" | "approved" | "exported" | "closed". */
  status: string;
  total: number;
  line_count: number;
  approvals_required: number;
  created_at: string;
  created_by: string;
  approved1_by: string | null;
  approved1_at: string | null;
  approved2_by: string | null;
  approved2_at: string | null;
  exported_at: string | null;
  closed_at: string | null;
}

export interface FundBatchLineTable {
  id: string;
  batch_id: string;
  stage_id: string;
  entitlement_id: string;
  budget_line_id: string;
  amount: number;
  payee_name: string;
  payee_bank: string;
  payee_account_enc: string;
  payee_account_last4: string;
  /** "pending" | "paid" | "failed". */
  status: string;
  failure_reason: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
}

export type FundsTables = {
  idempotency_keys: IdempotencyKeyTable;
  funds: FundTable;
  fund_budget_lines: FundBudgetLineTable;
  fund_accounts: FundAccountTable;
  fund_journals: FundJournalTable;
  fund_postings: FundPostingTable;
  fund_entitlements: FundEntitlementTable;
  fund_stages: FundStageTable;
  fund_subsidy_schemes: FundSubsidySchemeTable;
  fund_contributions: FundContributionTable;
  fund_batches: FundBatchTable;
  fund_batch_lines: FundBatchLineTable;
};

export type FundRow = Selectable<FundTable>;
export type BudgetLineRow = Selectable<FundBudgetLineTable>;
export type FundAccountRow = Selectable<FundAccountTable>;
export type FundJournalRow = Selectable<FundJournalTable>;
export type EntitlementRow = Selectable<FundEntitlementTable>;
export type StageRow = Selectable<FundStageTable>;
export type BatchRow = Selectable<FundBatchTable>;
export type BatchLineRow = Selectable<FundBatchLineTable>;
export type SubsidySchemeRow = Selectable<FundSubsidySchemeTable>;
export type ContributionRow = Selectable<FundContributionTable>;
