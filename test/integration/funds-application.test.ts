// The application hook wired in services.ts, through the real workflow: an approved 科技人才创新项目
// application (RC-KJQD, amount rule 200,000 元) gets its entitlement reserved on the demo fund's (七)
// line in the same transaction as the final approval; when the line cannot cover it, the final approval
// is refused with 409 and the application stays where it was.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { decide, readyApplication, recognitionForm, submit } from "../harness/services.js";

let t: TestApp;
const c: Record<string, TestClient> = {};

async function relogin() {
  for (const u of ["talent", "science", "finance", "office"]) c[u] = await t.login(u);
}

beforeAll(async () => {
  // Inside the demo fund's year (2026), whatever the date the test runs.
  t = await createTestApp({ start: "2026-06-01T02:00:00.000Z" });
  await relogin();
});
afterAll(async () => {
  await t?.close();
});

const kjqdForm = () => ({
  ...recognitionForm(),
  category: undefined,
  arrivalDate: undefined,
  achievements: undefined,
  field: "新材料",
  projectName: "高性能镁基材料中试",
  budgetYuan: 500000,
  startDate: "2027-01-01",
  summary: "开展高性能镁基新材料中试验证，建设示范生产线。",
});

/** Submits an RC-KJQD application and takes it through review and publicity to the finance step. */
async function toFinanceStep(): Promise<string> {
  const app = await readyApplication(c.talent!, "RC-KJQD", kjqdForm());
  expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
  expect((await decide(c.science!, app.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(200);
  t.clock.advance(7 * 86_400_000);
  await relogin();
  const res = await decide(c.science!, app.id, { action: "approve", stepIndex: 1 });
  expect(res.statusCode, res.body).toBe(200);
  return app.id;
}

async function grantLine() {
  const fund = (await c.office!.get("/api/funds"))
    .json()
    .items.find((f: { code: string }) => f.code === "YK-TALENT-2026");
  const lines = (await c.office!.get(`/api/funds/${fund.id}/budget-lines`)).json().items as {
    id: string;
    itemCode: string | null;
    balances: { available: number; reserved: number; payable: number };
  }[];
  return lines.find((l) => l.itemCode === "RC-KJQD")!;
}

describe("funds and the application workflow", () => {
  it("the final approval reserves the item's amount on the funding line, in the same transaction", async () => {
    const before = await grantLine();
    const id = await toFinanceStep();
    const res = await decide(c.finance!, id, { action: "approve", stepIndex: 2, comment: "经费已核定" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("approved");
    const after = await grantLine();
    expect(after.balances.available).toBe(before.balances.available - 20_000_000);
    expect(after.balances.payable).toBe(before.balances.payable + 20_000_000);
    const mine = (await c.talent!.get("/api/funds/mine")).json().items as {
      sourceKind: string;
      sourceId: string;
      amount: number;
    }[];
    expect(mine.find((e) => e.sourceKind === "application" && e.sourceId === id)).toMatchObject({
      amount: 20_000_000,
    });
  });

  it("refuses the final approval with 409 when the line cannot cover it, and nothing changes", async () => {
    const line = await grantLine();
    // The finance bureau takes back all but 1 元 of what is still available.
    const cut = await c.finance!.request(
      "POST",
      `/api/funds/budget-lines/${line.id}/deallocate`,
      { amount: line.balances.available - 100 },
      { "idempotency-key": randomUUID() },
    );
    expect(cut.statusCode, cut.body).toBe(200);
    const id = await toFinanceStep();
    const res = await decide(c.finance!, id, { action: "approve", stepIndex: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("FUNDS_INSUFFICIENT");
    const view = (await c.finance!.get(`/api/applications/${id}`)).json();
    expect(view.status).not.toBe("approved");
    expect((await grantLine()).balances.available).toBe(100);
    const report = (await c.office!.get("/api/funds/reconciliation")).json();
    expect(report.ok).toBe(true);
  });
});
