// Issue 14 item 5: every unit the demo policy names as lead or responsible can act — it has an
// officer who signs in and finds the unit's tasks — and the payment batch has a second approver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS, seedDemoPolicy, unitOfficerName } from "../../src/server/demo/demo.js";
import { createTestApp, type TestApp } from "../harness/app.js";

let t: TestApp;
let officers = 0;

beforeAll(async () => {
  t = await createTestApp();
  officers = (await seedDemoPolicy(t.rt.deps.database, t.rt.services)).officers;
});
afterAll(async () => {
  await t?.close();
});

describe("demo units", () => {
  it("gives every unit named on a task an officer", async () => {
    const db = t.rt.deps.database.db;
    const units = await db.selectFrom("task_units").select("org_id").distinct().execute();
    // The seed names ~40 units; the four hand-made departments cover only a few of them.
    expect(units.length).toBeGreaterThan(25);
    expect(officers).toBeGreaterThan(20);
    const staffed = await db
      .selectFrom("user_roles")
      .select("org_id")
      .where("role", "=", "officer")
      .distinct()
      .execute();
    const withOfficer = new Set(staffed.map((r) => r.org_id));
    expect(units.filter((u) => !withOfficer.has(u.org_id))).toEqual([]);
  });

  it("each generated officer signs in and sees the unit's own tasks", async () => {
    expect(officers).toBeGreaterThan(0);
    for (const n of [1, Math.ceil(officers / 2), officers]) {
      const client = await t.login(unitOfficerName(n));
      const me = await client.get("/api/auth/me");
      expect(me.statusCode).toBe(200);
      const orgId = me.json().org.id as string;
      expect(me.json().displayName).toMatch(/经办人$/);
      const tasks = await client.get(`/api/tasks?orgId=${orgId}`);
      expect(tasks.statusCode).toBe(200);
      expect(tasks.json().items.length).toBeGreaterThan(0);
    }
  });

  it("the demo's tasks have deadlines from the office's decision, so the lights show a mix", async () => {
    const tasks = await t.rt.deps.database.db
      .selectFrom("tasks")
      .select(["id", "due", "due_source", "light"])
      .execute();
    expect(tasks.length).toBe(23);
    for (const task of tasks) {
      expect(task.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(task.due_source).toBe("office");
    }
    const lights = new Set(tasks.map((task) => task.light));
    expect([...lights].sort()).toEqual(["green", "red", "yellow"]);
    const office = await t.login("office");
    const stats = (await office.get("/api/tasks/stats")).json();
    expect(stats.byLight.red).toBeGreaterThan(0);
    expect(stats.byLight.yellow).toBeGreaterThan(0);
    expect(stats.byLight.green).toBeGreaterThan(stats.byLight.red);
  });

  it("seeding again adds no second officer", async () => {
    const before = await t.rt.deps.database.db.selectFrom("users").select("id").execute();
    const again = await seedDemoPolicy(t.rt.deps.database, t.rt.services).catch(() => null);
    // A second import of the same document may be refused; either way no unit gets a second officer.
    if (again) expect(again.officers).toBe(0);
    const after = await t.rt.deps.database.db.selectFrom("users").select("id").execute();
    expect(after.length).toBe(before.length);
  });

  it("the free-trade zone and the coastal base have officers, and finance has two approvers", () => {
    const orgs = DEMO_USERS.map((u) => `${u.org}:${u.role}`);
    expect(orgs).toContain("ftz:officer");
    expect(orgs).toContain("coast:officer");
    expect(DEMO_USERS.filter((u) => u.org === "finance").length).toBe(2);
  });
});
