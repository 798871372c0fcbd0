// 免申即享 meets the fund: accepting an offer for an item that a budget line of this year funds (the
// demo 博士人才生活补贴 RC-BSSH, amount rule 10 % of last year's income tax, at most 50,000 元) creates
// the approved application and reserves its entitlement on that line in the same transaction; when the
// line cannot cover it, the acceptance is refused with 409 and nothing changes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AMOUNT, DEMO_PROACTIVE_ITEM } from "../../src/server/demo/calculator.js";
import { compileRule, evaluate, talentCatalogue } from "../../src/server/engine/rules/index.js";
import { profilesPage } from "../../src/server/modules/registry/profile.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
let office: TestClient;
let finance: TestClient;
let talent: TestClient;
let lineId: string;

interface Line {
  id: string;
  itemCode: string | null;
  balances: { available: number; reserved: number; payable: number; paid: number };
}
interface Offer {
  id: string;
  status: string;
  applicationId: string | null;
  item: { code: string };
}

const line = async (): Promise<Line> => {
  const res = await office.get(`/api/funds/budget-lines/${lineId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Line;
};
const allocate = async (amount: number) => {
  const res = await finance.request(
    "POST",
    `/api/funds/budget-lines/${lineId}/allocate`,
    { amount, memo: "生活补贴预算" },
    { "idempotency-key": randomUUID() },
  );
  expect(res.statusCode, res.body).toBe(200);
};
const myOffer = async (): Promise<Offer> => {
  const res = await talent.get("/api/proactive/offers/mine");
  expect(res.statusCode, res.body).toBe(200);
  const offer = (res.json() as { items: Offer[] }).items.find((o) => o.item.code === DEMO_PROACTIVE_ITEM);
  expect(offer).toBeDefined();
  return offer!;
};
const countOf = async (table: "applications" | "fund_postings" | "fund_entitlements" | "fund_journals") => {
  const row = await t.rt.deps.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

/** What the item's amount rule gives for the demo talent's registry record (5,600 元 in the demo). */
let expected: number;

beforeAll(async () => {
  // Inside the demo fund's year (2026), whatever the date the test runs.
  t = await createTestApp({ start: "2026-06-15T02:00:00.000Z" });
  office = await t.login("office");
  finance = await t.login("finance");
  talent = await t.login("talent");
  const talentId = (
    await t.rt.deps.database.db
      .selectFrom("talents")
      .select("id")
      .where("user_id", "=", await t.userId("talent"))
      .executeTakeFirstOrThrow()
  ).id;
  const profile = (await profilesPage(t.rt.deps.database.db, null, 10_000, "2026-06-15")).find(
    (p) => p.id === talentId,
  )!.profile;
  expected = evaluate(compileRule(DEMO_AMOUNT, talentCatalogue, "amount"), profile, {
    asOf: "2026-06-15",
  }) as number;
});
afterAll(async () => t?.close());

describe("免申即享 and the fund", () => {
  it("the talent office adds a line funding the item; the finance bureau allocates too little", async () => {
    expect(expected).toBe(560_000);
    const fund = (await office.get("/api/funds"))
      .json()
      .items.find((f: { code: string }) => f.code === "YK-TALENT-2026");
    const res = await office.post(`/api/funds/${fund.id}/budget-lines`, {
      year: 2026,
      code: "2026-BSSH",
      name: "博士人才生活补贴",
      measureLabel: "(五)",
      itemCode: DEMO_PROACTIVE_ITEM,
    });
    expect(res.statusCode, res.body).toBe(201);
    lineId = res.json().id;
    await allocate(expected - 100);

    const run = await office.post("/api/proactive/runs", { itemCode: DEMO_PROACTIVE_ITEM });
    expect(run.statusCode, run.body).toBe(202);
    await t.rt.services.proactive.settle(run.json().id);
    expect((await myOffer()).status).toBe("offered");
  });

  it("an acceptance the line cannot cover is refused with 409 and nothing changes", async () => {
    const offer = await myOffer();
    const before = {
      line: await line(),
      applications: await countOf("applications"),
      postings: await countOf("fund_postings"),
      journals: await countOf("fund_journals"),
      entitlements: await countOf("fund_entitlements"),
    };
    const res = await talent.post(`/api/proactive/offers/${offer.id}/accept`, {});
    expect(res.statusCode, res.body).toBe(409);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    expect(res.json()).toMatchObject({
      code: "FUNDS_INSUFFICIENT",
      available: expected - 100,
      wanted: expected,
    });
    expect(await myOffer()).toMatchObject({ status: "offered", applicationId: null });
    expect(await line()).toEqual(before.line);
    expect(await countOf("applications")).toBe(before.applications);
    expect(await countOf("fund_postings")).toBe(before.postings);
    expect(await countOf("fund_journals")).toBe(before.journals);
    expect(await countOf("fund_entitlements")).toBe(before.entitlements);
    const report = (await office.get("/api/funds/reconciliation")).json();
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });

  it("once the line can cover it, acceptance approves the application and reserves the rule's amount", async () => {
    await allocate(1_000_000);
    const before = await line();
    const offer = await myOffer();
    const applicationsBefore = await countOf("applications");
    const entitlementsBefore = await countOf("fund_entitlements");
    // Two acceptances at once (a double click): one application, one entitlement.
    const [res, twin] = await Promise.all([
      talent.post(`/api/proactive/offers/${offer.id}/accept`, {}),
      talent.post(`/api/proactive/offers/${offer.id}/accept`, {}),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(twin.statusCode, twin.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "accepted" });
    const applicationId = res.json().applicationId as string;
    expect(applicationId).toBeTruthy();
    expect(twin.json().applicationId).toBe(applicationId);
    expect(await countOf("applications")).toBe(applicationsBefore + 1);
    expect(await countOf("fund_entitlements")).toBe(entitlementsBefore + 1);

    // The item's workflow ran: every step decided by the automatic check, none left pending, each
    // decision carrying the rule's explanation with its citations as the reason.
    interface Step {
      index: number;
      state: string;
      orgs: { signedAt: string | null; signedBy: { name: string } | null }[];
    }
    interface Event {
      type: string;
      stepIndex: number | null;
      actor: unknown;
      reason: string | null;
    }
    const app = await talent.get(`/api/applications/${applicationId}`);
    expect(app.statusCode, app.body).toBe(200);
    expect(app.json()).toMatchObject({ status: "approved", currentStep: null });
    const steps = app.json().steps as Step[];
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) {
      expect(s.state, JSON.stringify(s)).toBe("done");
      expect(s.orgs.length).toBeGreaterThan(0);
      for (const o of s.orgs) expect(o.signedBy?.name).toBe("系统自动核验");
    }
    const history = app.json().history as Event[];
    expect(history.map((e) => e.type)).toContain("submitted");
    for (const s of steps) {
      const decisions = history.filter(
        (e) => (e.type === "approved" || e.type === "countersigned") && e.stepIndex === s.index,
      );
      expect(decisions.length).toBe(s.orgs.length);
      for (const d of decisions) {
        expect(d.actor).toBeNull();
        expect(d.reason).toContain("第三条第一项");
        expect(d.reason).toContain("holds a doctorate");
      }
    }
    // The office sees the same case: same status, same steps, same decisions.
    const seen = await office.get(`/api/applications/${applicationId}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().status).toBe("approved");
    expect(seen.json().steps.map((s: Step) => s.state)).toEqual(steps.map((s) => s.state));
    expect(
      seen
        .json()
        .history.filter((e: Event) => e.type === "approved")
        .map((e: Event) => e.reason),
    ).toEqual(history.filter((e) => e.type === "approved").map((e) => e.reason));

    const after = await line();
    expect(after.balances.available).toBe(before.balances.available - expected);
    // No stage plan: one stage, payable at once.
    expect(after.balances.reserved + after.balances.payable).toBe(
      before.balances.reserved + before.balances.payable + expected,
    );

    const mine = (await talent.get("/api/funds/mine")).json().items as {
      id: string;
      sourceKind: string;
      sourceId: string;
      amount: number;
      budgetLineId?: string;
    }[];
    const ent = mine.find((e) => e.sourceKind === "application" && e.sourceId === applicationId);
    expect(ent).toMatchObject({ amount: expected });
    const detail = await office.get(`/api/funds/entitlements/${ent!.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ amount: expected, budgetLine: { id: lineId } });

    // Accepting again is a no-op: no second application, no second reservation.
    const postings = await countOf("fund_postings");
    const again = await talent.post(`/api/proactive/offers/${offer.id}/accept`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(await countOf("fund_postings")).toBe(postings);
    expect((await line()).balances).toEqual(after.balances);

    const report = (await office.get("/api/funds/reconciliation")).json();
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });
});
