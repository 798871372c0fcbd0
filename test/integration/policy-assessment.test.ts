// A year of recorded work by three units, built step by step with the test clock, then scored.
//
// T1 建设人才驿站: lead 市人力资源社会保障局 (hrss), shared by 市科技局 (science).
// T2 建设科技孵化平台: lead 市科技局, shared by 市财政局 (finance). Quarterly reports, 5 days' grace.
//
//                        hrss                  science                    finance
// reports (on time/due)  T1: Q1 ✓ Q2 late      T1: Q1 ✓ (Q2-Q4 missing)   T2: none
//                        Q3 ✓ Q4 missing       T2: Q1 ✓ Q2 ✓ Q3 ✓ Q4 ✓
//                        → 2/4                 → 5/8                      → 0/4
// milestones (lead)      A ✓, B late, C open   D ✓                        —
//                        → 1/3                 → 1/1                      → none: no data
// supervision            answered late → 0/1   answered on time → 1/1     unanswered → 0/1
// adjustments            −1.5                  —                          +2
// score (40/40/20)       20 + 13.33 + 0 − 1.5  25 + 40 + 20               0 + 0 + 2 (reports and
//                        = 31.83 (2nd)         = 85 (1st)                 supervision re-weighted
//                                                                         66.67/33.33) = 2 (3rd)
// The year's scheme is set to these three indicators (the default also has 承担任务推进 and
// 进度报告审核通过率; assessment-scheme.test.ts covers it).
import ExcelJS from "exceljs";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { importTasks } from "../harness/policy.js";

let t: TestApp;
const THREE_INDICATORS = {
  indicators: [
    { key: "report_on_time", weight: 40 },
    { key: "milestones_on_time", weight: 40 },
    { key: "supervision_on_time", weight: 20 },
  ],
};
let t1: string;
let t2: string;
const org: Record<"hrss" | "science" | "finance", string> = { hrss: "", science: "", finance: "" };

/** Sets the clock to 10:00 China time on a date; sessions do not survive such jumps, so log in afresh. */
async function on(date: string, username: string): Promise<TestClient> {
  t.clock.set(`${date}T02:00:00.000Z`);
  return t.login(username);
}

async function ok(res: Promise<LightMyRequestResponse>, status = 200): Promise<LightMyRequestResponse> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

beforeAll(async () => {
  t = await createTestApp({ start: "2026-01-05T02:00:00.000Z" });
  const imported = await importTasks(t, "营口市人才工作目标责任书", [
    { title: "建设人才驿站", lead: ["市人社局"], responsible: ["市科技局"] },
    { title: "建设科技孵化平台", lead: ["市科技局"], responsible: ["市财政局"] },
  ]);
  [t1, t2] = imported.taskIds as [string, string];
  org.hrss = await t.orgId("市人力资源社会保障局");
  org.science = await t.orgId("市科技局");
  org.finance = await t.orgId("市财政局");

  const hrss = await t.login("hrss");
  const science = await t.login("science");
  const milestone = async (client: TestClient, task: string, title: string, dueDate: string) => {
    const res = await ok(client.post(`/api/tasks/${task}/milestones`, { title, dueDate }), 201);
    return (res.json().milestones as { id: string; title: string }[]).find((m) => m.title === title)!.id;
  };
  const a = await milestone(hrss, t1, "A 选址", "2026-03-31");
  const b = await milestone(hrss, t1, "B 装修", "2026-06-30");
  await milestone(hrss, t1, "C 运营", "2026-09-30");
  const d = await milestone(science, t2, "D 立项", "2026-03-31");
  const complete = async (date: string, user: string, task: string, id: string) =>
    ok((await on(date, user)).patch(`/api/tasks/${task}/milestones/${id}`, { done: true }));
  const report = async (date: string, user: string, task: string, periodKey: string) =>
    ok(
      (await on(date, user)).post(`/api/tasks/${task}/reports`, { periodKey, text: `${periodKey} 工作进展` }),
      201,
    );

  await complete("2026-03-20", "hrss", t1, a);
  await complete("2026-03-31", "science", t2, d);
  await report("2026-04-02", "hrss", t1, "2026-Q1");
  await report("2026-04-02", "science", t1, "2026-Q1");
  await report("2026-04-02", "science", t2, "2026-Q1");
  const first = await ok(
    (await on("2026-05-01", "office")).post(`/api/tasks/${t1}/supervision`, {
      orgId: org.hrss,
      content: "请报送驿站选址情况",
      dueDate: "2026-05-10",
    }),
    201,
  );
  await ok(
    (await on("2026-05-12", "hrss")).post(`/api/supervision/${first.json().id}/respond`, {
      response: "已报送",
    }),
  );
  await complete("2026-07-03", "hrss", t1, b);
  await report("2026-07-04", "science", t2, "2026-Q2");
  await report("2026-07-08", "hrss", t1, "2026-Q2");
  await ok(
    (await on("2026-08-01", "office")).post(`/api/tasks/${t2}/supervision`, {
      orgId: org.finance,
      content: "请落实平台建设资金",
      dueDate: "2026-08-10",
    }),
    201,
  );
  const third = await ok(
    (await on("2026-09-01", "office")).post(`/api/tasks/${t2}/supervision`, {
      orgId: org.science,
      content: "请报送孵化平台入驻情况",
      dueDate: "2026-09-10",
    }),
    201,
  );
  await ok(
    (await on("2026-09-05", "science")).post(`/api/supervision/${third.json().id}/respond`, {
      response: "已入驻 8 家",
    }),
  );
  await report("2026-10-01", "hrss", t1, "2026-Q3");
  await report("2026-10-01", "science", t2, "2026-Q3");
  await report("2027-01-03", "science", t2, "2026-Q4");

  const office = await on("2027-01-10", "office");
  await ok(office.put("/api/assessment/2026/scheme", THREE_INDICATORS));
  await ok(
    office.post("/api/assessment/2026/adjustments", {
      orgId: org.finance,
      points: 2,
      reason: "人才专项资金拨付及时",
    }),
    201,
  );
  await ok(
    office.post("/api/assessment/2026/adjustments", {
      orgId: org.hrss,
      points: -1.5,
      reason: "驿站建设进度滞后",
    }),
    201,
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
});

interface Indicator {
  key: string;
  expected: number;
  achieved: number;
  rate: number | null;
  score: number;
  explanation: { zh: string; en: string };
}
interface Row {
  rank: number;
  org: { id: string; name: string };
  indicators: Indicator[];
  adjustmentTotal: number;
  total: number;
}

const numbers = (row: Row) =>
  Object.fromEntries(row.indicators.map((i) => [i.key, [i.expected, i.achieved, i.score]]));

describe("yearly assessment", () => {
  it("computes every indicator from the recorded data, explains it and ranks the units", async () => {
    const office = await t.login("office");
    const res = await office.get("/api/assessment/2026");
    expect(res.statusCode).toBe(200);
    const body = res.json() as { scheme: { isDefault: boolean }; rows: Row[] };
    expect(body.scheme.isDefault).toBe(false);
    // Before issue 14 item 4 finance's missing milestones scored full marks (42, 2nd).
    expect(body.rows.map((r) => [r.rank, r.org.name, r.total])).toEqual([
      [1, "市科技局", 85],
      [2, "市人力资源社会保障局", 31.83],
      [3, "市财政局", 2],
    ]);
    const [science, hrss, finance] = body.rows as [Row, Row, Row];
    expect(numbers(hrss)).toEqual({
      report_on_time: [4, 2, 20],
      milestones_on_time: [3, 1, 13.33],
      supervision_on_time: [1, 0, 0],
    });
    expect(hrss.adjustmentTotal).toBe(-1.5);
    expect(numbers(science)).toEqual({
      report_on_time: [8, 5, 25],
      milestones_on_time: [1, 1, 40],
      supervision_on_time: [1, 1, 20],
    });
    expect(numbers(finance)).toEqual({
      report_on_time: [4, 0, 0],
      milestones_on_time: [0, 0, 0],
      supervision_on_time: [1, 0, 0],
    });
    expect(finance.indicators[1]).toMatchObject({
      rate: null,
      measured: false,
      explanation: { zh: expect.stringContaining("暂无数据") },
    });
    expect(hrss.indicators[0]!.explanation.zh).toBe(
      "应报送 4 项，按时报送 2 项，达标率 50.0%，得 20 分（权重 40）",
    );
  });

  it("a scheme of the year's own changes the weights; bad schemes are refused with field errors", async () => {
    const office = await t.login("office");
    const sum = await office.put("/api/assessment/2026/scheme", {
      indicators: [
        { key: "report_on_time", weight: 50 },
        { key: "milestones_on_time", weight: 30 },
      ],
    });
    expect(sum.statusCode).toBe(422);
    expect(sum.json()).toMatchObject({
      code: "ASSESSMENT_SCHEME_INVALID",
      errors: [{ path: "/indicators" }],
    });
    const twice = await office.put("/api/assessment/2026/scheme", {
      indicators: [
        { key: "report_on_time", weight: 50 },
        { key: "report_on_time", weight: 50 },
      ],
    });
    expect(twice.statusCode).toBe(422);
    const unknown = await office.put("/api/assessment/2026/scheme", {
      indicators: [{ key: "gdp", weight: 100 }],
    });
    expect(unknown.statusCode).toBe(400);
    const set = await office.put("/api/assessment/2026/scheme", {
      indicators: [
        { key: "report_on_time", weight: 50 },
        { key: "milestones_on_time", weight: 50 },
      ],
      reportGraceDays: 10,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ isDefault: false, reportGraceDays: 10 });
    try {
      const rows = (await office.get("/api/assessment/2026")).json().rows as Row[];
      // With 10 days' grace hrss's Q2 report (8 days late) is on time, and Q4's deadline (2027-01-10)
      // is today, so it is not yet due: 3/3 × 50 + 1/3 × 50 − 1.5.
      const hrss = rows.find((r) => r.org.id === org.hrss)!;
      expect(numbers(hrss)).toEqual({ report_on_time: [3, 3, 50], milestones_on_time: [3, 1, 16.67] });
      expect(hrss.total).toBe(65.17);
    } finally {
      await office.put("/api/assessment/2026/scheme", THREE_INDICATORS);
    }
  });

  it("adjustments need a written reason and can be withdrawn", async () => {
    const office = await t.login("office");
    const noReason = await office.post("/api/assessment/2026/adjustments", {
      orgId: org.science,
      points: 1,
      reason: "  ",
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toContainEqual(expect.objectContaining({ path: "/reason" }));
    const tooMuch = await office.post("/api/assessment/2026/adjustments", {
      orgId: org.science,
      points: 50,
      reason: "理由充分",
    });
    expect(tooMuch.statusCode).toBe(400);
    const noOrg = await office.post("/api/assessment/2026/adjustments", {
      orgId: "NOPE",
      points: 1,
      reason: "理由充分",
    });
    expect(noOrg.statusCode).toBe(422);
    const added = await office.post("/api/assessment/2026/adjustments", {
      orgId: org.science,
      points: -3,
      reason: "临时扣分",
    });
    expect(added.statusCode).toBe(201);
    const withIt = (await office.get("/api/assessment/2026")).json().rows as Row[];
    expect(withIt.find((r) => r.org.id === org.science)?.total).toBe(82);
    expect(
      (await office.request("DELETE", `/api/assessment/2026/adjustments/${added.json().id}`, {})).statusCode,
    ).toBe(204);
    expect(
      (await office.request("DELETE", `/api/assessment/2026/adjustments/${added.json().id}`, {})).statusCode,
    ).toBe(404);
    const without = (await office.get("/api/assessment/2026")).json().rows as Row[];
    expect(without.find((r) => r.org.id === org.science)?.total).toBe(85);
    const audit = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "assessment.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "assessment.adjustment.add",
        "assessment.adjustment.remove",
        "assessment.scheme.set",
      ]),
    );
  });

  it("exports the same numbers as a valid Excel workbook", async () => {
    const office = await t.login("office");
    const res = await office.get("/api/assessment/2026/export");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="assessment-2026.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(["考核排名", "指标明细", "加减分"]);
    const ranking = book.getWorksheet("考核排名")!;
    const values = (n: number) => (ranking.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      "名次",
      "单位",
      "进度报告按时报送率（40）",
      "里程碑按期完成率（40）",
      "督办按时反馈率（20）",
      "加减分",
      "总分",
    ]);
    expect(values(2)).toEqual([1, "市科技局", 25, 40, 20, 0, 85]);
    expect(values(3)).toEqual([2, "市人力资源社会保障局", 20, 13.33, 0, -1.5, 31.83]);
    expect(values(4)).toEqual([3, "市财政局", 0, "暂无数据", 0, 2, 2]);
    const detail = book.getWorksheet("指标明细")!;
    expect(detail.rowCount).toBe(1 + 3 * 3);
    expect(book.getWorksheet("加减分")!.rowCount).toBe(3);
  });

  it("a year before any task began has no one to assess; years out of range are refused", async () => {
    const office = await t.login("office");
    const rows = (await office.get("/api/assessment/2025")).json().rows as Row[];
    expect(rows).toEqual([]);
    const bad = await office.get("/api/assessment/1999");
    expect(bad.statusCode).toBe(400);
  });
});
