import type { Kysely, Selectable } from "kysely";
import type { DB } from "../../db/schema.js";

export type ItemRow = Selectable<DB["service_items"]>;
export type VersionRow = Selectable<DB["service_item_versions"]>;

export function findItem(db: Kysely<DB>, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom("service_items").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findItemByCode(db: Kysely<DB>, code: string): Promise<ItemRow | undefined> {
  return db.selectFrom("service_items").selectAll().where("code", "=", code).executeTakeFirst();
}

export function listItems(db: Kysely<DB>): Promise<ItemRow[]> {
  return db.selectFrom("service_items").selectAll().orderBy("code").execute();
}

export function versionsOfItems(db: Kysely<DB>, itemIds: readonly string[]): Promise<VersionRow[]> {
  if (itemIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("service_item_versions")
    .selectAll()
    .where("item_id", "in", [...itemIds])
    .orderBy("version")
    .execute();
}

export function findVersion(db: Kysely<DB>, id: string): Promise<VersionRow | undefined> {
  return db.selectFrom("service_item_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The published version of an item by code: the given number, or the latest. */
export function findPublished(
  db: Kysely<DB>,
  code: string,
  version?: number,
): Promise<VersionRow | undefined> {
  let q = db
    .selectFrom("service_item_versions as v")
    .innerJoin("service_items as i", "i.id", "v.item_id")
    .selectAll("v")
    .where("v.code", "=", code);
  q =
    version === undefined
      ? q.whereRef("v.version", "=", "i.current_version")
      : q.where("v.version", "=", version);
  return q.executeTakeFirst();
}

/** The latest published version of every item. */
export function latestVersions(db: Kysely<DB>): Promise<VersionRow[]> {
  return db
    .selectFrom("service_item_versions as v")
    .innerJoin("service_items as i", "i.id", "v.item_id")
    .selectAll("v")
    .whereRef("v.version", "=", "i.current_version")
    .orderBy("v.code")
    .execute();
}

export async function measuresOfItems(
  db: Kysely<DB>,
  itemIds: readonly string[],
): Promise<Map<string, { id: string; label: string; title: string }[]>> {
  const out = new Map<string, { id: string; label: string; title: string }[]>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom("service_item_measures as l")
    .innerJoin("policy_measures as m", "m.id", "l.measure_id")
    .select(["l.item_id", "m.id", "m.label", "m.title", "m.position"])
    .where("l.item_id", "in", [...itemIds])
    .orderBy("m.position")
    .execute();
  for (const r of rows) {
    const list = out.get(r.item_id) ?? [];
    list.push({ id: r.id, label: r.label, title: r.title });
    out.set(r.item_id, list);
  }
  return out;
}

export async function namesOf(
  db: Kysely<DB>,
  table: "organisations" | "users",
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  if (table === "organisations") {
    const rows = await db
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("id", "in", unique)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
  const rows = await db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
