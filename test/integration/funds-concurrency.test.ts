// Real parallel requests through the HTTP app (PostgreSQL: a pool of connections racing on the
// budget line lock; SQLite: one connection, transactions serialised): no overspend, no lost entry,
// one payment however many times it is asked for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { fundWithLine, key, PAYEE, send } from "../harness/funds.js";

let t: TestApp;
let office: TestClient;
let finance: TestClient;
let talentId: string;

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
  finance = await t.login("finance");
  talentId = await t.userId("talent");
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;

async function reconciled(fundId: string) {
  const report = (await office.get(`/api/funds/reconciliation?fundId=${fundId}`)).json();
  expect(report.lineProblems).toEqual([]);
  expect(report.unbalancedJournals).toEqual([]);
  expect(report.ok).toBe(true);
}

/** One payable entitlement in an approved batch: the batch line to pay. */
async function approvedBatchLine(amount: number) {
  const { fundId, lineId } = await fundWithLine(t, office, finance, amount);
  const e = await send(office, "POST", "/api/funds/entitlements", {
    budgetLineId: lineId,
    talentUserId: talentId,
    title: "资助",
    amount,
    payee: PAYEE,
  });
  expect(e.statusCode).toBe(201);
  const batch = await send(finance, "POST", "/api/funds/batches", { fundId, title: "批次" });
  expect(batch.statusCode).toBe(201);
  const batchId = batch.json().id as string;
  expect(
    (await send(await t.login("finance_leader"), "POST", `/api/funds/batches/${batchId}/approve`)).json()
      .status,
  ).toBe("approved");
  const lineIdOfBatch = (await finance.get(`/api/funds/batches/${batchId}`)).json().lines[0].id as string;
  return { fundId, lineId, batchId, batchLineId: lineIdOfBatch };
}

describe("funds under concurrency", () => {
  it("200 parallel approvals of 1,000 元 against 100,000 元: exactly 100 reserved, 100 refused", async () => {
    const { fundId, lineId } = await fundWithLine(t, office, finance, 10_000_000);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send(office, "POST", "/api/funds/entitlements", {
          budgetLineId: lineId,
          talentUserId: talentId,
          title: `并发核定${i}`,
          sourceKind: "grant",
          sourceId: `race-${lineId}-${i}`,
          stages: [{ name: "资助", amount: 100_000, condition: "manual" }],
          payee: PAYEE,
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(100);
    expect(codes.filter((c) => c === 409)).toHaveLength(100);
    for (const r of responses.filter((x) => x.statusCode === 409))
      expect(r.json().code).toBe("FUNDS_INSUFFICIENT");
    const balances = (await office.get(`/api/funds/budget-lines/${lineId}`)).json().balances;
    expect(balances).toMatchObject({ allocated: 10_000_000, available: 0, reserved: 10_000_000, paid: 0 });
    const entitlements = await db()
      .selectFrom("fund_entitlements")
      .select("id")
      .where("budget_line_id", "=", lineId)
      .execute();
    expect(entitlements).toHaveLength(100);
    // No lost entry: one reserve journal per accepted approval, and every 201 names one of them.
    const reserves = await db()
      .selectFrom("fund_journals")
      .select("entitlement_id")
      .where("budget_line_id", "=", lineId)
      .where("kind", "=", "reserve")
      .execute();
    expect(reserves).toHaveLength(100);
    const accepted = new Set(responses.filter((r) => r.statusCode === 201).map((r) => r.json().id));
    expect(new Set(reserves.map((r) => r.entitlement_id))).toEqual(accepted);
    await reconciled(fundId);
  });

  it("50 identical payment requests in parallel make one payment", async () => {
    const { fundId, lineId, batchId, batchLineId } = await approvedBatchLine(123_456);
    const k = key();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        send(
          finance,
          "POST",
          `/api/funds/batches/${batchId}/results`,
          { lines: [{ lineId: batchLineId, result: "paid" }] },
          k,
        ),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    expect(responses.filter((r) => r.headers["idempotent-replayed"] !== "true")).toHaveLength(1);
    const pays = await db()
      .selectFrom("fund_journals")
      .select("id")
      .where("batch_id", "=", batchId)
      .where("kind", "=", "pay")
      .execute();
    expect(pays).toHaveLength(1);
    expect((await office.get(`/api/funds/budget-lines/${lineId}`)).json().balances).toMatchObject({
      paid: 123_456,
      payable: 0,
    });
    await reconciled(fundId);
  });

  it("50 payment requests with different keys in parallel: one succeeds, 49 are refused", async () => {
    const { fundId, lineId, batchId, batchLineId } = await approvedBatchLine(77_700);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        send(finance, "POST", `/api/funds/batches/${batchId}/results`, {
          lines: [{ lineId: batchLineId, result: "paid" }],
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const pays = await db()
      .selectFrom("fund_journals")
      .select("id")
      .where("batch_id", "=", batchId)
      .where("kind", "=", "pay")
      .execute();
    expect(pays).toHaveLength(1);
    expect((await office.get(`/api/funds/budget-lines/${lineId}`)).json().balances).toMatchObject({
      paid: 77_700,
    });
    await reconciled(fundId);
  });

  it("20 parallel batch collections of the same payable stages: one batch gets them", async () => {
    const { fundId, lineId } = await fundWithLine(t, office, finance, 1_000_000);
    for (let i = 0; i < 5; i++)
      await send(office, "POST", "/api/funds/entitlements", {
        budgetLineId: lineId,
        talentUserId: talentId,
        title: `资助${i}`,
        amount: 100_000,
        payee: PAYEE,
      });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(finance, "POST", "/api/funds/batches", { fundId, title: `批次${i}` }),
      ),
    );
    const created = responses.filter((r) => r.statusCode === 201);
    expect(created).toHaveLength(1);
    expect(created[0]!.json()).toMatchObject({ lineCount: 5, total: 500_000 });
    expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(19);
    const lines = await db()
      .selectFrom("fund_batch_lines")
      .select("stage_id")
      .where("budget_line_id", "=", lineId)
      .execute();
    expect(lines).toHaveLength(5);
    await reconciled(fundId);
  });
});
