// Money paid back by a payee (追回): the finance officer records the return of a paid stage; the ledger
// moves it paid → returned → available, so the line can spend it again; the stage and entitlement show
// it; the request is idempotent; unpaid stages, other roles and bad input are refused; the
// reconciliation stays clean throughout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { fundWithLine, key, PAYEE, send } from "../harness/funds.js";

let t: TestApp;
let office: TestClient;
let finance: TestClient;
let talent: TestClient;
let fundId: string;
let lineId: string;
let entitlementId: string;
let paidStage: string;
let pendingStage: string;

interface Balances {
  allocated: number;
  available: number;
  reserved: number;
  payable: number;
  paid: number;
  returned: number;
}
const balances = async (): Promise<Balances> =>
  (await office.get(`/api/funds/budget-lines/${lineId}`)).json().balances as Balances;
const reconciled = async () => {
  const report = (await office.get(`/api/funds/reconciliation?fundId=${fundId}`)).json();
  expect(report.ok, JSON.stringify(report)).toBe(true);
};
const postingCount = async () =>
  Number(
    (
      await t.rt.deps.database.db
        .selectFrom("fund_postings")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp({ start: "2026-06-01T02:00:00.000Z" });
  office = await t.login("office");
  finance = await t.login("finance");
  talent = await t.login("talent");
  ({ fundId, lineId } = await fundWithLine(t, office, finance, 1_000_000));
  const created = await send(office, "POST", "/api/funds/entitlements", {
    budgetLineId: lineId,
    talentUserId: "talent",
    title: "追回测试资助",
    stages: [
      { name: "启动经费", amount: 300_000, condition: "on_creation" },
      { name: "验收奖励", amount: 200_000, condition: "manual" },
    ],
    payee: PAYEE,
  });
  expect(created.statusCode, created.body).toBe(201);
  entitlementId = created.json().id;
  const e = (await office.get(`/api/funds/entitlements/${entitlementId}`)).json();
  paidStage = e.stages.find((s: { no: number }) => s.no === 1).id;
  pendingStage = e.stages.find((s: { no: number }) => s.no === 2).id;
  // Pay the start-up stage through a batch.
  const batch = await send(finance, "POST", "/api/funds/batches", { fundId, title: "追回测试批次" });
  expect(batch.statusCode, batch.body).toBe(201);
  const batchId = batch.json().id;
  expect(
    (await send(await t.login("finance_leader"), "POST", `/api/funds/batches/${batchId}/approve`)).statusCode,
  ).toBe(200);
  const lines = (await finance.get(`/api/funds/batches/${batchId}`)).json().lines as { id: string }[];
  const paid = await send(finance, "POST", `/api/funds/batches/${batchId}/results`, {
    lines: lines.map((l) => ({ lineId: l.id, result: "paid" })),
  });
  expect(paid.statusCode, paid.body).toBe(200);
});
afterAll(async () => t?.close());

describe("recording money paid back (return)", () => {
  it("refuses what is not a paid stage, other roles, missing keys and bad input; nothing moves", async () => {
    const before = { balances: await balances(), postings: await postingCount() };
    const notPaid = await send(finance, "POST", `/api/funds/stages/${pendingStage}/return`, {
      reason: "误拨",
    });
    expect(notPaid.statusCode, notPaid.body).toBe(409);
    expect(notPaid.headers["content-type"]).toMatch(/problem\+json/);
    expect(notPaid.json()).toMatchObject({ code: "FUNDS_STAGE_NOT_PAID" });
    expect(notPaid.json().title ?? notPaid.json().message).toBeTruthy();

    const byOffice = await send(office, "POST", `/api/funds/stages/${paidStage}/return`, { reason: "误拨" });
    expect(byOffice.statusCode).toBe(403);
    const byTalent = await send(talent, "POST", `/api/funds/stages/${paidStage}/return`, { reason: "误拨" });
    expect(byTalent.statusCode).toBe(403);

    const noKey = await finance.post(`/api/funds/stages/${paidStage}/return`, { reason: "误拨" });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().code).toBe("IDEMPOTENCY_KEY_REQUIRED");

    const noReason = await send(finance, "POST", `/api/funds/stages/${paidStage}/return`, {});
    expect(noReason.statusCode).toBe(400);
    const blank = await send(finance, "POST", `/api/funds/stages/${paidStage}/return`, { reason: "   " });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors[0].path).toBe("/reason");
    const extra = await send(finance, "POST", `/api/funds/stages/${paidStage}/return`, {
      reason: "误拨",
      amount: 1,
    });
    expect(extra.statusCode).toBe(400);
    const missing = await send(finance, "POST", "/api/funds/stages/00000000000000000000000000/return", {
      reason: "误拨",
    });
    expect(missing.statusCode).toBe(404);

    expect(await balances()).toEqual(before.balances);
    expect(await postingCount()).toBe(before.postings);
    await reconciled();
  });

  it("moves the paid amount back to available through returned, once per key", async () => {
    const before = await balances();
    expect(before.paid).toBe(300_000);
    const k = key();
    const res = await send(
      finance,
      "POST",
      `/api/funds/stages/${paidStage}/return`,
      { reason: "人才离职，资金追回" },
      k,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      stageId: paidStage,
      entitlementId,
      returned: 300_000,
      budgetLineId: lineId,
    });
    const after = await balances();
    expect(after).toEqual({
      ...before,
      paid: before.paid - 300_000,
      returned: 0,
      available: before.available + 300_000,
    });
    expect(res.json().balances).toEqual(after);

    // The same key again: the stored answer, nothing posted again.
    const postings = await postingCount();
    const again = await send(
      finance,
      "POST",
      `/api/funds/stages/${paidStage}/return`,
      { reason: "人才离职，资金追回" },
      k,
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(res.json());
    expect(await postingCount()).toBe(postings);
    // A new key: the stage is no longer paid.
    const twice = await send(finance, "POST", `/api/funds/stages/${paidStage}/return`, {
      reason: "再次追回",
    });
    expect(twice.statusCode).toBe(409);
    expect(await balances()).toEqual(after);

    // The journals: return (paid → returned) then reuse (returned → available).
    const journals = (await office.get(`/api/funds/budget-lines/${lineId}/journals?limit=5`)).json()
      .items as {
      id: string;
      kind: string;
      stageId: string | null;
      postings: { account: string; amount: number }[];
    }[];
    const ids = [res.json().returnJournalId, res.json().reuseJournalId];
    const mine = journals.filter((j) => ids.includes(j.id));
    expect(mine.map((j) => j.kind).sort()).toEqual(["return", "reuse"]);
    for (const j of mine) expect(j.stageId).toBe(paidStage);
    expect(mine.find((j) => j.kind === "return")!.postings).toEqual(
      expect.arrayContaining([
        { account: "paid", amount: -300_000 },
        { account: "returned", amount: 300_000 },
      ]),
    );

    const e = (await talent.get(`/api/funds/entitlements/${entitlementId}`)).json();
    expect(e.stages.find((s: { id: string }) => s.id === paidStage).status).toBe("returned");
    expect(e.paid).toBe(0);
    expect(e.status).toBe("reserved"); // the reward stage is still pending

    const audit = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select(["action", "result"])
      .where("object_id", "=", paidStage)
      .where("action", "=", "funds.stage.return")
      .execute();
    expect(audit).toHaveLength(1);
    await reconciled();
  });

  it("the returned money can be reserved again on the line", async () => {
    const before = await balances();
    const created = await send(office, "POST", "/api/funds/entitlements", {
      budgetLineId: lineId,
      talentUserId: "talent",
      title: "再次使用追回资金",
      amount: before.available,
      payee: PAYEE,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await balances()).available).toBe(0);
    await reconciled();
  });
});
