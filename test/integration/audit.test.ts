import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/modules/audit/audit.repo.js";
import { createTestApp, type TestApp } from "../harness/app.js";
import { testDbKind } from "../harness/test-database.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;

/** What an attacker with database rights would do first: switch the append-only triggers off. */
async function dropAppendOnlyTriggers() {
  if (t.rt.deps.database.dialect === "sqlite") {
    await sql`drop trigger audit_log_no_update`.execute(db());
    await sql`drop trigger audit_log_no_delete`.execute(db());
  } else {
    await sql`drop trigger audit_log_no_change on audit_log`.execute(db());
  }
}

describe("audit trail", () => {
  it("records every state change in the same transaction, chained", async () => {
    const admin = await t.login("sysadmin");
    const before = await db()
      .selectFrom("audit_log")
      .select("seq")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const res = await admin.post("/api/orgs", {
      name: "营口市大数据中心",
      kind: "party_gov",
      regionCode: "210800",
    });
    expect(res.statusCode).toBe(201);
    const rows = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", before.seq)
      .orderBy("seq")
      .execute();
    const create = rows.find((r) => r.action === "orgs.create");
    expect(create).toMatchObject({
      object_id: res.json().id,
      result: "ok",
      actor_name: "sysadmin",
      ip: "127.0.0.1",
    });
    expect(create?.request_id).toBe(res.headers["x-request-id"]);
  });

  it("a change that fails leaves neither the change nor its audit row (one transaction)", async () => {
    const admin = await t.login("sysadmin");
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const orgs = async () =>
      Number(
        (
          await db()
            .selectFrom("organisations")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const [a0, o0] = [await count(), await orgs()];
    // Same USCC as the demo employer: the unique constraint fails inside the transaction.
    const res = await admin.post("/api/orgs", {
      name: "重复信用代码公司",
      kind: "employer",
      uscc: "91210804MA0YK8C134",
    });
    expect(res.statusCode).toBe(409);
    expect(await orgs()).toBe(o0);
    // No orgs.create row: only the refusal itself (409s are recorded as denials).
    expect(await count()).toBe(a0 + 1);
    const last = await db()
      .selectFrom("audit_log")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: "authz.denied", result: "denied" });
  });

  it("the database refuses UPDATE and DELETE on the audit table", async () => {
    await expect(sql`update audit_log set action = 'x' where seq = 1`.execute(db())).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_log where seq = 1`.execute(db())).rejects.toThrow(/append-only/);
  });

  it("stays a valid chain under parallel writers", async () => {
    const admin = await t.login("sysadmin");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => admin.post("/api/orgs", { name: `并发机构${i}`, kind: "agency" })),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const verdict = await verifyAuditChain(db(), { chain: t.rt.services.audit.chain });
    expect(verdict).toMatchObject({ ok: true, firstBroken: null });
  });

  it("the auditor lists the trail newest first with keyset paging", async () => {
    const auditor = await t.login("auditor");
    const first = await auditor.get("/api/audit?limit=5");
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(5);
    const seqs = page1.items.map((r: { seq: number }) => r.seq);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);
    const second = (await auditor.get(`/api/audit?limit=5&cursor=${page1.nextCursor}`)).json();
    expect(second.items[0].seq).toBeLessThan(seqs[4]);
    const filtered = (await auditor.get("/api/audit?action=orgs.create&limit=200")).json();
    expect(filtered.items.every((r: { action: string }) => r.action === "orgs.create")).toBe(true);
    expect((await auditor.get("/api/audit?cursor=garbage")).statusCode).toBe(400);
  });

  it("verify finds an edited row and names it", async () => {
    const auditor = await t.login("auditor");
    expect((await auditor.post("/api/audit/verify")).json()).toMatchObject({ ok: true });
    const target = await db()
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "orgs.create")
      .orderBy("seq")
      .limit(1)
      .executeTakeFirstOrThrow();
    await dropAppendOnlyTriggers();
    await sql`update audit_log set actor_name = 'someone-else' where seq = ${target.seq}`.execute(db());
    const verdict = (await auditor.post("/api/audit/verify")).json();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken.seq).toBe(target.seq);
    expect(verdict.firstBroken.reason).toMatch(/hash/);
  });

  it("verify finds a deleted row", async () => {
    const fresh = await createTestApp();
    try {
      const d = fresh.rt.deps.database.db;
      if (fresh.rt.deps.database.dialect === "sqlite") await sql`drop trigger audit_log_no_delete`.execute(d);
      else await sql`drop trigger audit_log_no_change on audit_log`.execute(d);
      await sql`delete from audit_log where seq = 3`.execute(d);
      const verdict = await verifyAuditChain(d, { chain: fresh.rt.services.audit.chain });
      expect(verdict).toMatchObject({ ok: false, checked: 2, firstBroken: { seq: 3 } });
    } finally {
      await fresh.close();
    }
  });

  it("`rencai audit verify` exits 1 and prints the first broken row", async () => {
    if (testDbKind() !== "sqlite") return; // the CLI's database handling is the same code; one run is enough
    const url = t.rt.config.databaseUrl;
    const run = promisify(execFile);
    const result = await run("npx", ["tsx", "src/server/main.ts", "audit", "verify"], {
      env: { ...process.env, DATABASE_URL: url },
    }).catch((e: { code: number; stdout: string }) => e);
    expect("code" in result ? result.code : 0).toBe(1);
    expect(result.stdout).toMatch(/BROKEN at row \d+/);
  }, 60_000);
});
