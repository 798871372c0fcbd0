import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { buildProfile, type TalentProfile } from "../registry/profile.js";
import { emptyChildren, type TalentChildren, type TalentRow } from "../registry/registry.repo.js";

// Whole-registry reads for 免申即享 runs and budget simulations: keyset pages over talents (by id),
// each page's child lists read by one range query per list the rule needs (not one per talent), so a
// page of thousands of talents costs a handful of queries.

const LIST_TABLES = {
  educations: "talent_educations",
  titles: "talent_titles",
  skills: "talent_skills",
  awards: "talent_awards",
  patents: "talent_patents",
  postdocs: "talent_postdocs",
} as const;

type ChildTable = keyof TalentChildren;

/** The child tables a set of profile fields needs (fullTime and engagement come from engagements). */
export function tablesFor(fields: Iterable<string>): ChildTable[] {
  const out = new Set<ChildTable>();
  for (const f of fields) {
    if (f in LIST_TABLES) out.add(LIST_TABLES[f as keyof typeof LIST_TABLES]);
    if (f === "fullTime" || f === "engagement") out.add("talent_engagements");
  }
  return [...out].sort();
}

const PROFILE_COLUMNS = [
  "id",
  "user_id",
  "employer_id",
  "name",
  "gender",
  "birth_date",
  "industry",
  "category",
  "arrival_date",
  "salary_yearly",
  "tax_yearly",
  "tier",
  "created_at",
] as const;
export type ProfileRow = Pick<TalentRow, (typeof PROFILE_COLUMNS)[number]>;
type ProfileColumn = (typeof PROFILE_COLUMNS)[number];

/** The talents columns each profile field is built from. */
const FIELD_COLUMNS: Record<string, readonly ProfileColumn[]> = {
  name: ["name"],
  gender: ["gender"],
  birthDate: ["birth_date"],
  arrivalDate: ["arrival_date"],
  category: ["category"],
  tier: ["tier"],
  industry: ["industry"],
  salaryYearly: ["salary_yearly"],
  taxYearly: ["tax_yearly"],
  fullTime: ["employer_id"],
  engagement: ["employer_id"],
};

/**
 * The columns a set of profile fields needs, plus what a run records (id, account, name for the
 * masked list). A column not read leaves its profile field undefined: the rule never looks at it.
 */
export function columnsFor(fields: Iterable<string>): ProfileColumn[] {
  const out = new Set<ProfileColumn>(["id", "user_id", "name"]);
  for (const f of fields) for (const c of FIELD_COLUMNS[f] ?? []) out.add(c);
  return PROFILE_COLUMNS.filter((c) => out.has(c));
}

export interface ScannedTalent {
  row: ProfileRow;
  profile: TalentProfile;
}

export interface ScanOptions {
  /** Only talents recorded up to this instant (the run's registry snapshot). */
  snapshotAt: string;
  asOf: string;
  /** The child tables to read; lists not read are empty in the profile (the rule never looks). */
  tables: readonly ChildTable[];
  /** The talents columns to read (default: all a profile uses); see columnsFor. */
  columns?: readonly ProfileColumn[];
}

/** Talents recorded by the snapshot, counted. */
export async function countTalents(db: Kysely<DB>, snapshotAt: string): Promise<number> {
  const row = await db
    .selectFrom("talents")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("created_at", "<=", snapshotAt)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One keyset page of talents after `afterId`, with their profiles. */
export async function scanPage(
  db: Kysely<DB>,
  afterId: string | null,
  limit: number,
  options: ScanOptions,
): Promise<ScannedTalent[]> {
  // Only the columns a profile is built from: encrypted personal data is never read here.
  let q = db
    .selectFrom("talents")
    .select(options.columns ?? PROFILE_COLUMNS)
    .where("created_at", "<=", options.snapshotAt);
  if (afterId !== null) q = q.where("id", ">", afterId);
  const rows = (await q.orderBy("id").limit(limit).execute()) as ProfileRow[];
  if (rows.length === 0) return [];
  const children = new Map<string, TalentChildren>(rows.map((r) => [r.id, emptyChildren()]));
  const first = rows[0]!.id;
  const last = rows[rows.length - 1]!.id;
  for (const table of options.tables) {
    const kids = await db
      .selectFrom(table)
      .selectAll()
      .where("talent_id", ">=", first)
      .where("talent_id", "<=", last)
      .orderBy("talent_id")
      .orderBy("position")
      .execute();
    for (const kid of kids) {
      const {
        id: _id,
        talent_id,
        position: _p,
        ...rest
      } = kid as Record<string, unknown> & { talent_id: string };
      (children.get(talent_id)?.[table] as unknown[] | undefined)?.push(rest);
    }
  }
  return rows.map((row) => ({
    row,
    profile: buildProfile(row as TalentRow, children.get(row.id)!, options.asOf),
  }));
}
