// Audit retention (issue 12 item 5): records are kept at least 183 days; only the auditor sets the
// period and never below that; a job purges older rows behind a signed checkpoint, writes its own
// audit row, and the chain still verifies — while deleting any other row or cutting the tail is
// still found.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_DEFINITIONS } from "../../src/server/jobs/index.js";
import { SYSTEM } from "../../src/server/lib/context.js";
import { MIN_RETENTION_DAYS } from "../../src/server/modules/audit/audit.service.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { testDbKind } from "../harness/test-database.js";

const DAY = 86_400_000;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ start: "2026-01-05T02:00:00.000Z" });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;
const minSeq = async () =>
  Number(
    (
      await db()
        .selectFrom("audit_log")
        .select((eb) => eb.fn.min<number | string>("seq").as("s"))
        .executeTakeFirstOrThrow()
    ).s,
  );

describe("the retention period", () => {
  it("is 183 days by default and read by the auditor only", async () => {
    const auditor = await t.login("auditor");
    const res = await auditor.get("/api/audit/retention");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ days: 183, minimumDays: 183 });
    expect(MIN_RETENTION_DAYS).toBe(183);
    for (const who of ["sysadmin", "secadmin", "office"]) {
      const other = await t.login(who);
      expect((await other.get("/api/audit/retention")).statusCode).toBe(403);
    }
  });

  it("is changed only by the auditor, never below 183 days, and the change is audited", async () => {
    for (const who of ["sysadmin", "secadmin", "office", "hrss"]) {
      const other = await t.login(who);
      const res = await other.put("/api/audit/retention", { days: 400 });
      expect(res.statusCode).toBe(403);
    }
    const auditor = await t.login("auditor");
    const short = await auditor.put("/api/audit/retention", { days: 182 });
    expect(short.statusCode).toBe(422);
    expect(short.headers["content-type"]).toContain("application/problem+json");
    expect(short.json().code).toBe("AUDIT_RETENTION_TOO_SHORT");
    expect(short.json().message.zh).toMatch(/183 天/);
    expect(short.json().message.en).toMatch(/183 days/);
    expect((await auditor.put("/api/audit/retention", { days: -5 })).statusCode).toBe(422);
    expect((await auditor.put("/api/audit/retention", { days: 200.5 })).statusCode).toBe(400);
    expect((await auditor.put("/api/audit/retention", { days: 200, extra: 1 })).statusCode).toBe(400);

    const raised = await auditor.put("/api/audit/retention", { days: 365 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({ days: 365 });
    const set = await auditor.put("/api/audit/retention", { days: 200 });
    expect(set.json()).toMatchObject({ days: 200 });
    expect((await auditor.get("/api/audit/retention")).json().days).toBe(200);
    const rows = await db()
      .selectFrom("audit_log")
      .select(["actor_name", "detail"])
      .where("action", "=", "audit.retention.update")
      .orderBy("seq")
      .execute();
    expect(rows.map((r) => r.actor_name)).toEqual(["auditor", "auditor"]);
    expect(JSON.parse(rows[1]!.detail!)).toEqual({ before: 365, after: 200 });
  });
});

describe("the purge job", () => {
  it("is one of the job definitions, scheduled", () => {
    const job = JOB_DEFINITIONS.find((j) => j.id === "audit.purge");
    expect(job?.cron).toBeTruthy();
  });

  it("purges nothing younger than the retention period, and records that it ran", async () => {
    t.clock.advance(100 * DAY);
    const before = await minSeq();
    const outcome = await t.rt.services.audit.purgeExpired(SYSTEM);
    expect(outcome).toMatchObject({ purgedRows: 0, retentionDays: 200 });
    expect(await minSeq()).toBe(before);
    const purge = await db()
      .selectFrom("audit_log")
      .select(["detail", "actor_name"])
      .where("action", "=", "audit.purge")
      .execute();
    expect(purge).toHaveLength(1);
  });

  it("purges rows older than the retention period behind a checkpoint; verify still passes", async () => {
    // Rows written at day 100 must survive a purge at day 250 (cutoff: day 50).
    const sysadmin = await t.login("sysadmin");
    expect((await sysadmin.post("/api/orgs", { name: "保存期内机构", kind: "agency" })).statusCode).toBe(201);
    const young = await db()
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "orgs.create")
      .where("object_type", "=", "organisation")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    const youngSeq =
      young?.seq ??
      (
        await db()
          .selectFrom("audit_log")
          .select("seq")
          .where("actor_name", "=", "sysadmin")
          .orderBy("seq", "desc")
          .limit(1)
          .executeTakeFirstOrThrow()
      ).seq;
    const oldRows = await db().selectFrom("audit_log").select("seq").where("at", "<", "2026-02-01").execute();
    expect(oldRows.length).toBeGreaterThan(10);

    t.clock.advance(150 * DAY);
    const outcome = await t.rt.services.audit.purgeExpired(SYSTEM);
    expect(outcome.purgedRows).toBeGreaterThanOrEqual(oldRows.length);
    expect(outcome.throughSeq).toBeLessThan(youngSeq);
    expect(await minSeq()).toBe(outcome.throughSeq + 1);
    const left = await db().selectFrom("audit_log").select("seq").where("at", "<", outcome.cutoff).execute();
    expect(left).toEqual([]);
    expect(
      await db().selectFrom("audit_log").select("seq").where("seq", "=", youngSeq).executeTakeFirst(),
    ).toBeTruthy();

    const checkpoint = await db().selectFrom("audit_checkpoints").selectAll().executeTakeFirstOrThrow();
    expect(Number(checkpoint.through_seq)).toBe(outcome.throughSeq);
    expect(checkpoint.signature).toMatch(/^[0-9a-f]{64}$/);

    // The purge wrote its own row, which names what it removed.
    const purges = await db()
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "audit.purge")
      .orderBy("seq", "desc")
      .execute();
    expect(JSON.parse(purges[0]!.detail!)).toMatchObject({
      throughSeq: outcome.throughSeq,
      purgedRows: outcome.purgedRows,
      retentionDays: 200,
    });

    const auditor = await t.login("auditor");
    const verdict = (await auditor.post("/api/audit/verify")).json();
    expect(verdict).toMatchObject({ ok: true, firstBroken: null });
    expect(verdict.checked).toBeGreaterThan(0);

    // A second purge the same day finds nothing more and leaves the chain verifiable.
    expect((await t.rt.services.audit.purgeExpired(SYSTEM)).purgedRows).toBe(0);
    expect((await t.rt.services.audit.verifyChain()).ok).toBe(true);
  });

  it("`rencai audit verify` passes after the purge", async () => {
    if (testDbKind() !== "sqlite") return; // same code on PostgreSQL; one CLI run is enough
    const run = promisify(execFile);
    const { stdout } = await run("npx", ["tsx", "src/server/main.ts", "audit", "verify"], {
      env: {
        ...process.env,
        DATABASE_URL: t.rt.config.databaseUrl,
        DATA_DIR: t.rt.config.dataDir,
        LOG_LEVEL: "silent",
      },
    });
    expect(stdout).toMatch(/audit chain intact: \d+ rows verified/);
  }, 120_000);

  it("still refuses deleting or editing a row no checkpoint covers, and checkpoints themselves", async () => {
    const first = await minSeq();
    await expect(sql`delete from audit_log where seq = ${first}`.execute(db())).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`update audit_log set actor_name = 'x' where seq = ${first}`.execute(db()),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_checkpoints`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`update audit_checkpoints set last_hash = 'x'`.execute(db())).rejects.toThrow(
      /append-only/,
    );
  });

  it("finds a forged checkpoint that hides deleted rows", async () => {
    const first = await minSeq();
    // Someone with database rights writes a checkpoint to cover rows they want gone.
    const row = await db()
      .selectFrom("audit_log")
      .select(["seq", "hash"])
      .where("seq", "=", first + 2)
      .executeTakeFirstOrThrow();
    await db()
      .insertInto("audit_checkpoints")
      .values({
        through_seq: row.seq,
        last_hash: row.hash,
        purged_rows: 3,
        cutoff: new Date().toISOString(),
        at: new Date().toISOString(),
        alg: "hmac-sha256",
        signature: "ab".repeat(32),
      })
      .execute();
    await sql`delete from audit_log where seq <= ${row.seq}`.execute(db());
    const verdict = await t.rt.services.audit.verifyChain();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken?.reason).toMatch(/checkpoint's signature/);
  });
});

describe("tail truncation after a purge", () => {
  it("is still found against the last anchor", async () => {
    const fresh = await createTestApp({ start: "2026-01-05T02:00:00.000Z" });
    try {
      const d = fresh.rt.deps.database.db;
      fresh.clock.advance(200 * DAY);
      const sysadmin = await fresh.login("sysadmin");
      for (let i = 0; i < 3; i++)
        expect((await sysadmin.post("/api/orgs", { name: `截断测试${i}`, kind: "agency" })).statusCode).toBe(
          201,
        );
      const outcome = await fresh.rt.services.audit.purgeExpired(SYSTEM);
      expect(outcome.purgedRows).toBeGreaterThan(10);
      const anchor = await fresh.rt.services.audit.anchor(SYSTEM);
      expect((await fresh.rt.services.audit.verifyChain()).ok).toBe(true);

      if (fresh.rt.deps.database.dialect === "sqlite") await sql`drop trigger audit_log_no_delete`.execute(d);
      else await sql`drop trigger audit_log_no_change on audit_log`.execute(d);
      await sql`delete from audit_log where seq >= ${anchor.seq - 1}`.execute(d);
      const verdict = await fresh.rt.services.audit.verifyChain();
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBroken?.seq).toBe(anchor.seq - 1);
      expect(verdict.firstBroken?.reason).toMatch(/anchor/);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
