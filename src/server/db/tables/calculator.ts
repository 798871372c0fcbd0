// Table types of the calculator domain (免申即享 runs and offers); DB in ../schema.ts extends
// CalculatorTables. Same conventions as ../schema.ts (text ids, ISO UTC text timestamps, 0/1
// booleans, integer 分).

/** One 免申即享 run: a published item's eligibility rule over the whole registry. */
export interface ProactiveRunTable {
  id: string;
  item_code: string;
  item_name: string;
  /** The published version whose rule the run evaluates (immutable, 新老划断). */
  item_version_id: string;
  item_version: number;
  /** The eligibility rule JSON exactly as evaluated, and its sha256 (hex). */
  rule_json: string;
  rule_sha256: string;
  /** The evaluation date (ages) "YYYY-MM-DD", China time. */
  as_of: string;
  /** Registry snapshot: only talents recorded up to this instant are evaluated. */
  snapshot_at: string;
  /** "queued" | "running" | "done" | "failed" */
  status: string;
  total: number;
  processed: number;
  eligible: number;
  unknown: number;
  offered: number;
  /** Keyset cursor: the last talent id evaluated. */
  cursor: string | null;
  /** While running: the worker holding the run and until when. */
  locked_by: string | null;
  locked_until: string | null;
  error: string | null;
  started_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

/** The talents a run found eligible (the run's result set). */
export interface ProactiveRunResultTable {
  run_id: string;
  talent_id: string;
  /** The talent's account when the run saw it (offers go to accounts). */
  user_id: string | null;
  /** The display name, masked (张*): what lists show. */
  masked_name: string;
}

/** An offer to an eligible talent with an account (数据比对 → 意愿确认). */
export interface ProactiveOfferTable {
  id: string;
  run_id: string;
  talent_id: string;
  user_id: string;
  item_code: string;
  item_name: string;
  item_version_id: string;
  /** "offered" | "accepted" | "declined" */
  status: string;
  /** The approved application created on acceptance. */
  application_id: string | null;
  decline_reason: string | null;
  created_at: string;
  decided_at: string | null;
}

export type CalculatorTables = {
  proactive_runs: ProactiveRunTable;
  proactive_run_results: ProactiveRunResultTable;
  proactive_offers: ProactiveOfferTable;
};
