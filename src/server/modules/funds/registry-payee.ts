import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { BANK_ACCOUNT_FIELD, type BankCipher } from "./bank-account.js";
import type { PayeeHolds, PayeeLookup } from "./funds.service.js";

/** The payee the registry knows for a talent's account: their name and sealed bank account (the same
 * cipher and field name as funds/bank-account.ts, so the ciphertext is copied as it is). */
export const registryPayee: PayeeLookup = async (db, talentUserId) => {
  const talent = await db
    .selectFrom("talents")
    .select(["name", "bank_account_enc"])
    .where("user_id", "=", talentUserId)
    .executeTakeFirst();
  if (!talent?.bank_account_enc) return null;
  return { name: talent.name, bank: "", accountEnc: talent.bank_account_enc };
};

/** The talents (by account) among `talentUserIds` whose bank-account change waits for the talent
 * office's confirmation: their stages are held out of payment batches until it is decided. */
export const registryPayeeHolds: PayeeHolds = async (db, talentUserIds) => {
  if (talentUserIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("bank_account_changes")
    .innerJoin("talents", "talents.id", "bank_account_changes.talent_id")
    .select("talents.user_id")
    .where("bank_account_changes.status", "=", "pending")
    .where("talents.user_id", "in", [...new Set(talentUserIds)])
    .execute();
  return new Set(rows.map((r) => r.user_id).filter((v): v is string => v !== null));
};

/** A confirmed bank-account change, in the registry's transaction: the talent's entitlements not yet
 * fully paid that pay the old registry account (copied as is, so the same ciphertext) pay the new
 * one. Lines already in a batch keep their copy; batches refuse approval and export of such a stale
 * line (batches.service.ts), so they are withdrawn and collected again. Returns how many changed. */
export function repointEntitlements(cipher: BankCipher) {
  return async (
    trx: Kysely<DB>,
    change: { talentUserId: string; oldAccountEnc: string | null; newAccountEnc: string | null },
  ): Promise<number> => {
    if (change.oldAccountEnc === null) return 0;
    const last4 =
      change.newAccountEnc === null ? "" : cipher.decrypt(BANK_ACCOUNT_FIELD, change.newAccountEnc).slice(-4);
    const r = await trx
      .updateTable("fund_entitlements")
      .set({ payee_account_enc: change.newAccountEnc ?? "", payee_account_last4: last4 })
      .where("talent_user_id", "=", change.talentUserId)
      .where("payee_account_enc", "=", change.oldAccountEnc)
      .where("status", "not in", ["paid", "cancelled", "returned"])
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  };
}
