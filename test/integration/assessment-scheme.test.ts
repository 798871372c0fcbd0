// Issue 14 item 4: the assessment tells the truth, and tasks have deadlines from day one.
//
// Three units, 2026-01-05 … 2026-03-20:
//   T1 建设人才驿站 (完成时限 2026年3月底前, monthly reports): lead 市人社局 (hrss), responsible 市财政局.
//   T2 建设科技孵化平台 (no time limit, quarterly reports): lead 市科技局 (science).
// hrss works: its milestone is done early, both monthly reports are on time and signed off, the
// supervision order is answered in time. finance shares T1 and reports nothing. science has nothing
// due yet (no milestone, Q1 not over): it has done nothing and must read "no data", not full marks.
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { importTasks } from "../harness/policy.js";

let t: TestApp;
let t1: string;
let t2: string;
const org: Record<"hrss" | "science" | "finance", string> = { hrss: "", science: "", finance: "" };

async function on(date: string, username: string): Promise<TestClient> {
  t.clock.set(`${date}T02:00:00.000Z`);
  return t.login(username);
}

async function ok(res: Promise<LightMyRequestResponse>, status = 200): Promise<LightMyRequestResponse> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

interface Text {
  zh: string;
  en: string;
}
interface Line {
  key: string;
  item: Text;
  weight: number | null;
  measured: Text | null;
  earned: number;
  reason: Text;
}
interface Row {
  rank: number | null;
  org: { id: string; name: string };
  noData: boolean;
  total: number | null;
}
interface UnitScore extends Row {
  lines: Line[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-01-05T02:00:00.000Z" });
  const imported = await importTasks(t, "营口市人才工作目标责任书（考核）", [
    { title: "建设人才驿站", lead: ["市人社局"], responsible: ["市财政局"], due: "2026年3月底前" },
    { title: "建设科技孵化平台", lead: ["市科技局"] },
  ]);
  [t1, t2] = imported.taskIds as [string, string];
  org.hrss = await t.orgId("市人力资源社会保障局");
  org.science = await t.orgId("市科技局");
  org.finance = await t.orgId("市财政局");

  const office = await t.login("office");
  await ok(office.patch(`/api/tasks/${t1}`, { reportPeriod: "monthly" }));
  const hrss = await t.login("hrss");
  const added = await ok(
    hrss.post(`/api/tasks/${t1}/milestones`, { title: "选址", dueDate: "2026-02-28" }),
    201,
  );
  const milestone = (added.json().milestones as { id: string }[])[0]!.id;

  const report = async (date: string, periodKey: string) => {
    const res = await ok(
      (await on(date, "hrss")).post(`/api/tasks/${t1}/reports`, { periodKey, text: `${periodKey} 驿站进展` }),
      201,
    );
    await ok((await t.login("hrss_leader")).post(`/api/tasks/${t1}/reports/${res.json().id}/approve`, {}));
  };
  await report("2026-02-02", "2026-01");
  await ok(
    (await on("2026-02-20", "hrss")).patch(`/api/tasks/${t1}/milestones/${milestone}`, { done: true }),
  );
  await report("2026-03-02", "2026-02");
  const order = await ok(
    (await on("2026-03-05", "office")).post(`/api/tasks/${t1}/supervision`, {
      orgId: org.hrss,
      content: "请报送驿站运营情况",
      dueDate: "2026-03-12",
    }),
    201,
  );
  await ok(
    (await on("2026-03-10", "hrss")).post(`/api/supervision/${order.json().id}/respond`, {
      response: "已运营",
    }),
  );
  t.clock.set("2026-03-20T02:00:00.000Z");
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("assessment that tells the truth", () => {
  it("the unit that did nothing reads 'no data', the working unit ranks first", async () => {
    const office = await t.login("office");
    const res = await office.get("/api/assessment/2026");
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as Row[];
    expect(rows.map((r) => [r.org.id, r.rank, r.total, r.noData])).toEqual([
      [org.hrss, 1, 100, false],
      [org.finance, 2, 50, false],
      [org.science, null, null, true],
    ]);
  });

  it("every score explains itself line by line, and the lines add up to the total", async () => {
    const office = await t.login("office");
    await ok(
      office.post("/api/assessment/2026/adjustments", {
        orgId: org.finance,
        points: 2,
        reason: "资金拨付及时",
      }),
      201,
    );
    const scored: UnitScore[] = [];
    for (const id of [org.hrss, org.finance]) {
      const res = await office.get(`/api/assessment/2026/units/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      scored.push(res.json() as UnitScore);
    }
    expect(scored.length).toBe(2);
    for (const unit of scored) {
      expect(unit.lines.length).toBeGreaterThan(4);
      expect(unit.total).not.toBeNull();
      expect(round2(unit.lines.reduce((s, l) => s + l.earned, 0))).toBe(unit.total);
      for (const line of unit.lines) {
        expect(line.item.zh.length).toBeGreaterThan(0);
        expect(line.item.en.length).toBeGreaterThan(0);
        expect(line.reason.zh.length).toBeGreaterThan(0);
        expect(line.reason.en.length).toBeGreaterThan(0);
      }
    }
    const [hrss, finance] = scored as [UnitScore, UnitScore];
    expect(hrss.total).toBe(100);
    expect(finance.total).toBe(52);
    // finance leads nothing and has no report to sign off: those lines are unmeasured and earn nothing.
    const milestones = finance.lines.find((l) => l.key === "milestones_on_time")!;
    expect(milestones).toMatchObject({ measured: null, earned: 0 });
    expect(milestones.reason.zh).toContain("暂无数据");
    const reports = finance.lines.find((l) => l.key === "report_on_time")!;
    expect(reports.earned).toBe(0);
    expect(reports.measured?.zh).toContain("2");
    const bonus = finance.lines.find((l) => l.key === "adjustment")!;
    expect(bonus).toMatchObject({ earned: 2, weight: null, reason: { zh: "资金拨付及时" } });

    const idle = (await ok(office.get(`/api/assessment/2026/units/${org.science}`))).json() as UnitScore;
    expect(idle).toMatchObject({ total: null, rank: null, noData: true });
    expect(idle.lines.length).toBeGreaterThan(0);
    for (const line of idle.lines) expect(line).toMatchObject({ measured: null, earned: 0 });

    expect((await office.get("/api/assessment/2026/units/NOPE")).statusCode).toBe(404);
    expect((await office.get(`/api/assessment/2026/units/${await t.orgId("市委组织部")}`)).statusCode).toBe(
      404,
    );
  });

  it("only the talent office reads a unit's score", async () => {
    for (const user of ["hrss", "hrss_leader", "science", "finance"]) {
      const client = await t.login(user);
      expect((await client.get(`/api/assessment/2026/units/${org.hrss}`)).statusCode).toBe(403);
      expect((await client.get("/api/assessment/2026")).statusCode).toBe(403);
    }
    expect((await t.anonymous().get(`/api/assessment/2026/units/${org.hrss}`)).statusCode).toBe(401);
  });
});

describe("the scheme the talent office sets per year", () => {
  const good = {
    indicators: [
      { key: "task_progress", weight: 30 },
      { key: "milestones_on_time", weight: 20 },
      { key: "report_on_time", weight: 20 },
      { key: "report_quality", weight: 10 },
      { key: "supervision_on_time", weight: 20 },
    ],
    shares: { lead: 100, responsible: 40 },
  };

  it("the default names every item with a weight that adds up to 100", async () => {
    const office = await t.login("office");
    const scheme = (await ok(office.get("/api/assessment/2027/scheme"))).json();
    expect(scheme.isDefault).toBe(true);
    const keys = (scheme.indicators as { key: string }[]).map((i) => i.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        "task_progress",
        "milestones_on_time",
        "report_on_time",
        "report_quality",
        "supervision_on_time",
      ]),
    );
    expect((scheme.indicators as { weight: number }[]).reduce((s, i) => s + i.weight, 0)).toBe(100);
    expect(scheme.shares).toEqual({ lead: 100, responsible: 50 });
  });

  it("weights must add up to 100 and each lie within 0-100 (422)", async () => {
    const office = await t.login("office");
    const bad = [
      { ...good, indicators: [...good.indicators.slice(0, 4), { key: "supervision_on_time", weight: 19 }] },
      {
        ...good,
        indicators: [
          { key: "task_progress", weight: 101 },
          { key: "report_on_time", weight: -1 },
        ],
      },
      {
        ...good,
        indicators: [
          { key: "task_progress", weight: 50.5 },
          { key: "report_on_time", weight: 49.5 },
        ],
      },
      { ...good, shares: { lead: 120, responsible: 40 } },
      { ...good, shares: { lead: 0, responsible: 0 } },
    ];
    for (const body of bad) {
      const res = await office.put("/api/assessment/2027/scheme", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json()).toMatchObject({ code: "ASSESSMENT_SCHEME_INVALID" });
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
    expect((await office.get("/api/assessment/2027/scheme")).json().isDefault).toBe(true);
  });

  it("only the talent office sets the weights; the change is audited and applies to that year only", async () => {
    for (const user of ["hrss", "hrss_leader", "finance"]) {
      const client = await t.login(user);
      expect((await client.put("/api/assessment/2027/scheme", good)).statusCode).toBe(403);
    }
    const office = await t.login("office");
    const set = await ok(office.put("/api/assessment/2027/scheme", good));
    expect(set.json()).toMatchObject({ isDefault: false, shares: { lead: 100, responsible: 40 } });
    expect((await office.get("/api/assessment/2026/scheme")).json().isDefault).toBe(true);
    const audit = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "assessment.scheme.set")
      .execute();
    expect(audit.length).toBe(1);
  });
});

describe("task deadlines", () => {
  interface TaskView {
    due: string | null;
    dueSource: string | null;
    light: string;
  }

  it("the import takes the measure's parsed time limit as the task's deadline", async () => {
    const office = await t.login("office");
    const one = (await ok(office.get(`/api/tasks/${t1}`))).json() as TaskView;
    expect(one).toMatchObject({ due: "2026-03-31", dueSource: "policy" });
    const two = (await ok(office.get(`/api/tasks/${t2}`))).json() as TaskView;
    expect(two).toMatchObject({ due: null, dueSource: null, light: "green" });
  });

  it("only the talent office sets a deadline; others are refused", async () => {
    for (const user of ["science", "hrss", "hrss_leader", "finance"]) {
      const client = await t.login(user);
      expect((await client.patch(`/api/tasks/${t2}`, { due: "2026-03-22" })).statusCode).toBe(403);
    }
    expect((await t.anonymous().patch(`/api/tasks/${t2}`, { due: "2026-03-22" })).statusCode).toBe(401);
    const office = await t.login("office");
    expect((await office.get(`/api/tasks/${t2}`)).json().due).toBeNull();
  });

  it("a bad date is 422 and changes nothing", async () => {
    const office = await t.login("office");
    for (const due of ["2026-02-30", "2026-13-01", "next week", "2026/03/22", ""]) {
      const res = await office.patch(`/api/tasks/${t2}`, { due });
      expect(res.statusCode, due).toBe(422);
      expect(res.json().code).toBe("TASK_INVALID");
    }
    // A number is not a date: JSON bodies are not coerced (strict-body.test.ts), so the schema refuses it.
    expect((await office.patch(`/api/tasks/${t2}`, { due: 20260322 })).statusCode).toBe(400);
    expect((await office.patch(`/api/tasks/${t2}`, { due: "2026-03-22", progress: 90 })).statusCode).toBe(
      400,
    );
    expect((await office.patch(`/api/tasks/${t2}`, {})).statusCode).toBe(400);
    expect((await office.get(`/api/tasks/${t2}`)).json().due).toBeNull();
  });

  it("the office's deadline drives the light, is audited and joins the history", async () => {
    const office = await t.login("office");
    const soon = (await ok(office.patch(`/api/tasks/${t2}`, { due: "2026-03-22" }))).json() as TaskView;
    expect(soon).toMatchObject({ due: "2026-03-22", dueSource: "office", light: "yellow" });
    const past = (await ok(office.patch(`/api/tasks/${t2}`, { due: "2026-03-19" }))).json() as TaskView;
    expect(past).toMatchObject({ due: "2026-03-19", light: "red" });
    // The missed deadline is now something science is measured on: no longer "no data", and zero.
    const rows = (await ok(office.get("/api/assessment/2026"))).json().rows as Row[];
    expect(rows.find((r) => r.org.id === org.science)).toMatchObject({ noData: false, total: 0 });
    const later = (await ok(office.patch(`/api/tasks/${t2}`, { due: "2026-12-31" }))).json() as TaskView;
    expect(later).toMatchObject({ due: "2026-12-31", light: "green" });
    // The same deadline again changes nothing and writes nothing.
    expect((await ok(office.patch(`/api/tasks/${t2}`, { due: "2026-12-31" }))).json().due).toBe("2026-12-31");

    const db = t.rt.deps.database.db;
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("action", "=", "tasks.update")
      .where("object_id", "=", t2)
      .orderBy("seq")
      .execute();
    expect(audit.length).toBe(3);
    expect(audit.map((a) => JSON.parse(a.detail ?? "{}").due?.to)).toEqual([
      "2026-03-22",
      "2026-03-19",
      "2026-12-31",
    ]);
    const events = await db
      .selectFrom("task_events")
      .select("kind")
      .where("task_id", "=", t2)
      .where("kind", "in", ["task.updated", "light.changed"])
      .execute();
    expect(events.filter((e) => e.kind === "task.updated").length).toBe(3);
    expect(events.filter((e) => e.kind === "light.changed").length).toBe(3);
  });
});
