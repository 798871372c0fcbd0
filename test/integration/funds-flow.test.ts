// The fund ledger through the HTTP app: allocation, entitlements, stages, batches with two-person
// approval and the bank file, failures back to payable, reversals, subsidies, reconciliation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedFunds } from "../../src/server/demo/funds.js";
import { makeFundsApplicationHooks } from "../../src/server/modules/funds/hooks.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { fundWithLine, key, PAYEE, send } from "../harness/funds.js";

let t: TestApp;
let office: TestClient;
let finance: TestClient;
let finance2: TestClient;
let talent: TestClient;
let employer: TestClient;
let hrss: TestClient;
let talentId: string;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-03-02T02:00:00.000Z" });
  const financeOrg = await t.orgId("市财政局");
  await t.rt.services.users.create(
    null,
    {
      username: "finance2",
      displayName: "钱进",
      orgId: financeOrg,
      roles: [{ role: "leader", orgId: financeOrg }],
    },
    { password: "Rencai@2026", mustChangePassword: false },
  );
  const [a, b, c, d, e, f] = await Promise.all(
    ["office", "finance", "finance2", "talent", "employer", "hrss"].map((u) => t.login(u)),
  );
  [office, finance, finance2, talent, employer, hrss] = [a!, b!, c!, d!, e!, f!];
  talentId = await t.userId("talent");
});
afterAll(async () => {
  await t?.close();
});

async function reconcileOk(fundId?: string) {
  const res = await office.get(`/api/funds/reconciliation${fundId ? `?fundId=${fundId}` : ""}`);
  expect(res.statusCode).toBe(200);
  const report = res.json();
  expect(report.lineProblems).toEqual([]);
  expect(report.unbalancedJournals).toEqual([]);
  expect(report.ok).toBe(true);
  return report;
}

async function balances(lineId: string) {
  return (await office.get(`/api/funds/budget-lines/${lineId}`)).json().balances;
}

describe("funds: the demo seed", () => {
  it("seeds a fund with six budget lines, entitlements and one paid batch, and reconciles", async () => {
    // seedDemo (run by the test app) seeds the fund; a second run does nothing.
    expect(await seedFunds(t.rt.deps.database, t.rt.services)).toBeNull();
    const seeded = (await office.get("/api/funds"))
      .json()
      .items.find((f: { code: string }) => f.code === "YK-TALENT-2026");
    const dash = (await office.get("/api/funds/dashboard?year=2026")).json();
    const fund = dash.funds.find((f: { id: string }) => f.id === seeded.id);
    // (七)(八)(二十二), and the measures' payment items (十)(十九)×2 (seeds/services-measures.ts).
    expect(fund.lines).toHaveLength(6);
    expect(fund.totals.allocated).toBe(1_250_000_000);
    expect(fund.totals.paid).toBe(10_000_000);
    expect((await finance.get("/api/funds/batches")).json().items[0].status).toBe("closed");
    await reconcileOk(seeded.id);
    const measures = dash.measures.map((m: { measure: { label: string } | null }) => m.measure?.label);
    expect(measures).toEqual(expect.arrayContaining(["(七)", "(八)", "(二十二)"]));
    const seven = dash.measures.find(
      (m: { measure: { label: string } | null }) => m.measure?.label === "(七)",
    );
    expect(seven).toMatchObject({ paid: 10_000_000, talentsPaid: 1 });
    const mine = (await talent.get("/api/funds/mine")).json();
    expect(mine.items.length).toBe(3);
    expect(
      mine.items.every((e: { payee: { account: string } }) => e.payee.account === "**** **** **** 4567"),
    ).toBe(true);
    expect((await employer.get("/api/funds/mine")).json().items.length).toBe(3);
  });
});

describe("funds: entitlements and stages", () => {
  it("reserves at once, refuses beyond the budget with 409 and changes nothing", async () => {
    const { lineId } = await fundWithLine(t, office, finance, 100_000);
    const ok = await send(office, "POST", "/api/funds/entitlements", {
      budgetLineId: lineId,
      talentUserId: talentId,
      title: "项目资助",
      stages: [
        { name: "启动经费", amount: 30_000, condition: "on_creation" },
        { name: "验收奖励", amount: 50_000, condition: "manual" },
      ],
      payee: PAYEE,
    });
    expect(ok.statusCode).toBe(201);
    expect(await balances(lineId)).toMatchObject({
      allocated: 100_000,
      available: 20_000,
      reserved: 50_000,
      payable: 30_000,
    });
    const before = (await t.rt.deps.database.db.selectFrom("fund_postings").select("id").execute()).length;
    const refused = await send(office, "POST", "/api/funds/entitlements", {
      budgetLineId: lineId,
      talentUserId: talentId,
      title: "超额资助",
      amount: 20_001,
      payee: PAYEE,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("FUNDS_INSUFFICIENT");
    expect(refused.json().detail ?? refused.json().title).toBeTruthy();
    expect((await t.rt.deps.database.db.selectFrom("fund_postings").select("id").execute()).length).toBe(
      before,
    );
    expect(await balances(lineId)).toMatchObject({ available: 20_000 });

    // The manual stage becomes payable when met; meeting it twice is a 409.
    const e = (await office.get(`/api/funds/entitlements/${ok.json().id}`)).json();
    const manual = e.stages.find((s: { condition: string }) => s.condition === "manual");
    expect((await send(office, "POST", `/api/funds/stages/${manual.id}/met`, {})).statusCode).toBe(200);
    expect((await send(office, "POST", `/api/funds/stages/${manual.id}/met`, {})).statusCode).toBe(409);
    expect(await balances(lineId)).toMatchObject({ reserved: 0, payable: 80_000 });

    // Cancel reverses the payable postings and releases the reservation.
    const cancel = await send(office, "POST", `/api/funds/entitlements/${ok.json().id}/cancel`, {
      reason: "项目终止",
    });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json()).toMatchObject({ status: "cancelled", released: 80_000 });
    expect(await balances(lineId)).toMatchObject({ available: 100_000, payable: 0, reserved: 0 });
    await reconcileOk();
  });

  it("validates: bad account 422, missing key 400, same key with other content 409, unknown line 404", async () => {
    const { lineId } = await fundWithLine(t, office, finance, 100_000);
    const body = { budgetLineId: lineId, talentUserId: talentId, title: "资助", amount: 1_000, payee: PAYEE };
    const bad = await send(office, "POST", "/api/funds/entitlements", {
      ...body,
      payee: { ...PAYEE, account: "12ab" },
    });
    expect(bad.statusCode).toBe(400);
    const short = await send(office, "POST", "/api/funds/entitlements", {
      ...body,
      payee: { ...PAYEE, account: "1234567890123x" },
    });
    expect(short.statusCode).toBe(422);
    const noKey = await office.post("/api/funds/entitlements", body);
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().code).toBe("IDEMPOTENCY_KEY_REQUIRED");
    const k = key();
    const first = await send(office, "POST", "/api/funds/entitlements", body, k);
    const again = await send(office, "POST", "/api/funds/entitlements", body, k);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const other = await send(office, "POST", "/api/funds/entitlements", { ...body, amount: 2_000 }, k);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await balances(lineId)).toMatchObject({ payable: 1_000, available: 99_000 });
    const missing = await send(office, "POST", "/api/funds/entitlements", { ...body, budgetLineId: "NOPE" });
    expect(missing.statusCode).toBe(404);
  });

  it("keeps the ledger append-only in the database", async () => {
    const db = t.rt.deps.database.db;
    const posting = await db.selectFrom("fund_postings").select("id").limit(1).executeTakeFirstOrThrow();
    await expect(
      db.updateTable("fund_postings").set({ amount: 1 }).where("id", "=", posting.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("fund_postings").where("id", "=", posting.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom("fund_journals").execute()).rejects.toThrow(/append-only/);
  });

  it("reverses an allocation once, and not below what is committed", async () => {
    const { lineId } = await fundWithLine(t, office, finance, 0);
    const a = await send(finance, "POST", `/api/funds/budget-lines/${lineId}/allocate`, { amount: 10_000 });
    expect(a.statusCode).toBe(200);
    await send(office, "POST", "/api/funds/entitlements", {
      budgetLineId: lineId,
      talentUserId: talentId,
      title: "资助",
      amount: 6_000,
      payee: PAYEE,
    });
    const refused = await send(finance, "POST", `/api/funds/journals/${a.json().journalId}/reverse`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("FUNDS_BALANCE_NEGATIVE");
    const more = await send(finance, "POST", `/api/funds/budget-lines/${lineId}/allocate`, { amount: 5_000 });
    const reversed = await send(finance, "POST", `/api/funds/journals/${more.json().journalId}/reverse`, {});
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json().balances).toMatchObject({ allocated: 10_000, available: 4_000 });
    expect(
      (await send(finance, "POST", `/api/funds/journals/${more.json().journalId}/reverse`, {})).statusCode,
    ).toBe(409);
    const journals = (await office.get(`/api/funds/budget-lines/${lineId}/journals`)).json().items;
    expect(journals[0].reversesId).toBe(more.json().journalId);
    for (const j of journals)
      expect(j.postings.reduce((s: number, p: { amount: number }) => s + p.amount, 0)).toBe(0);
  });
});

describe("funds: payment batches", () => {
  it("needs two different approvers above the limit, exports full numbers, failed lines return to payable", async () => {
    const { fundId, lineId } = await fundWithLine(t, office, finance, 100_000_000);
    expect(
      (await office.request("PUT", "/api/funds/settings", { dualApprovalAbove: 5_000_000 })).statusCode,
    ).toBe(200);
    for (const amount of [4_000_000, 3_000_000])
      await send(office, "POST", "/api/funds/entitlements", {
        budgetLineId: lineId,
        talentUserId: talentId,
        title: `资助${amount}`,
        amount,
        payee: PAYEE,
      });
    const created = await send(finance, "POST", "/api/funds/batches", { fundId, title: "第一批" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ total: 7_000_000, lineCount: 2, approvalsRequired: 2 });
    const batchId = created.json().id;
    // Nothing is payable twice: a second batch finds nothing.
    expect((await send(finance, "POST", "/api/funds/batches", { fundId, title: "重复" })).statusCode).toBe(
      409,
    );
    expect((await finance.get(`/api/funds/batches/${batchId}/export`)).statusCode).toBe(409);
    // The collector never approves; two others do.
    expect((await send(finance, "POST", `/api/funds/batches/${batchId}/approve`)).json().code).toBe(
      "FUNDS_CREATOR_CANNOT_APPROVE",
    );
    expect((await send(finance2, "POST", `/api/funds/batches/${batchId}/approve`)).json().status).toBe(
      "draft",
    );
    const same = await send(finance2, "POST", `/api/funds/batches/${batchId}/approve`);
    expect(same.statusCode).toBe(409);
    expect(same.json().code).toBe("FUNDS_SECOND_APPROVER_REQUIRED");
    const leader = await t.login("finance_leader");
    expect((await send(leader, "POST", `/api/funds/batches/${batchId}/approve`)).json().status).toBe(
      "approved",
    );

    const view = (await finance.get(`/api/funds/batches/${batchId}`)).json();
    expect(view.lines).toHaveLength(2);
    expect(JSON.stringify(view)).not.toContain(PAYEE.account);
    expect(view.lines[0].payeeAccount).toBe("**** **** **** 4567");
    const csv = await finance.get(`/api/funds/batches/${batchId}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(PAYEE.account);
    expect(csv.body).toContain("40000.00");
    const xlsx = await finance.get(`/api/funds/batches/${batchId}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");

    const [paidLine, failedLine] = view.lines;
    const results = await send(finance, "POST", `/api/funds/batches/${batchId}/results`, {
      lines: [
        { lineId: paidLine.id, result: "paid" },
        { lineId: failedLine.id, result: "failed", reason: "账户已销户" },
      ],
    });
    expect(results.statusCode).toBe(200);
    expect(results.json()).toMatchObject({
      status: "closed",
      paid: paidLine.amount,
      failed: failedLine.amount,
    });
    expect(await balances(lineId)).toMatchObject({ paid: paidLine.amount, payable: failedLine.amount });
    const again = await send(finance, "POST", "/api/funds/batches", { fundId, title: "补发" });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ total: failedLine.amount, approvalsRequired: 1 });
    await reconcileOk(fundId);
    const e = (await talent.get(`/api/funds/entitlements/${paidLine.entitlementId}`)).json();
    expect(e.status).toBe("paid");
    expect(e.payments[0].status).toBe("paid");
  });

  it("hides funds from other departments (404) and refuses their actions (403)", async () => {
    const { fundId, lineId } = await fundWithLine(t, office, finance, 1_000);
    expect((await hrss.get(`/api/funds/${fundId}`)).statusCode).toBe(404);
    expect((await hrss.get(`/api/funds/budget-lines/${lineId}`)).statusCode).toBe(404);
    expect((await hrss.get("/api/funds")).json().items).toEqual([]);
    expect(
      (await send(hrss, "POST", `/api/funds/budget-lines/${lineId}/allocate`, { amount: 1 })).statusCode,
    ).toBe(404);
    expect(
      (await send(office, "POST", `/api/funds/budget-lines/${lineId}/allocate`, { amount: 1 })).statusCode,
    ).toBe(403);
    expect((await talent.get(`/api/funds/${fundId}`)).statusCode).toBe(403);
  });
});

describe("funds: post-hoc subsidies", () => {
  it("computes by the amount rule and caps per person and per year", async () => {
    const { fundId, lineId } = await fundWithLine(t, office, finance, 100_000_000);
    const scheme = await office.post("/api/funds/subsidy-schemes", {
      budgetLineId: lineId,
      name: "个税贡献奖补",
      rule: { kind: "amount", formula: { fraction: [1, 10], of: { field: "taxYearly" }, round: "floor" } },
      capPerPerson: 5_000_000,
      capPerYear: 6_000_000,
    });
    expect(scheme.statusCode).toBe(201);
    const badRule = await office.post("/api/funds/subsidy-schemes", {
      budgetLineId: lineId,
      name: "坏规则",
      rule: { kind: "amount", formula: { field: "nope" } },
      capPerPerson: 1,
      capPerYear: 1,
    });
    expect(badRule.statusCode).toBe(422);
    const other = await t.userId("employer");
    const grant = (userId: string) =>
      send(office, "POST", `/api/funds/subsidy-schemes/${scheme.json().id}/grant`, {
        talentUserId: userId,
        year: 2024,
        payee: PAYEE,
      });
    expect((await grant(talentId)).statusCode).toBe(422);
    await office.post("/api/funds/contributions", { talentUserId: talentId, year: 2024, tax: 80_000_000 });
    await office.post("/api/funds/contributions", { talentUserId: other, year: 2024, tax: 20_000_000 });
    const first = await grant(talentId);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ computed: 8_000_000, capped: 5_000_000 });
    const second = await grant(other);
    expect(second.json()).toMatchObject({ computed: 2_000_000, capped: 1_000_000 });
    expect((await grant(talentId)).statusCode).toBe(409);
    expect((await office.get(`/api/funds/${fundId}/subsidy-schemes`)).json().items).toHaveLength(1);
    await reconcileOk(fundId);
  });
});

describe("funds: application hooks", () => {
  it("an approved application gets its entitlement by the item's amount rule and stage plan; acceptance meets the reward stage", async () => {
    const { lineId } = await fundWithLine(t, office, finance, 1_000_000, {
      itemCode: "HOOK-GRANT",
      stagePlan: [
        { name: "启动经费", percent: 40, condition: "on_creation" },
        { name: "验收奖励", percent: 60, condition: "application_approved", conditionRef: "HOOK-ACCEPT" },
      ],
    });
    const hooks = makeFundsApplicationHooks(t.rt.services.funds, t.clock);
    const op = { actor: null as never, meta: { ip: null, requestId: null, userAgent: null } };
    const officeOp = {
      ...op,
      actor: {
        userId: await t.userId("office"),
        username: "office",
        displayName: "王立新",
        orgId: await t.orgId("市委组织部"),
        roles: [],
        mustChangePassword: false,
      },
    };
    const context = (id: string, code: string, form: Record<string, unknown>, amountRule: unknown) => ({
      application: {
        id,
        number: `NO-${id}`,
        applicantUserId: talentId,
        applicantOrgId: "none",
        beneficiaryName: null,
        form,
        versionId: "v1",
      },
      item: {
        code,
        name: "项目资助",
        kind: "行政给付",
        version: 1,
        versionId: "v1",
        amountRule,
        measureIds: [],
      },
      op: officeOp,
    });
    const rule = { kind: "amount", formula: { field: "salaryYearly" } };
    const db = t.rt.deps.database.db;
    await db
      .transaction()
      .execute((trx) =>
        hooks.onFinalApproval!(trx, context("APP1", "HOOK-GRANT", { salaryYearly: 500_000 }, rule)),
      );
    expect(await balances(lineId)).toMatchObject({ payable: 200_000, reserved: 300_000, available: 500_000 });
    // Too much for the line: the hook throws, the approval's transaction rolls back, nothing changes.
    await expect(
      db
        .transaction()
        .execute((trx) =>
          hooks.onFinalApproval!(trx, context("APP2", "HOOK-GRANT", { salaryYearly: 600_000 }, rule)),
        ),
    ).rejects.toMatchObject({ code: "FUNDS_INSUFFICIENT" });
    // Unknown amount: refused with 422.
    await expect(
      db.transaction().execute((trx) => hooks.onFinalApproval!(trx, context("APP3", "HOOK-GRANT", {}, rule))),
    ).rejects.toMatchObject({ code: "FUNDS_AMOUNT_UNKNOWN" });
    expect(await balances(lineId)).toMatchObject({ payable: 200_000, reserved: 300_000, available: 500_000 });
    // The acceptance application (another item, no money of its own) makes the reward payable.
    await db
      .transaction()
      .execute((trx) => hooks.onFinalApproval!(trx, context("APP4", "HOOK-ACCEPT", {}, null)));
    expect(await balances(lineId)).toMatchObject({ payable: 500_000, reserved: 0 });
    await reconcileOk();
  });
});
