import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshTaskLights } from "../../src/server/jobs/definitions/tasks-lights.js";
import { JOB_DEFINITIONS } from "../../src/server/jobs/index.js";
import type { JobContext } from "../../src/server/jobs/types.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { importTasks } from "../harness/policy.js";

const DAY = 86_400_000;
let t: TestApp;
let ctx: JobContext;
let taskId: string;
let dueTaskId: string;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  // 2026-12-01 10:00 in China.
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  ctx = { deps: t.rt.deps, services: t.rt.services, config: t.rt.config, log: silent };
  const imported = await importTasks(t, "营口市人才工作要点", [
    { title: "建设人才驿站", lead: ["市人社局"], responsible: ["市科技局"] },
    { title: "兑现人才奖励资金", lead: ["市财政局"], due: "2026年12月20日" },
  ]);
  [taskId, dueTaskId] = imported.taskIds as [string, string];
});
afterAll(async () => {
  await t?.close();
});

/** A fresh session: sessions expire as the test clock jumps ahead. */
const as = (username: string): Promise<TestClient> => t.login(username);
const runJob = () => refreshTaskLights.handler({}, ctx);

async function inbox(username: string): Promise<string[]> {
  const userId = await t.userId(username);
  const rows = await t.rt.deps.database.db
    .selectFrom("notifications")
    .select("title")
    .where("user_id", "=", userId)
    .where("kind", "=", "task")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.title);
}

describe("traffic lights", () => {
  let milestoneId: string;

  it("is scheduled hourly as a job", () => {
    expect(JOB_DEFINITIONS).toContain(refreshTaskLights);
    expect(refreshTaskLights.cron).toBe("5 * * * *");
  });

  it("green while every deadline is more than three days away", async () => {
    const hrss = await as("hrss");
    const res = await hrss.post(`/api/tasks/${taskId}/milestones`, {
      title: "选址挂牌",
      dueDate: "2026-12-10",
    });
    expect(res.statusCode).toBe(201);
    milestoneId = res.json().milestones[0].id;
    expect(res.json()).toMatchObject({ light: "green", lightReasons: [] });
    await runJob();
    expect((await hrss.get(`/api/tasks/${taskId}`)).json().light).toBe("green");
    expect(await inbox("hrss")).toEqual([]);
  });

  it("yellow within three days of a due date, with one reminder to the lead unit's officers", async () => {
    t.clock.advance(6 * DAY); // 2026-12-07: three days left
    await runJob();
    const hrss = await as("hrss");
    const task = (await hrss.get(`/api/tasks/${taskId}`)).json();
    expect(task.light).toBe("yellow");
    expect(task.lightReasons).toEqual([
      { kind: "milestone", id: milestoneId, title: "选址挂牌", dueDate: "2026-12-10", light: "yellow" },
    ]);
    expect(task.milestones[0].light).toBe("yellow");
    // The list shows the stored light without recomputing it.
    const list = (await hrss.get("/api/tasks?light=yellow")).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([taskId]);
    expect(await inbox("hrss")).toEqual(["任务预警（黄灯）：建设人才驿站"]);
    // 市科技局 only shares the task: its officer is not reminded of the lead's milestone.
    expect(await inbox("science")).toEqual([]);
    t.clock.advance(3600_000);
    await runJob();
    expect(await inbox("hrss")).toHaveLength(1);
  });

  it("red once overdue, reminded once more, and back to green when the milestone is done", async () => {
    t.clock.advance(4 * DAY); // 2026-12-11
    await runJob();
    await runJob();
    const hrss = await as("hrss");
    const task = (await hrss.get(`/api/tasks/${taskId}`)).json();
    expect(task.light).toBe("red");
    expect(await inbox("hrss")).toEqual(["任务预警（黄灯）：建设人才驿站", "任务逾期（红灯）：建设人才驿站"]);
    const done = await hrss.patch(`/api/tasks/${taskId}/milestones/${milestoneId}`, { done: true });
    expect(done.json()).toMatchObject({ light: "green", lightReasons: [] });
    expect(done.json().milestones[0]).toMatchObject({ onTime: false, light: "green" });
    const history = (await hrss.get(`/api/tasks/${taskId}/events?limit=100`)).json().items as {
      kind: string;
      actor: unknown;
      detail: { from?: string; to?: string };
    }[];
    const changes = history
      .filter((e) => e.kind === "light.changed")
      .map((e) => `${e.detail.from}→${e.detail.to}`);
    expect(changes).toEqual(["red→green", "yellow→red", "green→yellow"]);
    expect(history.find((e) => e.kind === "light.changed" && e.detail.to === "red")?.actor).toBeNull();
  });

  it("a measure's own time limit counts too", async () => {
    const finance = await as("finance");
    const task = (await finance.get(`/api/tasks/${dueTaskId}`)).json();
    expect(task.due).toBe("2026-12-20");
    expect(task.light).toBe("green");
    t.clock.advance(7 * DAY); // 2026-12-18
    await runJob();
    const later = (await (await as("finance")).get(`/api/tasks/${dueTaskId}`)).json();
    expect(later).toMatchObject({ light: "yellow", lightReasons: [{ kind: "task", dueDate: "2026-12-20" }] });
    expect(await inbox("finance")).toEqual(["任务预警（黄灯）：兑现人才奖励资金"]);
  });

  it("every light change made by the job is audited", async () => {
    const rows = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "tasks.lights.refresh")
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.actor_name === "system")).toBe(true);
  });
});
