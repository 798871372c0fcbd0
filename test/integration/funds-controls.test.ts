// Payout controls: the creator of a payment batch never approves it; above the limit two other,
// different people do; the database itself refuses a negative account balance.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { financeColleague, fundWithLine, PAYEE, send } from "../harness/funds.js";

let t: TestApp;
let office: TestClient;
let finance: TestClient;
let second: TestClient;
let third: TestClient;
let talentId: string;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-03-02T02:00:00.000Z" });
  office = await t.login("office");
  finance = await t.login("finance");
  second = await financeColleague(t, "fin_b");
  third = await financeColleague(t, "fin_c");
  talentId = await t.userId("talent");
});
afterAll(async () => {
  await t?.close();
});

async function batchOf(amounts: number[]): Promise<string> {
  const { fundId, lineId } = await fundWithLine(t, office, finance, 100_000_000);
  for (const amount of amounts) {
    const e = await send(office, "POST", "/api/funds/entitlements", {
      budgetLineId: lineId,
      talentUserId: talentId,
      title: `资助${amount}`,
      amount,
      payee: PAYEE,
    });
    expect(e.statusCode, e.body).toBe(201);
  }
  const created = await send(finance, "POST", "/api/funds/batches", { fundId, title: "控制测试批次" });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

describe("payment batch approval", () => {
  it("the creator can never approve, not even a batch under the limit", async () => {
    const id = await batchOf([100_000]);
    const view = (await finance.get(`/api/funds/batches/${id}`)).json();
    expect(view.approvalsRequired).toBe(1);
    expect(view.abilities.approve).toBe(false);
    const own = await send(finance, "POST", `/api/funds/batches/${id}/approve`);
    expect(own.statusCode).toBe(409);
    expect(own.json().code).toBe("FUNDS_CREATOR_CANNOT_APPROVE");
    expect((await finance.get(`/api/funds/batches/${id}`)).json().status).toBe("draft");
    expect((await second.get(`/api/funds/batches/${id}`)).json().abilities.approve).toBe(true);
    const other = await send(second, "POST", `/api/funds/batches/${id}/approve`);
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().status).toBe("approved");
  });

  it("above the limit two approvers, neither the creator nor the same person twice", async () => {
    const id = await batchOf([6_000_000, 5_000_000]);
    expect((await finance.get(`/api/funds/batches/${id}`)).json().approvalsRequired).toBe(2);
    expect((await send(second, "POST", `/api/funds/batches/${id}/approve`)).json().status).toBe("draft");
    const twice = await send(second, "POST", `/api/funds/batches/${id}/approve`);
    expect(twice.json().code).toBe("FUNDS_SECOND_APPROVER_REQUIRED");
    const creator = await send(finance, "POST", `/api/funds/batches/${id}/approve`);
    expect(creator.json().code).toBe("FUNDS_CREATOR_CANNOT_APPROVE");
    expect((await send(third, "POST", `/api/funds/batches/${id}/approve`)).json().status).toBe("approved");
  });
});

describe("the database refuses negative balances", () => {
  it("an update that makes an account negative fails on the database itself", async () => {
    const db = t.rt.deps.database.db;
    const { lineId } = await fundWithLine(t, office, finance, 1_000);
    const available = await db
      .selectFrom("fund_accounts")
      .select(["id", "balance"])
      .where("budget_line_id", "=", lineId)
      .where("kind", "=", "available")
      .executeTakeFirstOrThrow();
    expect(Number(available.balance)).toBe(1_000);
    await expect(
      sql`update fund_accounts set balance = -1 where id = ${available.id}`.execute(db),
    ).rejects.toThrow(/balance|check|constraint/i);
    const allocated = await db
      .selectFrom("fund_accounts")
      .select("id")
      .where("budget_line_id", "=", lineId)
      .where("kind", "=", "allocated")
      .executeTakeFirstOrThrow();
    // The source account is the one kept ≤ 0 (its raw balance is minus the allocation).
    await expect(
      sql`update fund_accounts set balance = 5 where id = ${allocated.id}`.execute(db),
    ).rejects.toThrow(/balance|check|constraint/i);
    const after = await db
      .selectFrom("fund_accounts")
      .select("balance")
      .where("id", "=", available.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.balance)).toBe(1_000);
  });
});
