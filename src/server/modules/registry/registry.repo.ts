import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type {
  EmployerTable,
  TalentAwardTable,
  TalentEducationTable,
  TalentEngagementTable,
  TalentPatentTable,
  TalentPostdocTable,
  TalentSkillTable,
  TalentTable,
  TalentTierTable,
  TalentTitleTable,
} from "../../db/tables/registry.js";
import { newId } from "../../lib/ids.js";

// Queries of the registry; the callers own the transactions.

export type TalentRow = TalentTable;
export type EmployerRow = EmployerTable;

export const CHILD_TABLES = [
  "talent_educations",
  "talent_titles",
  "talent_skills",
  "talent_awards",
  "talent_patents",
  "talent_engagements",
  "talent_postdocs",
] as const;
export type ChildTable = (typeof CHILD_TABLES)[number];

type Strip<T> = Omit<T, "id" | "talent_id" | "position">;
export interface TalentChildren {
  talent_educations: Strip<TalentEducationTable>[];
  talent_titles: Strip<TalentTitleTable>[];
  talent_skills: Strip<TalentSkillTable>[];
  talent_awards: Strip<TalentAwardTable>[];
  talent_patents: Strip<TalentPatentTable>[];
  talent_engagements: Strip<TalentEngagementTable>[];
  talent_postdocs: Strip<TalentPostdocTable>[];
}

export const emptyChildren = (): TalentChildren => ({
  talent_educations: [],
  talent_titles: [],
  talent_skills: [],
  talent_awards: [],
  talent_patents: [],
  talent_engagements: [],
  talent_postdocs: [],
});

export function findTalent(db: Kysely<DB>, id: string): Promise<TalentRow | undefined> {
  return db.selectFrom("talents").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findTalentOfUser(db: Kysely<DB>, userId: string): Promise<TalentRow | undefined> {
  return db.selectFrom("talents").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

export async function talentIdByIndex(db: Kysely<DB>, bidx: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("talents")
    .select("id")
    .where("id_number_bidx", "=", bidx)
    .executeTakeFirst();
  return row?.id;
}

/** Which of these blind indexes are already in the registry. */
export async function existingIdIndexes(db: Kysely<DB>, bidxs: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < bidxs.length; i += 500) {
    const rows = await db
      .selectFrom("talents")
      .select("id_number_bidx")
      .where("id_number_bidx", "in", bidxs.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.id_number_bidx);
  }
  return found;
}

/** Rewrites a talent's child lists that are given (a list left out stays as it is). */
export async function replaceChildren(
  trx: Kysely<DB>,
  talentId: string,
  children: Partial<TalentChildren>,
): Promise<void> {
  for (const table of CHILD_TABLES) {
    const items = children[table];
    if (items === undefined) continue;
    await trx.deleteFrom(table).where("talent_id", "=", talentId).execute();
    if (items.length === 0) continue;
    await trx
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: each table gets its own row shape from TalentChildren
      .values(items.map((item, position) => ({ ...item, id: newId(), talent_id: talentId, position })) as any)
      .execute();
  }
}

/** The child lists of several talents, by talent id, in their stored order. */
export async function childrenOf(
  db: Kysely<DB>,
  talentIds: readonly string[],
): Promise<Map<string, TalentChildren>> {
  const out = new Map<string, TalentChildren>(talentIds.map((id) => [id, emptyChildren()]));
  if (talentIds.length === 0) return out;
  for (const table of CHILD_TABLES) {
    for (let i = 0; i < talentIds.length; i += 500) {
      const rows = await db
        .selectFrom(table)
        .selectAll()
        .where("talent_id", "in", talentIds.slice(i, i + 500))
        .orderBy("talent_id")
        .orderBy("position")
        .execute();
      for (const row of rows) {
        const {
          id: _id,
          talent_id,
          position: _p,
          ...rest
        } = row as Record<string, unknown> & { talent_id: string };
        (out.get(talent_id)?.[table] as unknown[] | undefined)?.push(rest);
      }
    }
  }
  return out;
}

export function tierHistoryOf(db: Kysely<DB>, talentId: string): Promise<TalentTierTable[]> {
  return db
    .selectFrom("talent_tiers")
    .selectAll()
    .where("talent_id", "=", talentId)
    .orderBy("id", "desc")
    .execute();
}

/** The organisations whose employer accounts see this talent: their full-time employer's and
 * those of any engagement with a registered employer. */
export async function employerOrgIdsOf(
  db: Kysely<DB>,
  talent: Pick<TalentRow, "id" | "employer_id">,
): Promise<string[]> {
  const rows = await db
    .selectFrom("employers")
    .select("org_id")
    .where("org_id", "is not", null)
    .where((eb) =>
      eb.or([
        eb("id", "=", talent.employer_id ?? ""),
        eb(
          "id",
          "in",
          eb
            .selectFrom("talent_engagements")
            .select("employer_id")
            .where("talent_id", "=", talent.id)
            .where("employer_id", "is not", null)
            .$castTo<string>(),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.org_id!).filter((v, i, a) => a.indexOf(v) === i);
}

export function findEmployer(db: Kysely<DB>, id: string): Promise<EmployerRow | undefined> {
  return db.selectFrom("employers").selectAll().where("id", "=", id).executeTakeFirst();
}

export function employersByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Pick<EmployerRow, "id" | "name">[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("employers")
    .select(["id", "name"])
    .where("id", "in", [...new Set(ids)])
    .execute();
}

/** Registered employers by 统一社会信用代码. */
export async function employersByUscc(
  db: Kysely<DB>,
  codes: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom("employers")
      .select(["id", "uscc"])
      .where("uscc", "in", unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.uscc, r.id);
  }
  return out;
}

export async function staffCounts(
  db: Kysely<DB>,
  employerIds: readonly string[],
): Promise<Map<string, number>> {
  if (employerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("talents")
    .select(["employer_id", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("employer_id", "in", [...employerIds])
    .groupBy("employer_id")
    .execute();
  return new Map(rows.map((r) => [r.employer_id!, Number(r.n)]));
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
