// Tables of migration 2026_12_06_0100_mfa (two-factor authentication).

export interface UserMfaTable {
  user_id: string;
  /** The TOTP secret (base32), sealed with the field cipher under the field name "user_mfa.secret". */
  secret: string;
  /** Null while enrolment waits for its first code. */
  enabled_at: string | null;
  /** RFC 6238 time step (Unix time / 30 s) of the last accepted code: replay protection. */
  last_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface MfaRecoveryCodeTable {
  id: string;
  user_id: string;
  /** Keyed hash (blind index, BLIND_INDEX_KEY) of the normalised code; the code itself is never stored. */
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface MfaTables {
  user_mfa: UserMfaTable;
  mfa_recovery_codes: MfaRecoveryCodeTable;
}
