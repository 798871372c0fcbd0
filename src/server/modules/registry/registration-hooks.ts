import type { Deps, Trx } from "../../lib/context.js";
import { SYSTEM } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { newId } from "../../lib/ids.js";
import { checkMobile, maskIdNumber } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { RegistrationHooks } from "../portal/register.service.js";
import { idIndexInput, sealIdNumber, sealPhone } from "./personal-data.js";

// Self-registration on the portal meets the registry inside the registration's transaction. An ID
// number or a 统一社会信用代码 alone proves nothing (both are printed on many documents), so a record
// the talent office already registered is never linked at registration: the new account gets a
// claim (claims.service.ts) that links it only after a one-time code sent to the phone already on
// the record, or the talent office's approval (for employers, of an uploaded authorisation letter).
// Without a record, one is started from what they entered. A record that already belongs to another
// account or organisation is never taken over: the attempt is audited, for the office to look at.

const mobileOf = (raw: string): string | null => {
  if (!raw) return null;
  const check = checkMobile(raw);
  return check.ok ? check.value : null;
};

async function openClaim(
  trx: Trx,
  now: string,
  claim: {
    kind: "talent" | "employer";
    userId: string;
    talentId?: string;
    orgId?: string;
    employerId?: string;
    nameMatches: boolean;
  },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("registry_claims")
    .values({
      id,
      kind: claim.kind,
      user_id: claim.userId,
      org_id: claim.orgId ?? null,
      talent_id: claim.talentId ?? null,
      employer_id: claim.employerId ?? null,
      status: "pending",
      name_matches: claim.nameMatches ? 1 : 0,
      code_hash: null,
      code_expires_at: null,
      code_attempts: 0,
      codes_sent: 0,
      file_id: null,
      decided_by: null,
      decided_at: null,
      note: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

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
        const record = await trx
          .selectFrom("talents")
          .select("name")
          .where("id", "=", existing.id)
          .executeTakeFirstOrThrow();
        const claimId = await openClaim(trx, now, {
          kind: "talent",
          userId: input.userId,
          talentId: existing.id,
          nameMatches: record.name.trim() === input.realName.trim(),
        });
        await writeAudit(trx, SYSTEM, {
          action: "registry.claim.open",
          objectType: "talent",
          objectId: existing.id,
          detail: { ...detail, claimId },
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
        const claimId = await openClaim(trx, now, {
          kind: "employer",
          userId: input.userId,
          orgId: input.orgId,
          employerId: existing.id,
          nameMatches: true,
        });
        await writeAudit(trx, SYSTEM, {
          action: "registry.claim.open",
          objectType: "employer",
          objectId: existing.id,
          detail: { ...detail, claimId },
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
