import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTaskLights } from "../../src/server/jobs/definitions/tasks-lights.js";
import type { JobContext } from "../../src/server/jobs/types.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { importTasks } from "../harness/policy.js";

const DAY = 86_400_000;
let t: TestApp;
let ctx: JobContext;
let taskId: string;
let otherTaskId: string;
let hrssOrg: string;

beforeAll(async () => {
  // 2026-12-01 10:00 in China.
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  ctx = { deps: t.rt.deps, services: t.rt.services, config: t.rt.config, log: silentLog };
  const imported = await importTasks(t, "营口市引才专项行动方案", [
    { title: "举办高校毕业生招聘会", lead: ["市人社局"], responsible: ["市财政局"] },
    { title: "建设科技孵化平台", lead: ["市科技局"] },
  ]);
  [taskId, otherTaskId] = imported.taskIds as [string, string];
  hrssOrg = await t.orgId("市人力资源社会保障局");
});
afterAll(async () => {
  await t?.close();
});

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };
const as = (username: string): Promise<TestClient> => t.login(username);

describe("supervision orders (督办)", () => {
  let onTimeId: string;
  let lateId: string;

  it("the talent office issues an order on a task, addressed to one of its units", async () => {
    const office = await as("office");
    const res = await office.post(`/api/tasks/${taskId}/supervision`, {
      orgId: hrssOrg,
      content: "请报送招聘会筹备进展",
      dueDate: "2026-12-08",
    });
    expect(res.statusCode).toBe(201);
    onTimeId = res.json().id;
    expect(res.json()).toMatchObject({
      org: { name: "市人力资源社会保障局" },
      status: "open",
      light: "green",
      late: false,
      issuedBy: { name: "王立新" },
      abilities: { respond: false },
    });
    const hrss = await as("hrss");
    const inbox = (await hrss.get("/api/notifications")).json().items.map((n: { title: string }) => n.title);
    expect(inbox).toContain("督办通知：举办高校毕业生招聘会");
    const mine = (await hrss.get("/api/supervision")).json().items;
    expect(mine.map((o: { id: string }) => o.id)).toEqual([onTimeId]);
    expect(mine[0].abilities.respond).toBe(true);
  });

  it("refuses units not on the task, past deadlines and impossible dates with field errors", async () => {
    const office = await as("office");
    const scienceOrg = await t.orgId("市科技局");
    const wrongUnit = await office.post(`/api/tasks/${taskId}/supervision`, {
      orgId: scienceOrg,
      content: "请报送进展",
      dueDate: "2026-12-08",
    });
    expect(wrongUnit.statusCode).toBe(422);
    expect(wrongUnit.json().errors).toContainEqual(expect.objectContaining({ path: "/orgId" }));
    const past = await office.post(`/api/tasks/${taskId}/supervision`, {
      orgId: hrssOrg,
      content: "请报送进展",
      dueDate: "2026-11-30",
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors).toContainEqual(expect.objectContaining({ path: "/dueDate" }));
    const impossible = await office.post(`/api/tasks/${taskId}/supervision`, {
      orgId: hrssOrg,
      content: "请报送进展",
      dueDate: "2026-13-01",
    });
    expect(impossible.statusCode).toBe(422);
    const hrss = await as("hrss");
    const notOffice = await hrss.post(`/api/tasks/${taskId}/supervision`, {
      orgId: hrssOrg,
      content: "请报送进展",
      dueDate: "2026-12-08",
    });
    expect(notOffice.statusCode).toBe(403);
  });

  it("an officer of the addressed unit answers; others cannot", async () => {
    const science = await as("science");
    expect((await science.post(`/api/supervision/${onTimeId}/respond`, { response: "x" })).statusCode).toBe(
      404,
    );
    expect((await science.get("/api/supervision")).json().items).toEqual([]);
    // 市财政局 shares the task and sees the order in its history, but it is not addressed to it.
    const finance = await as("finance");
    const onTask = (await finance.get(`/api/tasks/${taskId}/supervision`)).json().items;
    expect(onTask.map((o: { id: string }) => o.id)).toEqual([onTimeId]);
    expect((await finance.post(`/api/supervision/${onTimeId}/respond`, { response: "x" })).statusCode).toBe(
      403,
    );
    const leader = await as("hrss_leader");
    expect((await leader.post(`/api/supervision/${onTimeId}/respond`, { response: "x" })).statusCode).toBe(
      403,
    );

    t.clock.advance(2 * DAY); // 2026-12-03
    const hrss = await as("hrss");
    const res = await hrss.post(`/api/supervision/${onTimeId}/respond`, {
      response: "场地已落实，12月15日举办。",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: "answered",
      late: false,
      light: "green",
      respondedBy: { name: "李晓梅" },
    });
    const again = await hrss.post(`/api/supervision/${onTimeId}/respond`, { response: "再次反馈" });
    expect(again.statusCode).toBe(409);
    const office = await as("office");
    const inbox = (await office.get("/api/notifications"))
      .json()
      .items.map((n: { title: string }) => n.title);
    expect(inbox).toContain("督办单已反馈");
  });

  it("an order near its deadline turns the task yellow at once; overdue and unanswered, red", async () => {
    const office = await as("office");
    const res = await office.post(`/api/tasks/${taskId}/supervision`, {
      orgId: hrssOrg,
      content: "请说明招聘会推迟原因",
      dueDate: "2026-12-05",
    });
    lateId = res.json().id;
    expect(res.json().light).toBe("yellow");
    expect((await office.get(`/api/tasks/${taskId}`)).json()).toMatchObject({
      light: "yellow",
      lightReasons: [{ kind: "supervision", id: lateId, dueDate: "2026-12-05", light: "yellow" }],
    });

    t.clock.advance(3 * DAY); // 2026-12-06: overdue
    await refreshTaskLights.handler({}, ctx);
    const hrss = await as("hrss");
    const task = (await hrss.get(`/api/tasks/${taskId}`)).json();
    expect(task).toMatchObject({
      light: "red",
      lightReasons: [{ kind: "supervision", id: lateId, light: "red" }],
    });
    const order = (await hrss.get("/api/supervision?status=open")).json().items[0];
    expect(order).toMatchObject({ id: lateId, light: "red", status: "open" });
    const titles = (await hrss.get("/api/notifications")).json().items.map((n: { title: string }) => n.title);
    expect(titles).toContain("任务逾期（红灯）：举办高校毕业生招聘会");
    // The office's supervision board lists only what it asks for.
    const boardOpen = (await (await as("office")).get("/api/supervision?status=open")).json().items;
    expect(boardOpen.map((o: { id: string }) => o.id)).toEqual([lateId]);
  });

  it("a late answer is recorded as late and stays red; the task light clears", async () => {
    const hrss = await as("hrss");
    const res = await hrss.post(`/api/supervision/${lateId}/respond`, {
      response: "因场地调整推迟，已重新安排。",
    });
    expect(res.json()).toMatchObject({ status: "answered", late: true, light: "red" });
    expect((await hrss.get(`/api/tasks/${taskId}`)).json().light).toBe("green");
    const office = await as("office");
    const inbox = (await office.get("/api/notifications"))
      .json()
      .items.map((n: { title: string }) => n.title);
    expect(inbox).toContain("督办单已反馈（逾期）");
  });

  it("the whole exchange is in the task's history and the audit trail", async () => {
    const office = await as("office");
    const events = (await office.get(`/api/tasks/${taskId}/events?limit=100`)).json().items as {
      kind: string;
      detail: { orderId?: string; late?: boolean };
    }[];
    const supervision = events.filter((e) => e.kind.startsWith("supervision."));
    expect(supervision.map((e) => e.kind)).toEqual([
      "supervision.responded",
      "supervision.issued",
      "supervision.responded",
      "supervision.issued",
    ]);
    expect(supervision[0]?.detail).toMatchObject({ orderId: lateId, late: true });
    expect(supervision[2]?.detail).toMatchObject({ orderId: onTimeId, late: false });
    const audit = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select(["action", "object_id"])
      .where("object_type", "=", "supervision_order")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      "supervision.issue",
      "supervision.issue",
      "supervision.respond",
      "supervision.respond",
    ]);
    // An order on a task the officer cannot see answers 404, like a missing one.
    const other = await office.post(`/api/tasks/${otherTaskId}/supervision`, {
      orgId: await t.orgId("市科技局"),
      content: "请报送平台建设进展",
      dueDate: "2026-12-31",
    });
    expect(other.statusCode).toBe(201);
    const hrss = await as("hrss");
    expect(
      (await hrss.post(`/api/supervision/${other.json().id}/respond`, { response: "x" })).statusCode,
    ).toBe(404);
  });
});
