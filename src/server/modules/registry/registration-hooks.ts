import type { Deps, Trx } from "../../lib/context.js";
import { SYSTEM } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { newId } from "../../lib/ids.js";
import { checkMobile, maskIdNumber } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { RegistrationHooks } from "../portal/register.service.js";
import { idIndexInput, sealIdNumber, sealPhone } from "./personal-data.js";

// Self-registration on the portal meets the registry inside the registration's transaction: a
// talent whose ID number the talent office already registered (say by Excel import) is linked to
// the new account; otherwise a record is started from what they entered. An employer account is
// linked to the employer with its 统一社会信用代码, or a new employer record is made. A record that
// already belongs to another account or organisation is never taken over: the attempt is audited
// and the registration goes on without the link, for the talent office to look at.

const mobileOf = (raw: string): string | null => {
  if (!raw) return null;
  const check = checkMobile(raw);
  return check.ok ? check.value : null;
};

export function makeRegistryRegistrationHooks(
  deps: Deps,
  writeAudit: AuditWriter,
  cipher: FieldCipher,
): RegistrationHooks {
  return {
    async onTalentRegistered(trx: Trx, input) {
      const now = deps.clock.now().toISOString();
      const idNumber = input.idNumber.trim().toUpperCase();
      const bidx = cipher.blindIndex("talent.idNumber", idIndexInput("resident", idNumber));
      const existing = await trx
        .selectFrom("talents")
        .select(["id", "user_id"])
        .where("id_number_bidx", "=", bidx)
        .executeTakeFirst();
      const detail = { userId: input.userId, idNumber: maskIdNumber(idNumber) };
      if (existing && existing.user_id !== null && existing.user_id !== input.userId) {
        await writeAudit(trx, SYSTEM, {
          action: "registry.talent.linkRefused",
          objectType: "talent",
          objectId: existing.id,
          result: "denied",
          detail,
        });
        return;
      }
      if (existing) {
        await trx
          .updateTable("talents")
          .set({ user_id: input.userId, updated_at: now })
          .where("id", "=", existing.id)
          .execute();
        await writeAudit(trx, SYSTEM, {
          action: "registry.talent.link",
          objectType: "talent",
          objectId: existing.id,
          detail,
        });
        return;
      }
      const id = newId();
      await trx
        .insertInto("talents")
        .values({
          id,
          user_id: input.userId,
          employer_id: null,
          name: input.realName.trim(),
          id_type: "resident",
          ...sealIdNumber(cipher, "resident", idNumber),
          gender: input.gender,
          birth_date: input.birthDate,
          ...sealPhone(cipher, mobileOf(input.mobile)),
          bank_account_enc: null,
          industry: null,
          category: null,
          arrival_date: null,
          salary_yearly: null,
          tax_yearly: null,
          tier: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeAudit(trx, SYSTEM, {
        action: "registry.talent.create",
        objectType: "talent",
        objectId: id,
        detail,
      });
    },

    async onEmployerRegistered(trx: Trx, input) {
      const now = deps.clock.now().toISOString();
      const uscc = input.uscc.trim().toUpperCase();
      const existing = await trx
        .selectFrom("employers")
        .select(["id", "org_id"])
        .where("uscc", "=", uscc)
        .executeTakeFirst();
      const detail = { orgId: input.orgId, uscc };
      if (existing && existing.org_id !== null && existing.org_id !== input.orgId) {
        await writeAudit(trx, SYSTEM, {
          action: "registry.employer.linkRefused",
          objectType: "employer",
          objectId: existing.id,
          result: "denied",
          detail,
        });
        return;
      }
      if (existing) {
        await trx
          .updateTable("employers")
          .set({ org_id: input.orgId, updated_at: now })
          .where("id", "=", existing.id)
          .execute();
        await writeAudit(trx, SYSTEM, {
          action: "registry.employer.link",
          objectType: "employer",
          objectId: existing.id,
          detail,
        });
        return;
      }
      const id = newId();
      await trx
        .insertInto("employers")
        .values({
          id,
          org_id: input.orgId,
          name: input.name.trim(),
          uscc,
          // 9 = registered by the market regulator: a company; the talent office corrects the rest.
          kind: uscc.startsWith("9") ? "enterprise" : "other",
          industry: null,
          region_code: uscc.slice(2, 8),
          contact_name: input.contactName.trim() || null,
          contact_phone_enc: mobileOf(input.mobile)
            ? cipher.encrypt("employer.contactPhone", mobileOf(input.mobile)!)
            : null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeAudit(trx, SYSTEM, {
        action: "registry.employer.create",
        objectType: "employer",
        objectId: id,
        detail,
      });
    },
  };
}
