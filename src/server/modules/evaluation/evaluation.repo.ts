// Every query of the evaluation tables.
import type { Insertable, Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type {
  EvaluationAssignmentTable,
  EvaluationAvoidedTable,
  EvaluationCandidateTable,
  EvaluationRoundTable,
  ExpertTable,
} from "../../db/tables/evaluation.js";

export async function ownerOrgIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom("evaluation_owners").select("org_id").execute();
  return rows.map((r) => r.org_id);
}

const EXPERT_COLUMNS = [
  "x.id",
  "x.user_id",
  "x.name",
  "x.title",
  "x.employer_id",
  "x.region_code",
  "x.status",
  "x.disciplines",
  "x.relations",
  "e.name as employer_name",
  "e.org_id as employer_org_id",
] as const;

const experts = (db: Kysely<DB>) =>
  db.selectFrom("experts as x").leftJoin("employers as e", "e.id", "x.employer_id").select(EXPERT_COLUMNS);

export type ExpertRow = NonNullable<Awaited<ReturnType<typeof findExpert>>>;

export const findExpert = (db: Kysely<DB>, id: string) =>
  experts(db).where("x.id", "=", id).executeTakeFirst();

export const findExpertByUser = (db: Kysely<DB>, userId: string) =>
  experts(db).where("x.user_id", "=", userId).executeTakeFirst();

/** A page by id; the discipline filter matches the JSON list's quoted code. */
export function listExperts(
  db: Kysely<DB>,
  q: { discipline?: string; status?: string; after?: string; limit: number },
) {
  let query = experts(db);
  if (q.discipline) query = query.where("x.disciplines", "like", `%"${q.discipline}"%`);
  if (q.status) query = query.where("x.status", "=", q.status);
  if (q.after) query = query.where("x.id", ">", q.after);
  return query
    .orderBy("x.id")
    .limit(q.limit + 1)
    .execute();
}

export const activeExperts = (db: Kysely<DB>) =>
  experts(db).where("x.status", "=", "active").orderBy("x.id").execute();

export async function insertExperts(db: Kysely<DB>, rows: Insertable<ExpertTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto("experts")
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

export const updateExpert = (db: Kysely<DB>, id: string, values: Partial<ExpertTable>) =>
  db.updateTable("experts").set(values).where("id", "=", id).execute();

/** Whether the account exists and holds the expert role. */
export const isExpertAccount = async (db: Kysely<DB>, userId: string) =>
  (await db
    .selectFrom("user_roles")
    .select("user_id")
    .where("user_id", "=", userId)
    .where("role", "=", "expert")
    .executeTakeFirst()) !== undefined;

export const employerExists = async (db: Kysely<DB>, id: string) =>
  (await db.selectFrom("employers").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;

// Rounds

const ROUND_COLUMNS = ["r.id", "r.owner_org_id", "o.name as owner_name"] as const;

export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export const findRound = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom("evaluation_rounds as r")
    .innerJoin("organisations as o", "o.id", "r.owner_org_id")
    .selectAll("r")
    .select(ROUND_COLUMNS)
    .where("r.id", "=", id)
    .executeTakeFirst();

/** Newest first; `ownerOrgIds` undefined means every owner (the talent office). */
export function listRounds(db: Kysely<DB>, ownerOrgIdsIn?: readonly string[]) {
  let query = db
    .selectFrom("evaluation_rounds as r")
    .innerJoin("organisations as o", "o.id", "r.owner_org_id")
    .selectAll("r")
    .select(ROUND_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom("evaluation_candidates as c")
        .whereRef("c.round_id", "=", "r.id")
        .select((e) => e.fn.countAll<number | string>().as("n"))
        .as("candidate_count"),
    );
  if (ownerOrgIdsIn) query = query.where("r.owner_org_id", "in", [...ownerOrgIdsIn, "-"]);
  return query.orderBy("r.id", "desc").limit(500).execute();
}

export const insertRound = (db: Kysely<DB>, row: Insertable<EvaluationRoundTable>) =>
  db.insertInto("evaluation_rounds").values(row).execute();

export const insertCandidates = (db: Kysely<DB>, rows: Insertable<EvaluationCandidateTable>[]) =>
  rows.length === 0 ? Promise.resolve() : db.insertInto("evaluation_candidates").values(rows).execute();

/** Moves a round from one status to the next; answers whether this call did it. */
export async function advanceRound(
  db: Kysely<DB>,
  id: string,
  from: string,
  values: Partial<EvaluationRoundTable> & { status: string },
): Promise<boolean> {
  const r = await db
    .updateTable("evaluation_rounds")
    .set(values)
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const updateRoundRecord = (db: Kysely<DB>, id: string, values: Partial<EvaluationRoundTable>) =>
  db.updateTable("evaluation_rounds").set(values).where("id", "=", id).execute();

export const talentsExist = async (db: Kysely<DB>, ids: readonly string[]) =>
  (
    await db
      .selectFrom("talents")
      .select("id")
      .where("id", "in", [...ids, "-"])
      .execute()
  ).map((r) => r.id);

export const candidatesOf = (db: Kysely<DB>, roundId: string) =>
  db
    .selectFrom("evaluation_candidates as c")
    .innerJoin("talents as t", "t.id", "c.talent_id")
    .leftJoin("employers as e", "e.id", "t.employer_id")
    .select([
      "c.id",
      "c.talent_id",
      "c.application_id",
      "c.position",
      "c.decision",
      "c.result",
      "t.name",
      "t.employer_id",
      "e.org_id as employer_org_id",
    ])
    .where("c.round_id", "=", roundId)
    .orderBy("c.position")
    .execute();

export const setCandidateResult = (db: Kysely<DB>, id: string, decision: string, result: string) =>
  db.updateTable("evaluation_candidates").set({ decision, result }).where("id", "=", id).execute();

/** Who sat (was seated and did not decline) on other rounds of these talents drawn since `since`. */
export const recentSittings = (
  db: Kysely<DB>,
  talentIds: readonly string[],
  since: string,
  roundId: string,
) =>
  db
    .selectFrom("evaluation_assignments as a")
    .innerJoin("evaluation_candidates as c", "c.id", "a.candidate_id")
    .innerJoin("evaluation_rounds as r", "r.id", "a.round_id")
    .select(["c.talent_id", "a.expert_id", "a.round_id"])
    .where("c.talent_id", "in", [...talentIds, "-"])
    .where("a.round_id", "!=", roundId)
    .where("a.status", "!=", "conflict")
    .where("r.drawn_at", ">=", since)
    .execute();

export async function insertAssignments(db: Kysely<DB>, rows: Insertable<EvaluationAssignmentTable>[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto("evaluation_assignments")
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function insertAvoided(db: Kysely<DB>, rows: Insertable<EvaluationAvoidedTable>[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto("evaluation_avoided")
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export const seatsOf = (db: Kysely<DB>, roundId: string) =>
  db
    .selectFrom("evaluation_assignments as a")
    .innerJoin("experts as x", "x.id", "a.expert_id")
    .selectAll("a")
    .select(["x.name as expert_name"])
    .where("a.round_id", "=", roundId)
    .orderBy("a.candidate_id")
    .orderBy("a.seat")
    .orderBy("a.id")
    .execute();

export const avoidedOf = (db: Kysely<DB>, roundId: string) =>
  db
    .selectFrom("evaluation_avoided as v")
    .innerJoin("experts as x", "x.id", "v.expert_id")
    .select(["v.candidate_id", "v.expert_id", "v.reason", "x.name as expert_name"])
    .where("v.round_id", "=", roundId)
    .orderBy("v.candidate_id")
    .orderBy("v.id")
    .execute();

const assignments = (db: Kysely<DB>) =>
  db
    .selectFrom("evaluation_assignments as a")
    .innerJoin("evaluation_rounds as r", "r.id", "a.round_id")
    .innerJoin("evaluation_candidates as c", "c.id", "a.candidate_id")
    .innerJoin("talents as t", "t.id", "c.talent_id")
    .innerJoin("experts as x", "x.id", "a.expert_id")
    .selectAll("a")
    .select([
      "r.name as round_name",
      "r.kind as round_kind",
      "r.status as round_status",
      "r.score_sheet",
      "r.decision_rule",
      "c.talent_id",
      "c.application_id",
      "t.name as talent_name",
      "x.user_id as expert_user_id",
    ]);

export type AssignmentRow = NonNullable<Awaited<ReturnType<typeof findAssignment>>>;

export const findAssignment = (db: Kysely<DB>, id: string) =>
  assignments(db).where("a.id", "=", id).executeTakeFirst();

/** An expert's seats in rounds whose review has started (the panel is sealed before that). */
export const assignmentsOfUser = (db: Kysely<DB>, userId: string) =>
  assignments(db)
    .where("x.user_id", "=", userId)
    .where("r.status", "in", ["reviewing", "closed", "publicised"])
    .where("a.status", "!=", "conflict")
    .orderBy("a.round_id", "desc")
    .orderBy("a.id")
    .limit(500)
    .execute();

export const titlesOf = (db: Kysely<DB>, talentId: string) =>
  db
    .selectFrom("talent_titles")
    .select(["name", "level", "year"])
    .where("talent_id", "=", talentId)
    .orderBy("position")
    .execute();

/** Records a score sheet once: answers false when it was already submitted (or declined). */
export async function submitScore(
  db: Kysely<DB>,
  id: string,
  values: Pick<
    EvaluationAssignmentTable,
    "scores" | "total" | "vote" | "comment" | "extreme_reason" | "submitted_at"
  >,
): Promise<boolean> {
  const r = await db
    .updateTable("evaluation_assignments")
    .set({ ...values, status: "submitted" })
    .where("id", "=", id)
    .where("status", "=", "invited")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markDeclined(db: Kysely<DB>, id: string, reason: string): Promise<boolean> {
  const r = await db
    .updateTable("evaluation_assignments")
    .set({ status: "conflict", conflict_reason: reason })
    .where("id", "=", id)
    .where("status", "=", "invited")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const expertsOfCandidate = async (db: Kysely<DB>, candidateId: string) =>
  (
    await db
      .selectFrom("evaluation_assignments")
      .select("expert_id")
      .where("candidate_id", "=", candidateId)
      .execute()
  ).map((r) => r.expert_id);

export const expertNames = async (db: Kysely<DB>, ids: readonly string[]) =>
  new Map(
    (
      await db
        .selectFrom("experts")
        .select(["id", "name"])
        .where("id", "in", [...ids, "-"])
        .execute()
    ).map((r) => [r.id, r.name]),
  );
