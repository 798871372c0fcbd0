// Payee bank accounts: sealed at rest exactly as the registry seals a talent's bank account (the same
// field cipher and field name), so an account taken from the registry is copied as it is. The full
// number leaves the server only inside an exported bank payment file; screens show the last four.
import type { FieldError } from "../../lib/errors.js";

/** The part of lib/crypto.ts FieldCipher the funds domain uses. */
export interface BankCipher {
  encrypt(field: string, plain: string): string;
  decrypt(field: string, stored: string): string;
}

export const BANK_ACCOUNT_FIELD = "talent.bankAccount";

/** Digits only, 12–30 of them (bank cards and accounts), or the problem. */
export function normaliseBankAccount(
  raw: string,
  path: string,
): { ok: true; value: string } | { ok: false; error: FieldError } {
  const value = raw.replace(/[\s-]/g, "");
  if (/^\d{12,30}$/.test(value)) return { ok: true, value };
  return {
    ok: false,
    error: { path, message: { zh: "银行账号应为12-30位数字", en: "bank account must be 12-30 digits" } },
  };
}

/** What a screen shows: the last four digits only. */
export const maskedAccount = (last4: string): string => (last4 === "" ? "" : `**** **** **** ${last4}`);
