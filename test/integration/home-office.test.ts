// The talent office's home (今日待办): each count equals the rows of the list it links to, and drops
// when one item is dealt with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTaskLights } from "../../src/server/jobs/definitions/tasks-lights.js";
import type { JobContext } from "../../src/server/jobs/types.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { financeColleague, fundWithLine, PAYEE, send } from "../harness/funds.js";
import { importTasks } from "../harness/policy.js";
import { lodgeObjection, openNotice } from "../harness/publicity.js";
import { decide, readyApplication, submit } from "../harness/services.js";

const DAY = 86_400_000;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
let t: TestApp;
let ctx: JobContext;
let caseId: string;
let redTaskId: string;
let redMilestoneId: string;
let yellowTaskId: string;
let noticeId: string;
let objectionId: string;
let batchId: string;
let orderId: string;

/** A fresh session: sessions expire as the test clock jumps ahead. */
const as = (username: string): Promise<TestClient> => t.login(username);

interface Count {
  count: number;
  href: string;
  list: string;
}

/** Every row of a linked list, following its cursor. */
async function rowsOf(client: TestClient, list: string): Promise<{ id: string; openObjections?: number }[]> {
  const rows = [];
  let cursor: string | null = null;
  do {
    const url: string = `${list}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await client.get(url);
    expect(res.statusCode, res.body).toBe(200);
    rows.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  return rows;
}

beforeAll(async () => {
  // 2026-12-01 10:00 in China.
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  ctx = { deps: t.rt.deps, services: t.rt.services, config: t.rt.config, log: silent };
  const office = await as("office");
  const hrss = await as("hrss");
  const finance = await as("finance");

  // A case waiting at 市人社局's first step.
  const talent = await as("talent");
  const draft = await readyApplication(talent);
  const submitted = await submit(talent, draft.id);
  expect(submitted.statusCode, submitted.body).toBe(200);
  caseId = draft.id;

  // Two tasks: one with a milestone due tomorrow (red once passed), one to turn yellow later.
  const imported = await importTasks(t, "营口市人才工作要点", [
    { title: "建设人才驿站", lead: ["市人社局"] },
    { title: "兑现人才奖励资金", lead: ["市人社局"] },
  ]);
  [redTaskId, yellowTaskId] = imported.taskIds as [string, string];
  const m = await hrss.post(`/api/tasks/${redTaskId}/milestones`, {
    title: "选址挂牌",
    dueDate: "2026-12-02",
  });
  expect(m.statusCode, m.body).toBe(201);
  redMilestoneId = m.json().milestones[0].id;

  // A supervision order to 市人社局 on the yellow task.
  const order = await office.post(`/api/tasks/${yellowTaskId}/supervision`, {
    orgId: await t.orgId("市人力资源社会保障局"),
    content: "请加快推进资金兑现",
    dueDate: "2026-12-31",
  });
  expect(order.statusCode, order.body).toBe(201);
  orderId = order.json().id;

  // A 公示 of the office's own organisation with an objection; another organisation's notice with
  // an objection the office does not answer (and is not counted).
  noticeId = await openNotice(t, await t.orgId("市委组织部"));
  objectionId = await lodgeObjection(t, noticeId);
  await lodgeObjection(t, await openNotice(t, await t.orgId("市人力资源社会保障局")));

  // A payment batch in draft, awaiting a second person's approval at the finance bureau.
  const { fundId, lineId } = await fundWithLine(t, office, finance, 10_000_000);
  const ent = await send(office, "POST", "/api/funds/entitlements", {
    budgetLineId: lineId,
    talentUserId: await t.userId("talent"),
    title: "高层次人才奖励",
    amount: 1_000_000,
    payee: PAYEE,
  });
  expect(ent.statusCode, ent.body).toBe(201);
  const batch = await send(finance, "POST", "/api/funds/batches", { fundId, title: "第一批" });
  expect(batch.statusCode, batch.body).toBe(201);
  batchId = batch.json().id;
});
afterAll(async () => {
  await t?.close();
});

describe("GET /api/home/office", () => {
  it("is the talent office's only", async () => {
    for (const user of ["hrss", "hrss_leader", "finance", "talent", "employer", "sysadmin"]) {
      const res = await (await as(user)).get("/api/home/office");
      expect(res.statusCode, user).toBe(403);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    expect((await t.anonymous().get("/api/home/office")).statusCode).toBe(401);
  });

  let office: TestClient;
  let home: {
    asOf: string;
    today: string;
    cases: { overdue: Count; dueToday: Count };
    tasks: { yellow: Count; red: Count };
    objections: { open: Count };
    batches: { awaitingApproval: Count };
    supervision: { open: Count };
  };

  it("counts the day's work, each matching the list it links to", async () => {
    // Past the case's step deadline; the milestone of 12-02 has passed, 12-24 is within three days.
    const hrss = await as("hrss");
    // The current step's deadline (its SLA), as the department's workbench shows it.
    const queue = (await hrss.get("/api/workbench")).json().items as { id: string; stepDeadline: string }[];
    const deadline = queue.find((a) => a.id === caseId)?.stepDeadline as string;
    expect(deadline).toMatch(/^2026-12-\d\d$/);
    // On the deadline day itself the case is due today, not yet overdue.
    t.clock.set(`${deadline}T02:00:00.000Z`);
    const onTheDay = await as("office");
    const dayHome = (await onTheDay.get("/api/home/office")).json();
    expect(dayHome.today).toBe(deadline);
    expect(dayHome.cases.dueToday.count).toBe(1);
    expect(dayHome.cases.overdue.count).toBe(0);
    expect((await rowsOf(onTheDay, dayHome.cases.dueToday.list)).map((r) => r.id)).toEqual([caseId]);
    expect(await rowsOf(onTheDay, dayHome.cases.overdue.list)).toEqual([]);

    t.clock.set(new Date(Date.parse(`${deadline}T02:00:00.000Z`) + DAY));
    const today = new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const hrssNow = await as("hrss");
    const yellowDue = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * DAY).toISOString().slice(0, 10);
    const m = await hrssNow.post(`/api/tasks/${yellowTaskId}/milestones`, {
      title: "拨付",
      dueDate: yellowDue,
    });
    expect(m.statusCode, m.body).toBe(201);
    await refreshTaskLights.handler({}, ctx);

    office = await as("office");
    const res = await office.get("/api/home/office");
    expect(res.statusCode, res.body).toBe(200);
    home = res.json();
    expect(home.today).toBe(today);
    expect(home.cases.overdue.count).toBe(1);
    expect(home.cases.dueToday.count).toBe(0);
    expect(home.tasks.red.count).toBe(1);
    expect(home.tasks.yellow.count).toBe(1);
    expect(home.objections.open.count).toBe(1);
    expect(home.batches.awaitingApproval.count).toBe(1);
    expect(home.supervision.open.count).toBe(1);
    expect(home.tasks.red).toMatchObject({ href: "/tasks?light=red", list: "/api/tasks?light=red" });
    expect(home.cases.overdue.href).toBe("/services/cases?due=overdue");

    // The linked lists show the same number of rows (objections: the notices' open counts).
    const counted: Count[] = [
      home.cases.overdue,
      home.cases.dueToday,
      home.tasks.red,
      home.tasks.yellow,
      home.batches.awaitingApproval,
      home.supervision.open,
    ];
    for (const c of counted) expect((await rowsOf(office, c.list)).length, c.list).toBe(c.count);
    expect((await rowsOf(office, home.cases.overdue.list)).map((r) => r.id)).toEqual([caseId]);
    expect((await rowsOf(office, home.tasks.red.list)).map((r) => r.id)).toEqual([redTaskId]);
    const notices = await rowsOf(office, home.objections.open.list);
    expect(notices.map((n) => n.id)).toEqual([noticeId]);
    expect(notices.reduce((s, n) => s + (n.openObjections ?? 0), 0)).toBe(home.objections.open.count);
  });

  it("drops each count when one item is dealt with", async () => {
    const hrss = await as("hrss");
    const office2 = await as("office");
    // The case moves on to the next step (with a fresh deadline).
    const decided = await decide(hrss, caseId, { action: "approve", stepIndex: 0, comment: "材料齐全" });
    expect(decided.statusCode, decided.body).toBe(200);
    // The red task's milestone is done; the lights job runs.
    const done = await hrss.patch(`/api/tasks/${redTaskId}/milestones/${redMilestoneId}`, { done: true });
    expect(done.statusCode, done.body).toBe(200);
    await refreshTaskLights.handler({}, ctx);
    // The office answers its objection; 市人社局 answers the supervision order; a second finance person approves the batch.
    const answered = await office2.post(`/api/publicity/${noticeId}/objections/${objectionId}/answer`, {
      answer: "经核实，异议不成立。",
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const responded = await hrss.post(`/api/supervision/${orderId}/respond`, { response: "已完成资金兑现" });
    expect(responded.statusCode, responded.body).toBe(200);
    const approved = await send(
      await financeColleague(t, "finance_home"),
      "POST",
      `/api/funds/batches/${batchId}/approve`,
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe("approved");

    const after = (await office2.get("/api/home/office")).json();
    expect(after.cases.overdue.count).toBe(0);
    expect(after.tasks.red.count).toBe(0);
    expect(after.tasks.yellow.count).toBe(1);
    expect(after.objections.open.count).toBe(0);
    expect(after.batches.awaitingApproval.count).toBe(0);
    expect(after.supervision.open.count).toBe(0);
    for (const c of [
      after.cases.overdue,
      after.tasks.red,
      after.tasks.yellow,
      after.batches.awaitingApproval,
    ])
      expect((await rowsOf(office2, c.list)).length, c.list).toBe(c.count);
    expect(await rowsOf(office2, after.objections.open.list)).toEqual([]);
  });
});
