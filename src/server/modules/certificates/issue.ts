// Issuing a certificate inside the approving transaction (registry/recognition-hooks.ts calls it
// once the outcome is on the record). The number's sequence comes from a per-year counter row bumped
// in the same transaction, so two approvals at once never draw the same number on either database.
import { randomInt } from "node:crypto";
import { sql } from "kysely";
import type { Trx } from "../../lib/context.js";
import { newId } from "../../lib/ids.js";

export interface CertificateToIssue {
  kind: "tier" | "title" | "skill";
  talentId: string;
  applicationId: string;
  applicationNumber: string;
  itemCode: string;
  itemName: string;
  subject: string;
  issuedOn: string;
  validTo: string | null;
  issuerOrgId: string;
  issuedBy: string;
  now: Date;
}

// No 0/O/1/I/L: the suffix is read off paper and typed in.
const SUFFIX_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function certificateNumber(year: number, seq: number, suffix: string): string {
  return `YKRC-${year}-${String(seq).padStart(6, "0")}-${suffix}`;
}

export const randomSuffix = (): string =>
  Array.from({ length: 4 }, () => SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)]).join("");

/** Issues the certificate of an application once; a second call for the same application returns the first. */
export async function issueCertificate(
  trx: Trx,
  c: CertificateToIssue,
): Promise<{ id: string; number: string; issued: boolean }> {
  const existing = await trx
    .selectFrom("certificates")
    .select(["id", "number"])
    .where("application_id", "=", c.applicationId)
    .executeTakeFirst();
  if (existing) return { ...existing, issued: false };
  const year = Number(c.issuedOn.slice(0, 4));
  await trx
    .insertInto("certificate_counters")
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column("year").doUpdateSet({ last: sql<number>`certificate_counters.last + 1` }))
    .execute();
  const { last } = await trx
    .selectFrom("certificate_counters")
    .select("last")
    .where("year", "=", year)
    .executeTakeFirstOrThrow();
  const seq = Number(last);
  const id = newId(c.now.getTime());
  const number = certificateNumber(year, seq, randomSuffix());
  await trx
    .insertInto("certificates")
    .values({
      id,
      number,
      year,
      seq,
      kind: c.kind,
      talent_id: c.talentId,
      application_id: c.applicationId,
      application_number: c.applicationNumber,
      item_code: c.itemCode,
      item_name: c.itemName,
      subject: c.subject,
      issued_on: c.issuedOn,
      valid_to: c.validTo,
      issuer_org_id: c.issuerOrgId,
      issued_by: c.issuedBy,
      status: "valid",
      revoked_at: null,
      revoked_by: null,
      revoked_reason: null,
      created_at: c.now.toISOString(),
    })
    .execute();
  return { id, number, issued: true };
}
