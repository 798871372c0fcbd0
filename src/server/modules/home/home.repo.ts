// Counts for the office's home. Each is one indexed query with the same filter as the list it links
// to (indexes: migration 2026_12_05_0400_home_counts), so the number equals the rows on that list.
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";

const n = (r: { n: number | string | bigint } | undefined): number => Number(r?.n ?? 0);

/** Cases waiting at a step, by deadline against today: before it (overdue) or on it (due today).
 * One case waiting at two organisations of a countersign counts once. */
export async function countWaits(db: Kysely<DB>, day: string, when: "overdue" | "today"): Promise<number> {
  const row = await db
    .selectFrom("application_waits")
    .select((eb) => eb.fn.count<number>("application_id").distinct().as("n"))
    .where("deadline", when === "overdue" ? "<" : "=", day)
    .executeTakeFirst();
  return n(row);
}

/** Tasks with this light; `visibleTo` as in the task board (undefined = every task). */
export async function countTasksByLight(
  db: Kysely<DB>,
  light: "yellow" | "red",
  visibleTo: readonly string[] | undefined,
): Promise<number> {
  let q = db
    .selectFrom("tasks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("light", "=", light);
  if (visibleTo !== undefined) {
    const orgIds = visibleTo.length > 0 ? [...visibleTo] : ["-"];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("task_units")
          .select("task_units.task_id")
          .whereRef("task_units.task_id", "=", "tasks.id")
          .where("task_units.org_id", "in", orgIds),
      ),
    );
  }
  return n(await q.executeTakeFirst());
}

/** Open objections on notices owned by one of these organisations: the sum of the notices' own
 * counters (kept with each lodge and answer), over the notices that have any. */
export async function countOpenObjections(db: Kysely<DB>, ownerOrgIds: readonly string[]): Promise<number> {
  if (ownerOrgIds.length === 0) return 0;
  const row = await db
    .selectFrom("publicity_notices")
    .select((eb) => eb.fn.sum<number>("open_objections").as("n"))
    .where("owner_org_id", "in", [...ownerOrgIds])
    .where("open_objections", ">", 0)
    .executeTakeFirst();
  return n(row === undefined || row.n === null ? undefined : row);
}

/** Every fund (a small table: a city has a handful); the service keeps those the actor reads. */
export async function fundsOf(db: Kysely<DB>) {
  return db.selectFrom("funds").select(["id", "owner_org_id", "finance_org_id"]).execute();
}

/** Payment batches of these funds in this status. */
export async function countBatches(
  db: Kysely<DB>,
  fundIds: readonly string[],
  status: string,
): Promise<number> {
  if (fundIds.length === 0) return 0;
  const row = await db
    .selectFrom("fund_batches")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", status)
    .where("fund_id", "in", [...fundIds])
    .executeTakeFirst();
  return n(row);
}

/** Open supervision orders addressed to these organisations (undefined = every order). */
export async function countOpenOrders(
  db: Kysely<DB>,
  orgIds: readonly string[] | undefined,
): Promise<number> {
  let q = db
    .selectFrom("supervision_orders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "open");
  if (orgIds !== undefined) q = q.where("org_id", "in", orgIds.length > 0 ? [...orgIds] : ["-"]);
  return n(await q.executeTakeFirst());
}
