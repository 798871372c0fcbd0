import type { Deps, Trx } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { addDays, chinaDate } from "../../lib/dates.js";
import { AppError } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { ApplicationHooks, HookApplication } from "../applications/hooks.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { issueCertificate } from "../certificates/issue.js";
import { idIndexInput } from "./personal-data.js";

// An approved recognition sticks (wired in services.ts): when the last step of an application whose
// item has an `outcome` (catalogue.schema.ts) is approved, the fact is written to the talent's
// registry record inside the approval's own transaction, naming the application as its source:
// a tier with valid_from/valid_to (and talents.tier, which the calculator and 免申即享 read), a
// title with its level, or a skill grade. A second run for the same application writes nothing
// (the tier's application_id is unique). Without a registry record for the talent the approval is
// refused (409): a recognition nobody can hold is not issued. Each outcome also issues its numbered
// certificate (certificates/issue.ts) in the same transaction.

/** yyyy-mm-dd `years` later, less one day: 2026-12-05 + 5 → 2031-12-04 (29 Feb → 28 Feb). */
export function validTo(from: string, years: number): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const end = `${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
  return addDays(end, -1);
}

const noRecord = () =>
  new AppError("conflict", "RECOGNITION_NO_RECORD", {
    zh: "人才库中没有该人才的档案，认定结果无法登记，不能审批通过",
    en: "The talent has no registry record to hold the recognition; it cannot be approved",
  });

const badField = (field: string) =>
  new AppError("unprocessable", "RECOGNITION_FIELD_MISSING", {
    zh: `申请表缺少认定结果所需的“${field}”，不能审批通过`,
    en: `The form lacks "${field}", which the recognition needs; it cannot be approved`,
  });

async function talentOf(trx: Trx, cipher: FieldCipher, application: HookApplication) {
  const own = await trx
    .selectFrom("talents")
    .select(["id", "tier"])
    .where("user_id", "=", application.applicantUserId)
    .executeTakeFirst();
  if (own) return own;
  // An employer applying for its staff: the form names the talent by ID number.
  const idNumber = application.form.idNumber;
  if (typeof idNumber !== "string" || idNumber.trim() === "") return undefined;
  const bidx = cipher.blindIndex("talent.idNumber", idIndexInput("resident", idNumber.trim().toUpperCase()));
  return trx
    .selectFrom("talents")
    .select(["id", "tier"])
    .where("id_number_bidx", "=", bidx)
    .executeTakeFirst();
}

async function nextPosition(trx: Trx, table: "talent_titles" | "talent_skills", talentId: string) {
  const row = await trx
    .selectFrom(table)
    .select(trx.fn.max("position").as("p"))
    .where("talent_id", "=", talentId)
    .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

export function makeRecognitionApplicationHooks(
  deps: Deps,
  writeAudit: AuditWriter,
  cipher: FieldCipher,
): ApplicationHooks {
  return {
    async onFinalApproval(trx, { application, item, op }) {
      const outcome = item.outcome;
      if (!outcome) return;
      const talent = await talentOf(trx, cipher, application);
      if (!talent) throw noRecord();
      const now = deps.clock.now();
      const today = chinaDate(now);
      const year = Number(today.slice(0, 4));
      const source = { applicationId: application.id, number: application.number, item: item.code };
      // The numbered certificate (modules/certificates), issued in the name of the item's owner
      // (the department that answers for it), whoever signed last.
      const version = await trx
        .selectFrom("service_item_versions")
        .select("content")
        .where("id", "=", application.versionId)
        .executeTakeFirst();
      const owner = version ? (JSON.parse(version.content) as { ownerOrgId?: string }).ownerOrgId : undefined;
      const certify = async (kind: "tier" | "title" | "skill", subject: string, to: string | null) => {
        const cert = await issueCertificate(trx, {
          kind,
          talentId: talent.id,
          applicationId: application.id,
          applicationNumber: application.number,
          itemCode: item.code,
          itemName: item.name,
          subject,
          issuedOn: today,
          validTo: to,
          issuerOrgId: owner ?? op.actor.orgId,
          issuedBy: op.actor.userId,
          now,
        });
        if (!cert.issued) return;
        await writeAudit(trx, op, {
          action: "certificates.issued",
          objectType: "certificate",
          objectId: cert.id,
          detail: { certificate: cert.number, kind, subject, talentId: talent.id, ...source },
        });
      };

      if (outcome.kind === "tier") {
        const done = await trx
          .selectFrom("talent_tiers")
          .select("id")
          .where("application_id", "=", application.id)
          .executeTakeFirst();
        if (done) return;
        const value = application.form[outcome.field];
        const tier = typeof value === "string" ? outcome.map[value] : undefined;
        if (!tier) throw badField(outcome.field);
        const to = validTo(today, outcome.validYears);
        await trx
          .insertInto("talent_tiers")
          .values({
            id: newId(now.getTime()),
            talent_id: talent.id,
            tier,
            recognised_on: today,
            source: "application",
            rule_set_id: null,
            note: `${item.name}（${application.number}）`,
            recorded_by: op.actor.userId,
            created_at: now.toISOString(),
            valid_from: today,
            valid_to: to,
            application_id: application.id,
          })
          .execute();
        await trx
          .updateTable("talents")
          .set({ tier, updated_at: now.toISOString() })
          .where("id", "=", talent.id)
          .execute();
        await writeAudit(trx, op, {
          action: "registry.talent.recognised",
          objectType: "talent",
          objectId: talent.id,
          detail: { kind: "tier", from: talent.tier, to: tier, validFrom: today, validTo: to, ...source },
        });
        await certify("tier", `营口市${tier}类高层次人才`, to);
        return;
      }

      const table = outcome.kind === "title" ? "talent_titles" : "talent_skills";
      const done = await trx
        .selectFrom(table)
        .select("id")
        .where("application_id", "=", application.id)
        .executeTakeFirst();
      if (done) return;
      const name = application.form[outcome.nameField];
      if (typeof name !== "string" || name.trim() === "") throw badField(outcome.nameField);
      await trx
        .insertInto(table)
        .values({
          id: newId(now.getTime()),
          talent_id: talent.id,
          position: await nextPosition(trx, table, talent.id),
          name: name.trim(),
          level: outcome.level,
          year,
          application_id: application.id,
        })
        .execute();
      await trx
        .updateTable("talents")
        .set({ updated_at: now.toISOString() })
        .where("id", "=", talent.id)
        .execute();
      await writeAudit(trx, op, {
        action: "registry.talent.recognised",
        objectType: "talent",
        objectId: talent.id,
        detail: { kind: outcome.kind, name: name.trim(), level: outcome.level, ...source },
      });
      await certify(
        outcome.kind,
        outcome.kind === "title"
          ? `${outcome.level}职称（${name.trim()}）`
          : `${outcome.level}（${name.trim()}）`,
        null,
      );
    },
  };
}
