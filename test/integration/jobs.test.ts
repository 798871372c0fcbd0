import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDatabaseJobProvider } from "../../src/server/jobs/db-provider.js";
import { verifyAuditNightly } from "../../src/server/jobs/definitions/audit-verify.js";
import { purgeSessions } from "../../src/server/jobs/definitions/sessions-purge.js";
import { makePgBossJobProvider } from "../../src/server/jobs/pgboss-provider.js";
import { defineJob, type JobContext } from "../../src/server/jobs/types.js";
import { createTestApp, type TestApp } from "../harness/app.js";

let t: TestApp;
let ctx: JobContext;
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const ran: string[] = [];

const recordJob = defineJob({
  id: "test.record",
  payload: Type.Object({ note: Type.String() }),
  async handler(payload) {
    ran.push(payload.note);
  },
});
let failures = 0;
const flakyJob = defineJob({
  id: "test.flaky",
  payload: Type.Object({}),
  maxAttempts: 3,
  async handler() {
    failures += 1;
    throw new Error("downstream unavailable");
  },
});
const cronJob = defineJob({
  id: "test.cron",
  payload: Type.Object({}),
  cron: "0 * * * *",
  async handler() {
    ran.push("cron");
  },
});

beforeAll(async () => {
  t = await createTestApp({ start: "2026-03-02T01:10:00.000Z" });
  ctx = { deps: t.rt.deps, services: t.rt.services, config: t.rt.config, log: silent };
});
afterAll(async () => {
  await t?.close();
});

const jobRow = (id: string) =>
  t.rt.deps.database.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("database job provider", () => {
  it("runs a queued job once, and validates payloads on the way in", async () => {
    const provider = makeDatabaseJobProvider(ctx, [recordJob], 1000);
    await provider.start({ work: false });
    const id = await provider.enqueue("test.record", { note: "hello" });
    await expect(provider.enqueue("test.record", { wrong: 1 })).rejects.toThrow(/schema/);
    expect(await provider.runDue()).toBe(1);
    expect(await provider.runDue()).toBe(0);
    expect(ran).toContain("hello");
    expect(await jobRow(id)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("retries a failing job with backoff, then marks it failed", async () => {
    const provider = makeDatabaseJobProvider(ctx, [flakyJob], 1000);
    const id = await provider.enqueue("test.flaky", {});
    await provider.runDue();
    expect(await jobRow(id)).toMatchObject({
      status: "queued",
      attempts: 1,
      last_error: "downstream unavailable",
    });
    expect(await provider.runDue()).toBe(0); // backing off
    t.clock.advance(31_000);
    await provider.runDue();
    t.clock.advance(61_000);
    await provider.runDue();
    expect(await jobRow(id)).toMatchObject({ status: "failed", attempts: 3 });
    expect(failures).toBe(3);
  });

  it("survives a restart: a job queued by one process runs in the next; a crashed run is retried", async () => {
    const before = makeDatabaseJobProvider(ctx, [recordJob], 1000);
    const id = await before.enqueue("test.record", { note: "after-restart" });
    await before.stop();
    const after = makeDatabaseJobProvider(ctx, [recordJob], 1000);
    await after.runDue();
    expect(ran).toContain("after-restart");
    expect((await jobRow(id)).status).toBe("done");

    const crashedId = await after.enqueue("test.record", { note: "crashed" });
    await t.rt.deps.database.db
      .updateTable("jobs")
      .set({
        status: "running",
        locked_by: "dead-process",
        locked_until: new Date(t.clock.now().getTime() - 1000).toISOString(),
        attempts: 1,
      })
      .where("id", "=", crashedId)
      .execute();
    await after.runDue();
    expect(await jobRow(crashedId)).toMatchObject({ status: "done", attempts: 2 });
  });

  it("fires a cron schedule once per slot even with two processes polling", async () => {
    const a = makeDatabaseJobProvider(ctx, [cronJob], 1000);
    const b = makeDatabaseJobProvider(ctx, [cronJob], 1000);
    await a.start({ work: false });
    await b.start({ work: false });
    const count = () => ran.filter((r) => r === "cron").length;
    await Promise.all([a.runDue(), b.runDue()]);
    expect(count()).toBe(0);
    t.clock.advance(60 * 60_000);
    await Promise.all([a.runDue(), b.runDue()]);
    await Promise.all([a.runDue(), b.runDue()]);
    expect(count()).toBe(1);
    const schedule = await t.rt.deps.database.db
      .selectFrom("job_schedules")
      .selectAll()
      .where("name", "=", "test.cron")
      .executeTakeFirstOrThrow();
    expect(new Date(schedule.next_run_at).getTime()).toBeGreaterThan(t.clock.now().getTime());
  });
});

describe("platform jobs", () => {
  it("sessions.purge removes expired and idle sessions only", async () => {
    const live = await t.login("office");
    await t.login("hrss");
    t.clock.advance(40 * 60_000);
    await live.get("/api/auth/me"); // 40 min idle: already dead; the guard deletes it
    const fresh = await t.login("auditor");
    await purgeSessions.handler({}, ctx);
    const rows = await t.rt.deps.database.db.selectFrom("sessions").select("user_id").execute();
    expect(rows.map((r) => r.user_id)).toEqual([await t.userId("auditor")]);
    expect((await fresh.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("audit.verify tells every auditor when the chain is broken", async () => {
    await verifyAuditNightly.handler({}, ctx);
    const db = t.rt.deps.database.db;
    const auditorId = await t.userId("auditor");
    const unread = async () =>
      (await db.selectFrom("notifications").select("title").where("user_id", "=", auditorId).execute()).map(
        (n) => n.title,
      );
    expect(await unread()).not.toContain("审计日志校验失败");
    if (t.rt.deps.database.dialect === "sqlite") await sql`drop trigger audit_log_no_update`.execute(db);
    else await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
    await sql`update audit_log set actor_name = 'tampered' where seq = 2`.execute(db);
    await verifyAuditNightly.handler({}, ctx);
    expect(await unread()).toContain("审计日志校验失败");
  });
});

describe("pg-boss provider", () => {
  it("queues and runs jobs on PostgreSQL", async () => {
    if (t.rt.deps.database.dialect !== "postgres") return;
    const provider = makePgBossJobProvider(ctx, [recordJob], t.rt.config.databaseUrl, 100);
    await provider.start({ work: true });
    try {
      await provider.enqueue("test.record", { note: "via-pg-boss" });
      const deadline = Date.now() + 15_000;
      while (!ran.includes("via-pg-boss") && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(ran).toContain("via-pg-boss");
    } finally {
      await provider.stop();
    }
  }, 30_000);
});
