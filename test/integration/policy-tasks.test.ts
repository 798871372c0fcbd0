import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { seedBytes, taskOfMeasure, upload } from "../harness/policy.js";

let t: TestApp;
let office: TestClient;
let hrss: TestClient;
let leader: TestClient;
let science: TestClient;
let finance: TestClient;
let documentId: string;
/** Measure 2: led by 市人力资源社会保障局 and 市编委办, shared by 市财政局 (not 市科技局). */
let task2: string;

beforeAll(async () => {
  // 2026-11-27 10:00 in China.
  t = await createTestApp({ start: "2026-11-27T02:00:00.000Z" });
  office = await t.login("office");
  const res = await upload(office, seedBytes());
  expect(res.statusCode).toBe(201);
  documentId = res.json().document.id;
  task2 = await taskOfMeasure(t, documentId, 2);
  hrss = await t.login("hrss");
  leader = await t.login("hrss_leader");
  science = await t.login("science");
  finance = await t.login("finance");
});
afterAll(async () => {
  await t?.close();
});

type Summary = {
  id: string;
  measure: { no: number };
  lead: { name: string }[];
  responsible: { name: string }[];
};

async function allTasks(client: TestClient, query = ""): Promise<Summary[]> {
  const items: Summary[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? "&" : "";
    const res = await client.get(`/api/tasks?limit=5${sep}${query}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

describe("visibility", () => {
  it("the talent office sees all 23 tasks; a department only those its organisation leads or shares", async () => {
    expect(await allTasks(office)).toHaveLength(23);
    const mine = await allTasks(hrss);
    // Measures naming 市人力资源社会保障局, read off the seed by hand.
    expect(mine.map((m) => m.measure.no)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 19, 22,
    ]);
    for (const task of mine) {
      expect([...task.lead, ...task.responsible].map((u) => u.name)).toContain("市人力资源社会保障局");
    }
    expect((await allTasks(leader)).map((m) => m.id)).toEqual(mine.map((m) => m.id));
    const sci = await allTasks(science);
    expect(sci.map((m) => m.measure.no)).toEqual([1, 4, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const stats = (await hrss.get("/api/tasks/stats")).json();
    expect(stats.total).toBe(17);
  });

  it("filters by unit and role, and never widens what a department sees", async () => {
    const scienceOrg = await t.orgId("市科技局");
    const led = await allTasks(office, `orgId=${scienceOrg}&role=lead`);
    expect(led.map((m) => m.measure.no)).toEqual([6, 7, 18]);
    const hrssOrg = await t.orgId("市人力资源社会保障局");
    // A department asking for another's tasks still sees only the overlap with its own.
    const overlap = await allTasks(science, `orgId=${hrssOrg}`);
    expect(overlap.every((m) => [...m.lead, ...m.responsible].some((u) => u.name === "市科技局"))).toBe(true);
  });

  it("a task not theirs answers 404 on every object route, exactly like a missing one", async () => {
    const notFound = async (res: Promise<{ statusCode: number }>) => expect((await res).statusCode).toBe(404);
    await notFound(science.get(`/api/tasks/${task2}`));
    await notFound(science.get(`/api/tasks/${task2}/events`));
    await notFound(science.get(`/api/tasks/${task2}/reports`));
    await notFound(science.get(`/api/tasks/${task2}/supervision`));
    await notFound(science.post(`/api/tasks/${task2}/reports`, { periodKey: "2026-Q4", text: "x" }));
    await notFound(science.post(`/api/tasks/${task2}/milestones`, { title: "x", dueDate: "2026-12-31" }));
    await notFound(science.get("/api/tasks/NO-SUCH-TASK"));
    const body = (await science.get(`/api/tasks/${task2}`)).json();
    expect(body.code).toBe("NOT_FOUND");
    expect(JSON.stringify(body)).not.toContain("保障和落实");
  });

  it("responses carry what the actor may do", async () => {
    const asHrss = (await hrss.get(`/api/tasks/${task2}`)).json();
    expect(asHrss.abilities).toEqual({
      update: false,
      manageMilestones: true,
      writeReport: true,
      issueSupervision: false,
    });
    const asFinance = (await finance.get(`/api/tasks/${task2}`)).json();
    expect(asFinance.abilities).toMatchObject({ manageMilestones: false, writeReport: true });
    const asOffice = (await office.get(`/api/tasks/${task2}`)).json();
    expect(asOffice.abilities).toMatchObject({
      update: true,
      manageMilestones: true,
      writeReport: false,
      issueSupervision: true,
    });
  });
});

describe("milestones and progress", () => {
  it("progress is the weighted share of milestones done, never typed by hand", async () => {
    const a = await hrss.post(`/api/tasks/${task2}/milestones`, {
      title: "制定实施细则",
      dueDate: "2026-12-31",
      weight: 3,
    });
    expect(a.statusCode).toBe(201);
    const b = await office.post(`/api/tasks/${task2}/milestones`, {
      title: "开展试点",
      dueDate: "2027-03-31",
      weight: 1,
    });
    expect(b.statusCode).toBe(201);
    const task = b.json();
    expect(task.milestones.map((m: { title: string }) => m.title)).toEqual(["制定实施细则", "开展试点"]);
    expect(task).toMatchObject({ progress: 0, status: "not_started", milestoneCount: { total: 2, done: 0 } });
    const first = task.milestones[0].id as string;
    const done = await hrss.patch(`/api/tasks/${task2}/milestones/${first}`, { done: true });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ progress: 75, status: "in_progress", milestoneCount: { done: 1 } });
    expect(done.json().milestones[0]).toMatchObject({ done: true, onTime: true, doneBy: { name: "李晓梅" } });
    const reweighted = await hrss.patch(`/api/tasks/${task2}/milestones/${first}`, { weight: 1 });
    expect(reweighted.json().progress).toBe(50);
    const second = task.milestones[1].id as string;
    const all = await hrss.patch(`/api/tasks/${task2}/milestones/${second}`, { done: true });
    expect(all.json()).toMatchObject({ progress: 100, status: "completed" });
    const reopened = await hrss.patch(`/api/tasks/${task2}/milestones/${second}`, { done: false });
    expect(reopened.json()).toMatchObject({ progress: 50, status: "in_progress" });
    const removed = await hrss.request("DELETE", `/api/tasks/${task2}/milestones/${second}`, {});
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({
      progress: 100,
      status: "completed",
      milestoneCount: { total: 1 },
    });
    // The progress field cannot be written.
    const typed = await office.patch(`/api/tasks/${task2}`, { reportPeriod: null, progress: 90 });
    expect(typed.statusCode).toBe(400);
  });

  it("only a lead unit's officer or the talent office manages milestones", async () => {
    // 市财政局 shares task 2 but does not lead it.
    const res = await finance.post(`/api/tasks/${task2}/milestones`, { title: "x", dueDate: "2026-12-31" });
    expect(res.statusCode).toBe(403);
    const asLeader = await leader.post(`/api/tasks/${task2}/milestones`, {
      title: "x",
      dueDate: "2026-12-31",
    });
    expect(asLeader.statusCode).toBe(403);
  });

  it("rejects impossible dates and blank titles with field errors", async () => {
    const badDate = await hrss.post(`/api/tasks/${task2}/milestones`, { title: "x", dueDate: "2026-02-30" });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.json().errors).toContainEqual(expect.objectContaining({ path: "/dueDate" }));
    const pattern = await hrss.post(`/api/tasks/${task2}/milestones`, { title: "x", dueDate: "next week" });
    expect(pattern.statusCode).toBe(400);
    const blank = await hrss.post(`/api/tasks/${task2}/milestones`, { title: "   ", dueDate: "2026-12-31" });
    expect(blank.statusCode).toBe(422);
    const weight = await hrss.post(`/api/tasks/${task2}/milestones`, {
      title: "x",
      dueDate: "2026-12-31",
      weight: 0,
    });
    expect(weight.statusCode).toBe(400);
    expect((await hrss.patch(`/api/tasks/${task2}/milestones/NOPE`, { done: true })).statusCode).toBe(404);
  });
});

describe("progress reports", () => {
  let reportId: string;

  it("an officer of a unit on the task reports for a period in the task's cadence", async () => {
    const res = await hrss.post(`/api/tasks/${task2}/reports`, {
      periodKey: "2026-Q4",
      text: "已完成实施细则起草。",
    });
    expect(res.statusCode).toBe(201);
    reportId = res.json().id;
    expect(res.json()).toMatchObject({
      org: { name: "市人力资源社会保障局" },
      periodKey: "2026-Q4",
      status: "submitted",
      progress: 100,
      author: { name: "李晓梅" },
      abilities: { revise: true, review: false },
    });
    const again = await hrss.post(`/api/tasks/${task2}/reports`, { periodKey: "2026-Q4", text: "重复" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("REPORT_EXISTS");
    const monthly = await hrss.post(`/api/tasks/${task2}/reports`, { periodKey: "2026-11", text: "x" });
    expect(monthly.statusCode).toBe(422);
    expect(monthly.json().errors).toContainEqual(expect.objectContaining({ path: "/periodKey" }));
    const future = await hrss.post(`/api/tasks/${task2}/reports`, { periodKey: "2027-Q1", text: "x" });
    expect(future.statusCode).toBe(422);
    // The leader of the unit is asked to sign it off.
    const inbox = (await leader.get("/api/notifications")).json();
    expect(inbox.items.map((n: { title: string }) => n.title)).toContainEqual(
      expect.stringContaining("待审核进度报告"),
    );
  });

  it("the task's own period setting wins over the document's", async () => {
    const set = await office.patch(`/api/tasks/${task2}`, { reportPeriod: "monthly" });
    expect(set.json()).toMatchObject({ reportPeriod: "monthly", reportPeriodOverride: "monthly" });
    const res = await finance.post(`/api/tasks/${task2}/reports`, {
      periodKey: "2026-11",
      text: "配合做好资金保障。",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().org.name).toBe("市财政局");
    const back = await office.patch(`/api/tasks/${task2}`, { reportPeriod: null });
    expect(back.json()).toMatchObject({ reportPeriod: "quarterly", reportPeriodOverride: null });
  });

  it("a leader of the same unit signs off; a leader of another unit cannot", async () => {
    const financeReport = (await office.get(`/api/tasks/${task2}/reports`))
      .json()
      .items.find((r: { org: { name: string } }) => r.org.name === "市财政局");
    const notTheirs = await leader.post(`/api/tasks/${task2}/reports/${financeReport.id}/approve`, {});
    expect(notTheirs.statusCode).toBe(403);
    expect((await office.post(`/api/tasks/${task2}/reports/${reportId}/approve`, {})).statusCode).toBe(403);
    const approved = await leader.post(`/api/tasks/${task2}/reports/${reportId}/approve`, {
      comment: "同意",
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: "approved",
      reviewer: { name: "张建国" },
      reviewComment: "同意",
      abilities: { revise: false, review: false },
    });
    const twice = await leader.post(`/api/tasks/${task2}/reports/${reportId}/approve`, {});
    expect(twice.statusCode).toBe(409);
    const locked = await hrss.patch(`/api/tasks/${task2}/reports/${reportId}`, { text: "改" });
    expect(locked.statusCode).toBe(409);
  });

  it("a returned report carries the comment, is revised and signed off", async () => {
    const res = await hrss.post(`/api/tasks/${task2}/reports`, {
      periodKey: "2026-Q3",
      text: "三季度工作情况。",
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const noComment = await leader.post(`/api/tasks/${task2}/reports/${id}/return`, { comment: "  " });
    expect(noComment.statusCode).toBe(422);
    const missing = await leader.post(`/api/tasks/${task2}/reports/${id}/return`, {});
    expect(missing.statusCode).toBe(400);
    const returned = await leader.post(`/api/tasks/${task2}/reports/${id}/return`, {
      comment: "请补充量化数据",
    });
    expect(returned.json()).toMatchObject({ status: "returned", reviewComment: "请补充量化数据" });
    const inbox = (await hrss.get("/api/notifications")).json();
    expect(inbox.items[0]).toMatchObject({
      title: expect.stringContaining("退回"),
      body: expect.stringContaining("请补充量化数据"),
    });
    const revised = await hrss.patch(`/api/tasks/${task2}/reports/${id}`, { text: "三季度引进人才 12 名。" });
    expect(revised.json()).toMatchObject({
      status: "submitted",
      reviewComment: null,
      text: "三季度引进人才 12 名。",
    });
    const queue = (await leader.get("/api/reports?status=submitted")).json();
    expect(queue.items.map((r: { id: string }) => r.id)).toEqual([id]);
    const approved = await leader.post(`/api/tasks/${task2}/reports/${id}/approve`, {});
    expect(approved.json().status).toBe("approved");
  });

  it("only officers write reports", async () => {
    expect(
      (await office.post(`/api/tasks/${task2}/reports`, { periodKey: "2026-Q4", text: "x" })).statusCode,
    ).toBe(403);
    expect(
      (await leader.post(`/api/tasks/${task2}/reports`, { periodKey: "2026-Q4", text: "x" })).statusCode,
    ).toBe(403);
  });

  it("everything is in the task's history, newest first, and in the audit trail", async () => {
    const events = (await hrss.get(`/api/tasks/${task2}/events?limit=100`)).json().items as {
      kind: string;
      actor: { name: string } | null;
    }[];
    const kinds = events.map((e) => e.kind);
    for (const kind of [
      "task.created",
      "task.updated",
      "milestone.added",
      "milestone.completed",
      "milestone.reopened",
      "milestone.updated",
      "milestone.removed",
      "report.submitted",
      "report.approved",
      "report.returned",
      "report.resubmitted",
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(kinds.at(-1)).toBe("task.created");
    expect(events[0]?.actor?.name).toBe("张建国");
    const page = (await hrss.get(`/api/tasks/${task2}/events?limit=3`)).json();
    expect(page.items).toHaveLength(3);
    const rest = (await hrss.get(`/api/tasks/${task2}/events?limit=100&cursor=${page.nextCursor}`)).json();
    expect(page.items.length + rest.items.length).toBe(events.length);

    const actions = (
      await t.rt.deps.database.db
        .selectFrom("audit_log")
        .select("action")
        .where("object_id", "in", [task2])
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "tasks.milestone.add",
        "tasks.milestone.update",
        "tasks.milestone.remove",
        "tasks.update",
      ]),
    );
    const reportActions = (
      await t.rt.deps.database.db
        .selectFrom("audit_log")
        .select("action")
        .where("object_type", "=", "task_report")
        .execute()
    ).map((r) => r.action);
    expect(reportActions).toEqual(
      expect.arrayContaining([
        "tasks.report.submit",
        "tasks.report.approve",
        "tasks.report.return",
        "tasks.report.revise",
      ]),
    );
  });
});
