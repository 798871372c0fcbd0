// Tables of migration 2026_12_06_0500_payout_holds: changes to money controls that wait for a second
// person (issue 12 items 1 and 7).

/** A change of a talent's payee bank account, held until another person at the talent office
 * confirms it. At most one is pending per talent (a partial unique index). */
export interface BankAccountChangeTable {
  id: string;
  talent_id: string;
  status: "pending" | "confirmed" | "rejected" | "superseded";
  /** The account at request time and the one asked for, sealed like talents.bank_account_enc;
   * null means no account (a removal). */
  old_account_enc: string | null;
  new_account_enc: string | null;
  requested_by: string;
  /** Who asked: the talent themselves, or someone at the talent office. */
  requested_as: "talent" | "office";
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A raise of the funds' dual-approval threshold asked by finance, waiting for the talent office's
 * co-signature. At most one is pending (a partial unique index on scope). */
export interface FundsSettingsRequestTable {
  id: string;
  scope: string;
  status: "pending" | "approved" | "rejected" | "superseded";
  from_value: number;
  to_value: number;
  requested_by: string;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface PayoutHoldTables {
  bank_account_changes: BankAccountChangeTable;
  funds_settings_requests: FundsSettingsRequestTable;
}
