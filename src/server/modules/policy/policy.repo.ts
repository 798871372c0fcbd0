import type { Kysely } from "kysely";
import type { DB, PolicyDocumentRow, PolicyMeasureRow } from "../../db/schema.js";
import type { UnitDirectory } from "./unit-names.js";

export function findDocumentBySha(db: Kysely<DB>, sha256: string): Promise<PolicyDocumentRow | undefined> {
  return db.selectFrom("policy_documents").selectAll().where("sha256", "=", sha256).executeTakeFirst();
}

export function findDocument(db: Kysely<DB>, id: string): Promise<PolicyDocumentRow | undefined> {
  return db.selectFrom("policy_documents").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Newest first. */
export function listDocuments(
  db: Kysely<DB>,
  beforeId: string | undefined,
  limit: number,
): Promise<PolicyDocumentRow[]> {
  let q = db.selectFrom("policy_documents").selectAll();
  if (beforeId !== undefined) q = q.where("id", "<", beforeId);
  return q.orderBy("id", "desc").limit(limit).execute();
}

export async function documentCounts(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, { sections: number; measures: number }>> {
  const counts = new Map<string, { sections: number; measures: number }>(
    ids.map((id) => [id, { sections: 0, measures: 0 }]),
  );
  if (ids.length === 0) return counts;
  const [sections, measures] = await Promise.all([
    db
      .selectFrom("policy_sections")
      .select(["document_id", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("document_id", "in", ids)
      .groupBy("document_id")
      .execute(),
    db
      .selectFrom("policy_measures")
      .select(["document_id", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("document_id", "in", ids)
      .groupBy("document_id")
      .execute(),
  ]);
  for (const r of sections) counts.get(r.document_id)!.sections = Number(r.n);
  for (const r of measures) counts.get(r.document_id)!.measures = Number(r.n);
  return counts;
}

export function sectionsOf(db: Kysely<DB>, documentId: string) {
  return db
    .selectFrom("policy_sections")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("position")
    .execute();
}

export function measuresOf(db: Kysely<DB>, documentId: string): Promise<PolicyMeasureRow[]> {
  return db
    .selectFrom("policy_measures")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("position")
    .execute();
}

export function findMeasure(db: Kysely<DB>, id: string): Promise<PolicyMeasureRow | undefined> {
  return db.selectFrom("policy_measures").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findSection(db: Kysely<DB>, id: string) {
  return db.selectFrom("policy_sections").selectAll().where("id", "=", id).executeTakeFirst();
}

export function tasksOfMeasures(db: Kysely<DB>, measureIds: readonly string[]) {
  if (measureIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("tasks")
    .select(["id", "measure_id", "group_units"])
    .where("measure_id", "in", measureIds)
    .execute();
}

export function tasksOfDocument(db: Kysely<DB>, documentId: string) {
  return db
    .selectFrom("tasks")
    .select(["id", "measure_id", "group_units"])
    .where("document_id", "=", documentId)
    .execute();
}

/** Aliases and organisation names and short names: everything a unit name can resolve through. */
export async function loadUnitDirectory(db: Kysely<DB>): Promise<UnitDirectory> {
  const [aliases, orgs] = await Promise.all([
    db.selectFrom("org_aliases").select(["alias", "canonical_name"]).execute(),
    db.selectFrom("organisations").select(["id", "name", "short_name"]).execute(),
  ]);
  const byShortName = new Map<string, string>();
  for (const o of orgs)
    if (o.short_name !== null && !byShortName.has(o.short_name)) byShortName.set(o.short_name, o.id);
  return {
    aliases: new Map(aliases.map((a) => [a.alias, a.canonical_name])),
    byName: new Map(orgs.map((o) => [o.name, o.id])),
    byShortName,
  };
}

export function listAliases(db: Kysely<DB>) {
  return db.selectFrom("org_aliases").selectAll().orderBy("canonical_name").orderBy("alias").execute();
}

export function findAlias(db: Kysely<DB>, id: string) {
  return db.selectFrom("org_aliases").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findAliasByName(db: Kysely<DB>, alias: string) {
  return db.selectFrom("org_aliases").selectAll().where("alias", "=", alias).executeTakeFirst();
}

export function aliasesPointingTo(db: Kysely<DB>, canonical: string) {
  return db.selectFrom("org_aliases").select("alias").where("canonical_name", "=", canonical).execute();
}
