// Tables of migration 2026_12_04_0100_identity_hardening.

export interface PasswordResetTokenTable {
  id: string;
  user_id: string;
  /** SHA-256 (hex) of the token in the link; the token itself is never stored. */
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface RegistryClaimTable {
  id: string;
  kind: "talent" | "employer";
  user_id: string;
  /** The employer's new organisation (employer claims). */
  org_id: string | null;
  talent_id: string | null;
  employer_id: string | null;
  status: "pending" | "approved" | "rejected";
  /** Whether the name given at registration equals the record's (talent claims). */
  name_matches: number;
  /** SHA-256 (hex) of the current one-time SMS code, bound to the claim id. */
  code_hash: string | null;
  code_expires_at: string | null;
  code_attempts: number;
  codes_sent: number;
  /** The employer's authorisation letter (files module). */
  file_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface IdentityHardeningTables {
  password_reset_tokens: PasswordResetTokenTable;
  registry_claims: RegistryClaimTable;
}
