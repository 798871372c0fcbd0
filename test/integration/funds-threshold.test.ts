// The dual-approval threshold (issue 12 item 7): raising it weakens control, so it takes finance's
// request and the talent office's co-signature (a different person); lowering it takes effect at
// once, by either side. Every step is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { fundWithLine } from "../harness/funds.js";

let t: TestApp;
let office: TestClient;
let office2: TestClient;
let finance: TestClient;
let financeLeader: TestClient;
let hrss: TestClient;
let talent: TestClient;
let both: TestClient;

const db = () => t.rt.deps.database.db;
const threshold = async () => (await office.get("/api/funds/settings")).json().dualApprovalAbove as number;

async function makeUser(username: string, roles: { role: string; org: string }[]) {
  const grants = [];
  for (const r of roles) grants.push({ role: r.role, orgId: await t.orgId(r.org) });
  await t.rt.services.users.create(
    null,
    { username, displayName: username, orgId: grants[0]!.orgId, roles: grants as never },
    { password: "Rencai@2026", mustChangePassword: false },
  );
  return t.login(username, "Rencai@2026");
}

const actions = async (action: string) =>
  (await db().selectFrom("audit_log").select(["actor_id", "detail"]).where("action", "=", action).execute())
    .length;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-03-02T02:00:00.000Z" });
  office = await t.login("office");
  finance = await t.login("finance");
  financeLeader = await t.login("finance_leader");
  hrss = await t.login("hrss");
  talent = await t.login("talent");
  office2 = await makeUser("office_b", [{ role: "talent_office", org: "市委组织部" }]);
  both = await makeUser("two_hats", [
    { role: "talent_office", org: "市委组织部" },
    { role: "officer", org: "市财政局" },
  ]);
  // 市财政局 pays a fund, so its officers and leaders are "finance" for the threshold.
  await fundWithLine(t, office, finance, 0);
});
afterAll(async () => {
  await t?.close();
});

describe("raising the threshold", () => {
  it("the talent office alone cannot raise it", async () => {
    expect(await threshold()).toBe(10_000_000);
    const res = await office.put("/api/funds/settings", { dualApprovalAbove: 20_000_000 });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe("FUNDS_RAISE_NEEDS_FINANCE");
    expect(res.json().message.zh).toContain("财政");
    expect(await threshold()).toBe(10_000_000);
  });

  it("finance alone cannot: its raise waits as a request, which finance cannot approve", async () => {
    const res = await finance.put("/api/funds/settings", { dualApprovalAbove: 20_000_000 });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ status: "pending", from: 10_000_000, to: 20_000_000 });
    expect(await threshold()).toBe(10_000_000);
    const id = res.json().id;
    for (const who of [finance, financeLeader, hrss, talent]) {
      expect((await who.post(`/api/funds/settings/requests/${id}/approve`)).statusCode).toBe(403);
      expect((await who.post(`/api/funds/settings/requests/${id}/reject`, {})).statusCode).toBe(403);
    }
    expect(await threshold()).toBe(10_000_000);
    const list = await office.get("/api/funds/settings/requests");
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id, status: "pending", requestedBy: { name: "孙丽" } });
    expect(await actions("funds.settings.raiseRequest")).toBe(1);
  });

  it("two co-signatures at once: exactly one applies, and the threshold is raised", async () => {
    const id = (await office.get("/api/funds/settings/requests")).json().items[0].id;
    const results = await Promise.all([
      office.post(`/api/funds/settings/requests/${id}/approve`),
      office2.post(`/api/funds/settings/requests/${id}/approve`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await threshold()).toBe(20_000_000);
    expect(await actions("funds.settings.raiseApprove")).toBe(1);
    const list = (await office.get("/api/funds/settings/requests")).json().items;
    expect(list[0]).toMatchObject({ id, status: "approved" });
  });

  it("the requester cannot co-sign their own raise even holding the office role too", async () => {
    const res = await both.put("/api/funds/settings", { dualApprovalAbove: 30_000_000 });
    expect(res.statusCode, res.body).toBe(202);
    const self = await both.post(`/api/funds/settings/requests/${res.json().id}/approve`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe("FUNDS_COSIGN_SELF");
    expect(await threshold()).toBe(20_000_000);
    // The office rejects instead: nothing changes.
    const rejected = await office.post(`/api/funds/settings/requests/${res.json().id}/reject`, {
      note: "暂不调整",
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().status).toBe("rejected");
    expect(await threshold()).toBe(20_000_000);
    expect((await office.post(`/api/funds/settings/requests/${res.json().id}/approve`)).statusCode).toBe(409);
  });

  it("a newer raise request replaces the pending one", async () => {
    const a = await finance.put("/api/funds/settings", { dualApprovalAbove: 25_000_000 });
    const b = await financeLeader.put("/api/funds/settings", { dualApprovalAbove: 26_000_000 });
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    const pending = (await office.get("/api/funds/settings/requests"))
      .json()
      .items.filter((r: { status: string }) => r.status === "pending");
    expect(pending.map((r: { id: string }) => r.id)).toEqual([b.json().id]);
    await office.post(`/api/funds/settings/requests/${b.json().id}/reject`, {});
  });
});

describe("lowering the threshold", () => {
  it("takes effect at once, by finance or by the office, and is audited", async () => {
    const before = await actions("funds.settings.update");
    const byFinance = await finance.put("/api/funds/settings", { dualApprovalAbove: 15_000_000 });
    expect(byFinance.statusCode, byFinance.body).toBe(200);
    expect(byFinance.json()).toEqual({ dualApprovalAbove: 15_000_000 });
    expect(await threshold()).toBe(15_000_000);
    const byOffice = await office.put("/api/funds/settings", { dualApprovalAbove: 5_000_000 });
    expect(byOffice.statusCode).toBe(200);
    expect(await threshold()).toBe(5_000_000);
    expect(await actions("funds.settings.update")).toBe(before + 2);
  });

  it("a department that pays no fund cannot change it at all", async () => {
    expect((await hrss.put("/api/funds/settings", { dualApprovalAbove: 1_000 })).statusCode).toBe(403);
    expect((await talent.put("/api/funds/settings", { dualApprovalAbove: 1_000 })).statusCode).toBe(403);
    expect(await threshold()).toBe(5_000_000);
  });
});
