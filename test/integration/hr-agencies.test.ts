// 人力资源服务机构 registry (measure (三)): 市人社局's officers manage the agencies it keeps, their annual
// reports and 政府购买服务 contracts; the talent office reads; an agency's own employer account reads its
// record and submits its own report only; other departments and employers see nothing (404).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_AGENCY_ACCOUNT, DEMO_AGENCY_ORG, demoUscc } from "../../src/server/demo/hr-agencies.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  t = await createTestApp({ start: "2026-06-15T02:00:00.000Z" });
  for (const u of ["office", "hrss", "hrss_leader", "science", "employer", "talent", DEMO_AGENCY_ACCOUNT])
    c[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
});

const newAgency = (n: number, extra: Record<string, unknown> = {}) => ({
  name: `营口测试人力资源有限公司${n}`,
  uscc: demoUscc("91210800", `MA0TXT${String(n).padStart(2, "0")}`),
  licenceNo: `（辽）人服证字〔2026〕第${n}号`,
  licenceValidFrom: "2026-01-01",
  licenceValidTo: "2030-12-31",
  services: ["职业中介", "人才猎头"],
  contactName: "测试联系人",
  contactPhone: "13800001111",
  ...extra,
});
const report = (summary = "本年度服务求职者两千人次，推荐就业三百人。") => ({
  staffCount: 20,
  servedPersons: 2000,
  placements: 300,
  revenueFen: 150_000_000,
  summary,
});

describe("人力资源服务机构 registry", () => {
  it("the demo has five agencies with reports and two contracts; lists mask the contact", async () => {
    const res = await c.hrss!.get("/api/hr-agencies");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      id: string;
      name: string;
      contactName: string;
      contactPhone: string;
      lastReport: unknown;
      licenceState: string;
    }[];
    expect(items.length).toBe(5);
    for (const a of items) {
      expect(a.contactPhone, a.name).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(a.contactName, a.name).toContain("*");
    }
    expect(items.filter((a) => a.lastReport !== null).length).toBe(4);
    // 启航's licence ends 2026-08-31: within 90 days of 2026-06-15.
    expect(items.find((a) => a.name.startsWith("鲅鱼圈区启航"))!.licenceState).toBe("expiring");
    let contracts = 0;
    for (const a of items)
      contracts += (await c.hrss!.get(`/api/hr-agencies/${a.id}`)).json().contracts.length;
    expect(contracts).toBe(2);
    // The talent office reads the same list; another department keeps none.
    expect((await c.office!.get("/api/hr-agencies")).json().items.length).toBe(5);
    expect((await c.science!.get("/api/hr-agencies")).json().items).toEqual([]);
    expect((await c.employer!.get("/api/hr-agencies")).statusCode).toBe(403);
    // Filters.
    const heads = (await c.hrss!.get(`/api/hr-agencies?service=${encodeURIComponent("人才猎头")}`)).json()
      .items;
    expect(heads.length).toBe(2);
    const q = (await c.hrss!.get(`/api/hr-agencies?q=${encodeURIComponent("渤海")}`)).json().items;
    expect(q.map((a: { name: string }) => a.name)).toEqual(["营口渤海人才猎头服务有限公司"]);
  });

  it("registers with a checked USCC, refuses duplicates and bad input with bilingual problems", async () => {
    let res = await c.hrss!.post("/api/hr-agencies", newAgency(1));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ status: "active", authority: { name: "市人力资源社会保障局" } });
    expect(created.abilities).toEqual({ manage: true, report: true });
    res = await c.hrss!.post("/api/hr-agencies", { ...newAgency(1), name: "另一家公司" });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("HR_AGENCY_EXISTS");
    const bad = newAgency(2, { uscc: "91210800MA0TEST02X", licenceValidTo: "2025-01-01" });
    res = await c.hrss!.post("/api/hr-agencies", bad);
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(["/licenceValidTo", "/uscc"]);
    expect(problem.errors[0].message.zh).toMatch(/[\u4e00-\u9fff]/);
    res = await c.hrss!.post("/api/hr-agencies", { ...newAgency(3), services: ["炒股"] });
    expect(res.statusCode).toBe(400);
    // Only an employer organisation can be the agency's own.
    res = await c.hrss!.post("/api/hr-agencies", newAgency(4, { orgId: await t.orgId("市科技局") }));
    expect(res.statusCode).toBe(422);
    // Departments register under their own authority; the office and employers cannot register.
    expect((await c.office!.post("/api/hr-agencies", newAgency(5))).statusCode).toBe(403);
    expect((await c.employer!.post("/api/hr-agencies", newAgency(6))).statusCode).toBe(403);
  });

  it("the agency's account reads its record without contracts and submits its own report", async () => {
    const mine = await c[DEMO_AGENCY_ACCOUNT]!.get("/api/hr-agencies/mine");
    expect(mine.statusCode, mine.body).toBe(200);
    const agency = mine.json();
    expect(agency.name).toBe(DEMO_AGENCY_ORG);
    expect(agency.contracts).toBeNull();
    expect(agency.abilities).toEqual({ manage: false, report: true });
    expect(agency.reports).toEqual([]);

    let res = await c[DEMO_AGENCY_ACCOUNT]!.request(
      "PUT",
      `/api/hr-agencies/${agency.id}/reports/2025`,
      report(),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2025, status: "submitted", source: "agency" });
    // The same again: still one report.
    res = await c[DEMO_AGENCY_ACCOUNT]!.request(
      "PUT",
      `/api/hr-agencies/${agency.id}/reports/2025`,
      report(),
    );
    expect(res.statusCode).toBe(200);
    expect((await c.hrss!.get(`/api/hr-agencies/${agency.id}`)).json().reports).toHaveLength(1);
    // Not next year's, not another agency's, no review, no contract.
    res = await c[DEMO_AGENCY_ACCOUNT]!.request(
      "PUT",
      `/api/hr-agencies/${agency.id}/reports/2027`,
      report(),
    );
    expect(res.statusCode).toBe(422);
    const other = (await c.hrss!.get("/api/hr-agencies"))
      .json()
      .items.find((a: { name: string }) => a.name !== DEMO_AGENCY_ORG);
    expect((await c[DEMO_AGENCY_ACCOUNT]!.get(`/api/hr-agencies/${other.id}`)).statusCode).toBe(404);
    res = await c[DEMO_AGENCY_ACCOUNT]!.request("PUT", `/api/hr-agencies/${other.id}/reports/2025`, report());
    expect(res.statusCode).toBe(404);
    res = await c[DEMO_AGENCY_ACCOUNT]!.post(`/api/hr-agencies/${agency.id}/reports/2025/review`, {
      decision: "accept",
    });
    expect(res.statusCode).toBe(403);
    // Another employer is no agency.
    expect((await c.employer!.get("/api/hr-agencies/mine")).statusCode).toBe(404);
    expect((await c.employer!.get(`/api/hr-agencies/${agency.id}`)).statusCode).toBe(404);

    // 市人社局 returns it with a note, the agency corrects it, the department accepts it; then it is closed.
    res = await c.hrss!.post(`/api/hr-agencies/${agency.id}/reports/2025/review`, { decision: "return" });
    expect(res.statusCode).toBe(422);
    res = await c.hrss!.post(`/api/hr-agencies/${agency.id}/reports/2025/review`, {
      decision: "return",
      note: "请补充营业收入证明",
    });
    expect(res.json()).toMatchObject({ status: "returned", reviewNote: "请补充营业收入证明" });
    res = await c[DEMO_AGENCY_ACCOUNT]!.request(
      "PUT",
      `/api/hr-agencies/${agency.id}/reports/2025`,
      report("已补充营业收入证明，本年度服务求职者两千人次。"),
    );
    expect(res.json().status).toBe("submitted");
    res = await c.hrss_leader!.post(`/api/hr-agencies/${agency.id}/reports/2025/review`, {
      decision: "accept",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("accepted");
    res = await c.hrss!.post(`/api/hr-agencies/${agency.id}/reports/2025/review`, { decision: "accept" });
    expect(res.statusCode).toBe(409);
    res = await c[DEMO_AGENCY_ACCOUNT]!.request(
      "PUT",
      `/api/hr-agencies/${agency.id}/reports/2025`,
      report(),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("HR_REPORT_ACCEPTED");
  });

  it("contracts: recorded once, amounts in 分, status moves until accepted; other departments 404", async () => {
    const id = (await c.hrss!.post("/api/hr-agencies", newAgency(7))).json().id as string;
    const body = {
      title: "2026年人力资源市场供求信息监测服务",
      amountFen: 12_000_000,
      periodFrom: "2026-07-01",
      periodTo: "2026-12-31",
      deliverables: "按月报送人力资源市场供求监测报告。",
    };
    let res = await c.hrss!.post(`/api/hr-agencies/${id}/contracts`, body);
    expect(res.statusCode, res.body).toBe(201);
    const contract = res.json();
    expect(contract).toMatchObject({ amountFen: 12_000_000, status: "signed" });
    res = await c.hrss!.post(`/api/hr-agencies/${id}/contracts`, body);
    expect(res.statusCode).toBe(409);
    res = await c.hrss!.post(`/api/hr-agencies/${id}/contracts`, {
      ...body,
      title: "期限倒置",
      periodTo: "2026-01-01",
    });
    expect(res.statusCode).toBe(422);
    res = await c.hrss!.patch(`/api/hr-agencies/contracts/${contract.id}`, { status: "accepted" });
    expect(res.json().status).toBe("accepted");
    res = await c.hrss!.patch(`/api/hr-agencies/contracts/${contract.id}`, { amountFen: 1 });
    expect(res.statusCode).toBe(409);
    // Another department: as if there were no such agency or contract.
    expect((await c.science!.get(`/api/hr-agencies/${id}`)).statusCode).toBe(404);
    expect(
      (await c.science!.post(`/api/hr-agencies/${id}/contracts`, { ...body, title: "越权登记的合同" }))
        .statusCode,
    ).toBe(404);
    expect(
      (await c.science!.patch(`/api/hr-agencies/contracts/${contract.id}`, { status: "signed" })).statusCode,
    ).toBe(404);
    expect((await c.science!.patch(`/api/hr-agencies/${id}`, { status: "closed" })).statusCode).toBe(404);
    // The office reads (and its reads are audited) but does not manage.
    const viewed = await c.office!.get(`/api/hr-agencies/${id}`);
    expect(viewed.json().abilities).toEqual({ manage: false, report: false });
    expect((await c.office!.patch(`/api/hr-agencies/${id}`, { status: "closed" })).statusCode).toBe(403);
    const audits = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("object_id", "=", id)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["hr_agencies.created", "hr_agencies.read", "hr_agencies.denied"]),
    );
    // The department suspends it.
    res = await c.hrss!.patch(`/api/hr-agencies/${id}`, { status: "suspended" });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("suspended");
  });

  it("the menu shows the registry to the office and the keeping department, 本机构 to the agency", async () => {
    const nav = async (u: string) => (await c[u]!.get("/api/auth/me")).json().nav as string[];
    expect(await nav("office")).toContain("hrAgencies");
    expect(await nav("hrss")).toContain("hrAgencies");
    expect(await nav("science")).not.toContain("hrAgencies");
    expect(await nav(DEMO_AGENCY_ACCOUNT)).toContain("myHrAgency");
    expect(await nav("employer")).not.toContain("myHrAgency");
    expect(await nav("talent")).not.toContain("hrAgencies");
  });
});
