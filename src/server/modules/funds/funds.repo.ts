// Queries of the funds domain: plain Kysely, db or transaction first, no business rules.
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { BudgetLineRow, EntitlementRow, FundRow, StageRow } from "../../db/tables/funds.js";

export const findFund = (db: Kysely<DB>, id: string): Promise<FundRow | undefined> =>
  db.selectFrom("funds").selectAll().where("id", "=", id).executeTakeFirst();

export const findBudgetLine = (db: Kysely<DB>, id: string): Promise<BudgetLineRow | undefined> =>
  db.selectFrom("fund_budget_lines").selectAll().where("id", "=", id).executeTakeFirst();

export const findEntitlement = (db: Kysely<DB>, id: string): Promise<EntitlementRow | undefined> =>
  db.selectFrom("fund_entitlements").selectAll().where("id", "=", id).executeTakeFirst();

export const findStage = (db: Kysely<DB>, id: string): Promise<StageRow | undefined> =>
  db.selectFrom("fund_stages").selectAll().where("id", "=", id).executeTakeFirst();

export const stagesOf = (db: Kysely<DB>, entitlementIds: readonly string[]): Promise<StageRow[]> =>
  entitlementIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("fund_stages")
        .selectAll()
        .where("entitlement_id", "in", [...new Set(entitlementIds)])
        .orderBy("entitlement_id")
        .orderBy("no")
        .execute();

/** The fund each budget line belongs to (for authorization of line-level requests). */
export async function fundsOfLines(
  db: Kysely<DB>,
  lineIds: readonly string[],
): Promise<Map<string, FundRow>> {
  const wanted = [...new Set(lineIds)];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom("fund_budget_lines")
    .innerJoin("funds", "funds.id", "fund_budget_lines.fund_id")
    .select([
      "fund_budget_lines.id as line_id",
      "funds.id",
      "funds.code",
      "funds.name",
      "funds.owner_org_id",
      "funds.finance_org_id",
      "funds.description",
      "funds.created_at",
      "funds.created_by",
    ])
    .where("fund_budget_lines.id", "in", wanted)
    .execute();
  return new Map(rows.map(({ line_id, ...fund }) => [line_id, fund]));
}

export async function namesOf(
  db: Kysely<DB>,
  table: "users" | "organisations",
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  if (table === "users") {
    const rows = await db
      .selectFrom("users")
      .select(["id", "display_name"])
      .where("id", "in", wanted)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
  const rows = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "in", wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** An entitlement's status, from its stages. */
export function entitlementStatus(stages: readonly Pick<StageRow, "status">[]): string {
  // Cancelled stages and stages whose paid money came back (returned) are closed: nothing is owed on them.
  const live = stages.filter((s) => s.status !== "cancelled" && s.status !== "returned");
  if (live.length === 0) return stages.some((s) => s.status === "returned") ? "returned" : "cancelled";
  if (live.every((s) => s.status === "paid")) return "paid";
  if (live.some((s) => s.status === "in_batch")) return "paying";
  if (live.some((s) => s.status === "payable")) return "payable";
  return "reserved";
}

/** Recomputes and stores an entitlement's status after its stages changed. */
export async function refreshEntitlementStatus(
  trx: Kysely<DB>,
  entitlementId: string,
  at: string,
): Promise<string> {
  const stages = await trx
    .selectFrom("fund_stages")
    .select("status")
    .where("entitlement_id", "=", entitlementId)
    .execute();
  const status = entitlementStatus(stages);
  await trx
    .updateTable("fund_entitlements")
    .set({ status, updated_at: at })
    .where("id", "=", entitlementId)
    .execute();
  return status;
}
