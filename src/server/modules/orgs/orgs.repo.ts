import type { Kysely } from "kysely";
import type { DB, NewOrganisation, OrganisationRow, OrganisationUpdate } from "../../db/schema.js";

export function listOrganisations(db: Kysely<DB>): Promise<OrganisationRow[]> {
  return db.selectFrom("organisations").selectAll().orderBy("kind").orderBy("name").execute();
}

export function findOrganisation(db: Kysely<DB>, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findOrganisationByName(db: Kysely<DB>, name: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisations").selectAll().where("name", "=", name).executeTakeFirst();
}

export async function userCountsByOrg(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("users")
    .select(["org_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .groupBy("org_id")
    .execute();
  return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
}

export async function insertOrganisation(db: Kysely<DB>, row: NewOrganisation): Promise<void> {
  await db.insertInto("organisations").values(row).execute();
}

export async function updateOrganisation(
  db: Kysely<DB>,
  id: string,
  patch: OrganisationUpdate,
): Promise<void> {
  await db.updateTable("organisations").set(patch).where("id", "=", id).execute();
}
