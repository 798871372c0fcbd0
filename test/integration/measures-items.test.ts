// Issue 14 item 8: the measures that had only their task — (二)(三)(六)(九)(十)(十一)(十九)(二十三) —
// each have published service items linked to them once the demo policy is imported; every item's
// rule cites the policy in its own numbering; a filing (公益二类 人员控制数备案, filed with 市编委办) and
// a payment (创业孵化补贴, 市人社局 then 市财政局, reserved on the (十九) budget line) run to their end
// with the demo officers of those units.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoPolicy } from "../../src/server/demo/demo.js";
import { MEASURE_ITEMS } from "../../src/server/demo/services-measures.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { uploadedId } from "../harness/files.js";
import { decide, readyApplication, recognitionForm, submit } from "../harness/services.js";

const MEASURES = [2, 3, 6, 9, 10, 11, 19, 23];
const POLICY = "营口市关于进一步深化人才发展体制机制改革的实施意见";
/** （一）…（二十三）: the policy's own numbering of its measures. */
const POLICY_NO = /^（[一二三四五六七八九十]{1,3}）$/;

let t: TestApp;

beforeAll(async () => {
  // Inside the demo fund's year (2026).
  t = await createTestApp({ start: "2026-06-01T02:00:00.000Z" });
  await seedDemoPolicy(t.rt.deps.database, t.rt.services);
});
afterAll(async () => {
  await t?.close();
});

/** The demo officer of a unit (a hand-made account or the unit's deptNN). */
async function officerOf(orgName: string): Promise<TestClient> {
  const row = await t.rt.deps.database.db
    .selectFrom("users as u")
    .innerJoin("user_roles as r", "r.user_id", "u.id")
    .innerJoin("organisations as o", "o.id", "r.org_id")
    .select("u.username")
    .where("o.name", "=", orgName)
    .where("r.role", "=", "officer")
    .orderBy("u.username")
    .executeTakeFirstOrThrow();
  return t.login(row.username);
}

describe("service items for the measures that had only a task", () => {
  it("links every one of the eight measures to at least one published item", async () => {
    const db = t.rt.deps.database.db;
    const rows = await db
      .selectFrom("service_item_measures as sim")
      .innerJoin("policy_measures as pm", "pm.id", "sim.measure_id")
      .innerJoin("service_items as si", "si.id", "sim.item_id")
      .select(["pm.no", "si.code", "si.current_version"])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const no of MEASURES) {
      const published = rows.filter((r) => r.no === no && r.current_version !== null);
      expect(published.length, `measure ${no}`).toBeGreaterThan(0);
    }
    // Every new item is published and linked.
    expect(MEASURE_ITEMS.length).toBeGreaterThanOrEqual(MEASURES.length);
    for (const item of MEASURE_ITEMS)
      expect(
        rows.map((r) => r.code),
        item.code,
      ).toContain(item.code);
  });

  it("each item's rule cites the policy in its own numbering, and says who applies", async () => {
    const anon = t.anonymous();
    let filings = 0;
    expect(MEASURE_ITEMS.length).toBeGreaterThan(0);
    for (const { code } of MEASURE_ITEMS) {
      const res = await anon.get(`/api/catalogue/${code}`);
      expect(res.statusCode, code).toBe(200);
      const item = res.json();
      expect(item.eligibility, code).not.toBeNull();
      expect(item.eligibility.citation, code).toMatchObject({ doc: POLICY });
      expect(item.eligibility.citation.article, code).toMatch(POLICY_NO);
      expect(item.applicants.length, code).toBeGreaterThan(0);
      expect(item.measures.length, code).toBeGreaterThan(0);
      // Steps go to real units, each with a demo officer once the policy is loaded.
      for (const step of item.workflow.steps)
        for (const org of step.orgs) {
          const client = await officerOf(org.name);
          expect((await client.get("/api/auth/me")).statusCode, `${code} ${org.name}`).toBe(200);
        }
      // The policy's 备案制 (二): the employer's filings take effect on submission.
      if (MEASURE_ITEMS.find((i) => i.code === code)!.measures.includes(2)) {
        expect(item.kind, code).toBe("filing");
        filings += 1;
      }
      if (item.kind === "payment") {
        expect(item.amountRule, code).not.toBeNull();
        expect(item.guide, code).toContain("以年度通知");
      }
    }
    // 公益二类 人员控制数, 自主招聘, 协议工资.
    expect(filings).toBe(3);
  });

  it("选树典型 ends in a 公示 step; 优秀企业家 is reviewed by the departments (二十三)(九)", async () => {
    const anon = t.anonymous();
    const exemplar = (await anon.get("/api/catalogue/RC-XSDX-TJ")).json();
    expect(exemplar.workflow.steps.at(-1)).toMatchObject({
      kind: "publicity",
      orgs: [{ name: "市委组织部" }],
    });
    const entrepreneur = (await anon.get("/api/catalogue/RC-YXQYJ-TJ")).json();
    expect(entrepreneur.workflow.steps.map((s: { orgs: { name: string }[] }) => s.orgs[0]!.name)).toEqual([
      "市工信委",
      "市国资委",
    ]);
    expect(entrepreneur.guide).toContain("评价模块");
  });

  it("a filing (公益二类 人员控制数备案) takes effect and is reviewed by 市编委办's officer", async () => {
    const employer = await t.login("employer");
    const created = await employer.post("/api/applications", { itemCode: "RC-GY2-BZBA" });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    let res = await employer.patch(`/api/applications/${id}`, {
      form: {
        unitName: "营口辽海新材料科技有限公司",
        contact: "陈志强",
        contactMobile: "13900000001",
        unitCategory: "公益二类",
        sector: "科研院所",
        controlNumber: 120,
        staffNow: 96,
        postStructure: "管理 10%，专技 80%，工勤 10%",
        effectiveDate: "2026-07-01",
      },
      materials: [
        { code: "legal_cert", fileIds: [await uploadedId(employer, "法人证书.pdf")] },
        { code: "staffing_plan", fileIds: [await uploadedId(employer, "方案.pdf")] },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    res = await submit(employer, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("filed");

    const bianwei = await officerOf("市编委办");
    expect((await (await officerOf("市人力资源社会保障局")).get(`/api/applications/${id}`)).statusCode).toBe(
      404,
    );
    const view = (await bianwei.get(`/api/applications/${id}`)).json();
    expect(view.allowedActions).toEqual(["approve", "revoke"]);
    res = await decide(bianwei, id, { action: "approve", stepIndex: 0, comment: "备案审查无异议" });
    expect(res.statusCode, res.body).toBe(200);
    const done = (await employer.get(`/api/applications/${id}`)).json();
    expect(done.status).toBe("filed");
    expect(done.currentStep).toBeNull();
    expect(done.history.at(-1)).toMatchObject({ type: "approved" });
  });

  it("a payment (创业孵化补贴) runs through 市人社局 and 市财政局 and reserves the (十九) line", async () => {
    const talent = await t.login("talent");
    const office = await t.login("office");
    const fund = (await office.get("/api/funds"))
      .json()
      .items.find((f: { code: string }) => f.code === "YK-TALENT-2026");
    const line = async () =>
      (
        (await office.get(`/api/funds/${fund.id}/budget-lines`)).json().items as {
          itemCode: string | null;
          measureId: string | null;
          balances: { available: number; payable: number };
        }[]
      ).find((l) => l.itemCode === "RC-CYFH-BZ")!;
    const before = await line();
    expect(before.measureId).not.toBeNull();

    const { category: _c, field: _f, arrivalDate: _a, achievements: _x, ...person } = recognitionForm();
    const app = await readyApplication(talent, "RC-CYFH-BZ", {
      ...person,
      company: "营口镁材科技有限公司",
      incubator: "营口高新区众创空间",
      foundedOn: "2026-03-01",
      jobs: 12,
    });
    let res = await submit(talent, app.id);
    expect(res.statusCode, res.body).toBe(200);
    // 刘洋: a doctorate, full-time in the city.
    expect(res.json().eligibility).toBe("pass");
    res = await decide(await t.login("hrss"), app.id, { action: "approve", stepIndex: 0 });
    expect(res.statusCode, res.body).toBe(200);
    res = await decide(await t.login("finance"), app.id, { action: "approve", stepIndex: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("approved");

    const after = await line();
    expect(after.balances.available).toBe(before.balances.available - 5_000_000);
    expect(after.balances.payable).toBe(before.balances.payable + 5_000_000);
    const mine = (await talent.get("/api/funds/mine")).json().items as { sourceId: string; amount: number }[];
    expect(mine.find((e) => e.sourceId === app.id)).toMatchObject({ amount: 5_000_000 });
  });
});
