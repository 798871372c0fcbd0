// Every query of the clause report and the cockpit. Each is one GROUP BY over an indexed join
// (indexes: migration 2026_12_06_0800_clause_report), keyed by measure; none loops per row or
// scans text with LIKE. `orgs` limits a query to departments (undefined: every department).
import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Dialect } from "../../db/connect.js";
import type { DB } from "../../db/schema.js";

const num = (v: number | string | bigint | null | undefined): number => Number(v ?? 0);
const inOrgs = (orgs: readonly string[]) => (orgs.length > 0 ? [...orgs] : ["-"]);

/** Applications first submitted in a calendar year in China time (UTC+8): [from, to) as ISO text. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year - 1}-12-31T16:00:00.000Z`, to: `${year}-12-31T16:00:00.000Z` };
}

export const APPROVED = ["approved", "filed"] as const;
export const DECIDED = ["approved", "filed", "rejected"] as const;

export async function findDocument(db: Kysely<DB>, id: string | undefined) {
  let q = db.selectFrom("policy_documents").select(["id", "title"]);
  q = id === undefined ? q.orderBy("created_at", "desc").orderBy("id", "desc") : q.where("id", "=", id);
  return q.limit(1).executeTakeFirst();
}

export async function measuresOf(db: Kysely<DB>, documentId: string) {
  return db
    .selectFrom("policy_measures")
    .select(["id", "no", "label", "title"])
    .where("document_id", "=", documentId)
    .orderBy("position")
    .execute();
}

export interface TaskCounts {
  count: number;
  onTime: number;
  yellow: number;
  red: number;
  done: number;
  taskId: string | null;
}

/** Tasks per measure by the light the tasks module stores (refresh-lights.ts) and their status. */
export async function taskCounts(
  db: Kysely<DB>,
  documentId: string,
  orgs: readonly string[] | undefined,
): Promise<Map<string, TaskCounts>> {
  const open = (light: string) =>
    sql<number>`sum(case when tasks.status <> 'completed' and tasks.light = ${light} then 1 else 0 end)`;
  let q = db
    .selectFrom("tasks")
    .select((eb) => [
      "tasks.measure_id as measureId",
      eb.fn.countAll<number>().as("count"),
      eb.fn.min("tasks.id").as("taskId"),
      open("green").as("onTime"),
      open("yellow").as("yellow"),
      open("red").as("red"),
      sql<number>`sum(case when tasks.status = 'completed' then 1 else 0 end)`.as("done"),
    ])
    .where("tasks.document_id", "=", documentId)
    .groupBy("tasks.measure_id");
  if (orgs !== undefined)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("task_units")
          .select("task_units.task_id")
          .whereRef("task_units.task_id", "=", "tasks.id")
          .where("task_units.org_id", "in", inOrgs(orgs)),
      ),
    );
  const rows = await q.execute();
  return new Map(
    rows.map((r) => [
      r.measureId,
      {
        count: num(r.count),
        onTime: num(r.onTime),
        yellow: num(r.yellow),
        red: num(r.red),
        done: num(r.done),
        taskId: num(r.count) === 1 ? (r.taskId as string) : null,
      },
    ]),
  );
}

/** Service items linked to each measure (service_item_measures), with their promised days. */
export async function linkedItems(db: Kysely<DB>, documentId: string, orgs: readonly string[] | undefined) {
  let q = db
    .selectFrom("service_item_measures as sim")
    .innerJoin("policy_measures as pm", "pm.id", "sim.measure_id")
    .innerJoin("service_items as si", "si.id", "sim.item_id")
    .leftJoin("service_item_versions as v", (j) =>
      j.onRef("v.item_id", "=", "si.id").onRef("v.version", "=", "si.current_version"),
    )
    .select(["sim.measure_id as measureId", "si.id as itemId", "si.code", "si.name", "v.content"])
    .where("pm.document_id", "=", documentId)
    .orderBy("si.code");
  if (orgs !== undefined) q = q.where("si.owner_org_id", "in", inOrgs(orgs));
  const rows = await q.execute();
  return rows.map((r) => {
    let promisedDays: number | null = null;
    try {
      const c = r.content ? (JSON.parse(r.content) as { promisedDays?: unknown }) : {};
      promisedDays = typeof c.promisedDays === "number" ? c.promisedDays : null;
    } catch {
      promisedDays = null;
    }
    return { measureId: r.measureId, itemId: r.itemId, code: r.code, name: r.name, promisedDays };
  });
}

interface AppFilter {
  documentId: string;
  year: number | undefined;
  orgs: readonly string[] | undefined;
}

/** Applications to the items linked to the document's measures, joined to their measure. */
function applicationsOfMeasures(db: Kysely<DB>, f: AppFilter) {
  let q = db
    .selectFrom("applications as a")
    .innerJoin("service_item_measures as sim", "sim.item_id", "a.item_id")
    .innerJoin("policy_measures as pm", "pm.id", "sim.measure_id")
    .where("pm.document_id", "=", f.documentId)
    .where("a.first_submitted_at", "is not", null);
  if (f.year !== undefined) {
    const r = yearRange(f.year);
    q = q.where("a.first_submitted_at", ">=", r.from).where("a.first_submitted_at", "<", r.to);
  }
  if (f.orgs !== undefined) {
    const orgs = inOrgs(f.orgs);
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("service_items as si")
          .select("si.id")
          .whereRef("si.id", "=", "a.item_id")
          .where("si.owner_org_id", "in", orgs),
      ),
    );
  }
  return q;
}

/** Decided on or before the promised date: the decision's China date ≤ deadline, i.e. the instant
 * is before 00:00 China time of the next day = `deadline`T16:00Z. */
const withinSla = sql<SqlBool>`a.decided_at is not null and a.deadline is not null and a.decided_at < (a.deadline || 'T16:00:00.000Z')`;

export async function applicationCounts(db: Kysely<DB>, f: AppFilter) {
  const rows = await applicationsOfMeasures(db, f)
    .select((eb) => [
      "sim.measure_id as measureId",
      eb.fn.countAll<number>().as("submitted"),
      sql<number>`sum(case when a.status in ('approved', 'filed') then 1 else 0 end)`.as("approved"),
      sql<number>`sum(case when a.status = 'rejected' then 1 else 0 end)`.as("rejected"),
      sql<number>`sum(case when a.status in ('approved', 'filed', 'rejected') and a.decided_at is not null then 1 else 0 end)`.as(
        "decided",
      ),
      sql<number>`sum(case when a.status in ('approved', 'filed', 'rejected') and ${withinSla} then 1 else 0 end)`.as(
        "withinSla",
      ),
    ])
    .groupBy("sim.measure_id")
    .execute();
  return new Map(
    rows.map((r) => [
      r.measureId,
      {
        submitted: num(r.submitted),
        approved: num(r.approved),
        rejected: num(r.rejected),
        decided: num(r.decided),
        withinSla: num(r.withinSla),
      },
    ]),
  );
}

/** Calendar days (China dates) from first submission to decision, as SQL on each database. */
const processingDays = (dialect: Dialect) =>
  dialect === "sqlite"
    ? sql<number>`cast(julianday(date(a.decided_at, '+8 hours')) - julianday(date(a.first_submitted_at, '+8 hours')) as integer)`
    : sql<number>`((a.decided_at::timestamptz at time zone 'Asia/Shanghai')::date - (a.first_submitted_at::timestamptz at time zone 'Asia/Shanghai')::date)`;

/** How many decided applications took how many days, per measure: a histogram (a few rows per
 * measure) from which the caller takes the median, as a median is not an aggregate on both databases. */
export async function decisionDays(db: Kysely<DB>, dialect: Dialect, f: AppFilter) {
  const days = processingDays(dialect);
  const rows = await applicationsOfMeasures(db, f)
    .select((eb) => ["sim.measure_id as measureId", days.as("days"), eb.fn.countAll<number>().as("n")])
    .where("a.status", "in", [...DECIDED])
    .where("a.decided_at", "is not", null)
    .groupBy(["sim.measure_id", days])
    .execute();
  return rows.map((r) => ({ measureId: r.measureId, days: num(r.days), n: num(r.n) }));
}

/** Applications per service item (the cockpit), over every item or the departments' own. */
export async function applicationsByItem(
  db: Kysely<DB>,
  year: number | undefined,
  orgs: readonly string[] | undefined,
) {
  let q = db
    .selectFrom("applications as a")
    .innerJoin("service_items as si", "si.id", "a.item_id")
    .select((eb) => [
      "si.code",
      "si.name",
      eb.fn.countAll<number>().as("submitted"),
      sql<number>`sum(case when a.status in ('approved', 'filed', 'rejected') and a.decided_at is not null then 1 else 0 end)`.as(
        "decided",
      ),
      sql<number>`sum(case when a.status in ('approved', 'filed', 'rejected') and ${withinSla} then 1 else 0 end)`.as(
        "withinSla",
      ),
    ])
    .where("a.first_submitted_at", "is not", null)
    .groupBy(["si.code", "si.name"])
    .orderBy("si.code");
  if (year !== undefined) {
    const r = yearRange(year);
    q = q.where("a.first_submitted_at", ">=", r.from).where("a.first_submitted_at", "<", r.to);
  }
  if (orgs !== undefined) q = q.where("si.owner_org_id", "in", inOrgs(orgs));
  const rows = await q.execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    submitted: num(r.submitted),
    decided: num(r.decided),
    withinSla: num(r.withinSla),
  }));
}

/** The department a budget line belongs to: the owner of its service item, else the fund's owner. */
const lineOrgIn = (orgs: readonly string[]): Expression<SqlBool> =>
  sql<SqlBool>`coalesce((select si.owner_org_id from service_items si where si.code = bl.item_code), f.owner_org_id) in (${sql.join(inOrgs(orgs))})`;

/** Account balances (kept with every posting, checked by reconciliation) summed per measure and kind. */
export async function moneyByMeasure(
  db: Kysely<DB>,
  documentId: string,
  year: number | undefined,
  orgs: readonly string[] | undefined,
) {
  let q = db
    .selectFrom("fund_budget_lines as bl")
    .innerJoin("policy_measures as pm", "pm.id", "bl.measure_id")
    .innerJoin("funds as f", "f.id", "bl.fund_id")
    .innerJoin("fund_accounts as fa", "fa.budget_line_id", "bl.id")
    .select((eb) => [
      "pm.id as measureId",
      "fa.kind",
      eb.fn.sum<number>("fa.balance").as("balance"),
      eb.fn.min("bl.id").as("lineId"),
      eb.fn.count<number>("bl.id").distinct().as("lines"),
    ])
    .where("pm.document_id", "=", documentId)
    .groupBy(["pm.id", "fa.kind"]);
  if (year !== undefined) q = q.where("bl.year", "=", year);
  if (orgs !== undefined) q = q.where(lineOrgIn(orgs));
  const rows = await q.execute();
  const out = new Map<string, { raw: Record<string, number>; lineId: string | null }>();
  for (const r of rows) {
    const m = out.get(r.measureId) ?? { raw: {}, lineId: num(r.lines) === 1 ? (r.lineId as string) : null };
    m.raw[r.kind] = num(r.balance);
    out.set(r.measureId, m);
  }
  return out;
}

/** Distinct people reached under each measure: approved applicants (talents), holders of a granted
 * benefit (a fund entitlement not cancelled) and recognised talents (a tier, title or skill written
 * by an approved application). A person is their account ("u:<user id>"), or the registry record
 * ("t:<talent id>") of a recognised talent without an account. */
export async function talentsReached(db: Kysely<DB>, f: AppFilter): Promise<Map<string, number>> {
  const approvedApplicants = applicationsOfMeasures(db, f)
    .select(["sim.measure_id as m", sql<string>`'u:' || a.applicant_user_id`.as("p")])
    .where("a.status", "in", [...APPROVED])
    .where("a.applicant_kind", "=", "talent");

  let benefits = db
    .selectFrom("fund_entitlements as e")
    .innerJoin("fund_budget_lines as bl", "bl.id", "e.budget_line_id")
    .innerJoin("policy_measures as pm", "pm.id", "bl.measure_id")
    .innerJoin("funds as f", "f.id", "bl.fund_id")
    .select(["pm.id as m", sql<string>`'u:' || e.talent_user_id`.as("p")])
    .where("pm.document_id", "=", f.documentId)
    .where("e.status", "<>", "cancelled");
  if (f.year !== undefined) benefits = benefits.where("bl.year", "=", f.year);
  if (f.orgs !== undefined) benefits = benefits.where(lineOrgIn(f.orgs));

  const person = sql<string>`case when t.user_id is null then 't:' || t.id else 'u:' || t.user_id end`;
  const recognised = (table: "talent_tiers" | "talent_titles" | "talent_skills") =>
    applicationsOfMeasures(db, f)
      .innerJoin(`${table} as r` as "talent_tiers as r", "r.application_id", "a.id")
      .innerJoin("talents as t", "t.id", "r.talent_id")
      .select(["sim.measure_id as m", person.as("p")])
      .where("a.status", "in", [...APPROVED]);

  const people = approvedApplicants
    .union(benefits)
    .union(recognised("talent_tiers"))
    .union(recognised("talent_titles"))
    .union(recognised("talent_skills"));
  const rows = await db
    .selectFrom(people.as("r"))
    .select((eb) => ["r.m", eb.fn.count<number>("r.p").distinct().as("n")])
    .groupBy("r.m")
    .execute();
  return new Map(rows.map((r) => [r.m, num(r.n)]));
}

/** Talents in the registry by their current tier (A–E). */
export async function talentsByTier(db: Kysely<DB>) {
  const rows = await db
    .selectFrom("talents")
    .select((eb) => ["tier", eb.fn.countAll<number>().as("n")])
    .where("tier", "is not", null)
    .where("tier", "<>", "none")
    .groupBy("tier")
    .orderBy("tier")
    .execute();
  return rows.map((r) => ({ tier: r.tier as string, n: num(r.n) }));
}

/** Red tasks per lead unit. */
export async function redTasksByLead(db: Kysely<DB>, orgs: readonly string[] | undefined) {
  let q = db
    .selectFrom("tasks")
    .innerJoin("task_units as u", "u.task_id", "tasks.id")
    .innerJoin("organisations as o", "o.id", "u.org_id")
    .select((eb) => ["o.id", "o.name", eb.fn.count<number>("tasks.id").distinct().as("n")])
    .where("tasks.light", "=", "red")
    .where("u.role", "=", "lead")
    .groupBy(["o.id", "o.name"])
    .orderBy("o.name");
  if (orgs !== undefined) q = q.where("u.org_id", "in", inOrgs(orgs));
  const rows = await q.execute();
  return rows.map((r) => ({ orgId: r.id, name: r.name, n: num(r.n) }));
}
