import type { Deps } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import type { ApplicantFactsProvider } from "../applications/profiles.js";
import { findTalentOfUser } from "./registry.repo.js";

// The registry's answer to "who is this applicant?" for the application form's prefill and the
// check of a typed ID number against the record (applications.service.ts). The ID number and phone
// are decrypted here for the server's own use: the application stores them sealed again and shows
// them masked.

export function makeApplicantFactsProvider(deps: Deps, cipher: FieldCipher): ApplicantFactsProvider {
  const db = deps.database.db;
  return {
    async factsOf({ userId, orgId, kind }) {
      if (kind === "employer") {
        const employer = await db
          .selectFrom("employers")
          .select("name")
          .where("org_id", "=", orgId)
          .executeTakeFirst();
        return { talent: null, employer: employer ? { name: employer.name } : null };
      }
      const row = await findTalentOfUser(db, userId);
      if (!row) return { talent: null, employer: null };
      const [employer, title] = await Promise.all([
        row.employer_id === null
          ? Promise.resolve(undefined)
          : db.selectFrom("employers").select("name").where("id", "=", row.employer_id).executeTakeFirst(),
        db
          .selectFrom("talent_titles")
          .select("name")
          .where("talent_id", "=", row.id)
          .orderBy("position", "desc")
          .executeTakeFirst(),
      ]);
      return {
        talent: {
          name: row.name,
          idNumber: row.id_type === "resident" ? cipher.decrypt("talent.idNumber", row.id_number_enc) : null,
          phone: row.phone_enc === null ? null : cipher.decrypt("talent.phone", row.phone_enc),
          employer: employer?.name ?? null,
          title: title?.name ?? null,
          tier: row.tier,
        },
        employer: null,
      };
    },
  };
}
