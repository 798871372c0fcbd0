// Tables of migration 2026_12_06_0200_audit_retention.

/** One row per purge of expired audit rows: where the remaining chain starts and what it links to. */
export interface AuditCheckpointTable {
  /** Every row with seq ≤ this was purged; the chain now starts at through_seq + 1. */
  through_seq: number;
  /** Hash of row through_seq: the prev_hash the first remaining row must carry. */
  last_hash: string;
  /** How many rows this purge removed. */
  purged_rows: number;
  /** Rows recorded before this instant were expired (now − retention days). */
  cutoff: string;
  at: string;
  alg: string;
  /** HMAC under AUDIT_KEY over (through_seq, last_hash, cutoff, at, alg): a forged checkpoint fails verify. */
  signature: string;
}

export interface AuditRetentionTables {
  audit_checkpoints: AuditCheckpointTable;
}
