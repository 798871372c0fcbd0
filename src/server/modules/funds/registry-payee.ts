import type { PayeeLookup } from "./funds.service.js";

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
