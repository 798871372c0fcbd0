// Every query of the certificates tables.
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

const COLUMNS = [
  "c.id",
  "c.number",
  "c.kind",
  "c.talent_id",
  "c.application_id",
  "c.application_number",
  "c.item_code",
  "c.item_name",
  "c.subject",
  "c.issued_on",
  "c.valid_to",
  "c.issuer_org_id",
  "c.status",
  "c.revoked_at",
  "c.revoked_reason",
  "t.name as holder_name",
  "t.user_id as holder_user_id",
  "o.name as issuer_name",
] as const;

function base(db: Kysely<DB>) {
  return db
    .selectFrom("certificates as c")
    .innerJoin("talents as t", "t.id", "c.talent_id")
    .innerJoin("organisations as o", "o.id", "c.issuer_org_id")
    .select(COLUMNS);
}

export type CertificateRow = NonNullable<Awaited<ReturnType<typeof findCertificate>>>;

export const findCertificate = (db: Kysely<DB>, id: string) =>
  base(db).where("c.id", "=", id).executeTakeFirst();

export const findCertificateByNumber = (db: Kysely<DB>, number: string) =>
  base(db).where("c.number", "=", number).executeTakeFirst();

export const certificatesOfUser = (db: Kysely<DB>, userId: string) =>
  base(db).where("t.user_id", "=", userId).orderBy("c.id", "desc").limit(200).execute();

/** A page newest first; `issuerOrgIds` undefined means every issuer (the talent office). */
export function listCertificates(
  db: Kysely<DB>,
  q: { issuerOrgIds?: string[]; status?: string; talentId?: string; before?: string; limit: number },
) {
  let query = base(db);
  if (q.issuerOrgIds) query = query.where("c.issuer_org_id", "in", q.issuerOrgIds);
  if (q.status) query = query.where("c.status", "=", q.status);
  if (q.talentId) query = query.where("c.talent_id", "=", q.talentId);
  if (q.before) query = query.where("c.id", "<", q.before);
  return query
    .orderBy("c.id", "desc")
    .limit(q.limit + 1)
    .execute();
}

/** Revokes a valid certificate; answers whether this call did it (a concurrent one may have). */
export async function markRevoked(
  db: Kysely<DB>,
  id: string,
  by: { userId: string; at: string; reason: string },
): Promise<boolean> {
  const r = await db
    .updateTable("certificates")
    .set({ status: "revoked", revoked_at: by.at, revoked_by: by.userId, revoked_reason: by.reason })
    .where("id", "=", id)
    .where("status", "=", "valid")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
