// The audit chain is keyed (HMAC with AUDIT_KEY, outside the database) and its head is anchored in
// a signed file under DATA_DIR, so deleting the newest rows — which leaves a valid, shorter chain —
// is found by verify; 404 probes and refused transitions (409) are recorded as denials.
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM } from "../../src/server/lib/context.js";
import { verifyAuditChain } from "../../src/server/modules/audit/audit.repo.js";
import { makeAuditChain } from "../../src/server/modules/audit/chain.js";
import { createTestApp, type TestApp } from "../harness/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;
const dropTriggers = async () => {
  if (t.rt.deps.database.dialect === "sqlite") {
    await sql`drop trigger if exists audit_log_no_delete`.execute(db());
    await sql`drop trigger if exists audit_log_no_update`.execute(db());
  } else await sql`drop trigger if exists audit_log_no_change on audit_log`.execute(db());
};

describe("keyed audit chain", () => {
  it("hashes rows with HMAC under AUDIT_KEY: another key does not verify them", async () => {
    const chain = t.rt.services.audit.chain;
    expect(chain.alg).toBe("hmac-sha256");
    expect(await verifyAuditChain(db(), { chain })).toMatchObject({ ok: true });
    const other = makeAuditChain(Buffer.alloc(32, 7), "hmac-sha256");
    const verdict = await verifyAuditChain(db(), { chain: other });
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken?.reason).toMatch(/hash/);
  });

  it("offers SM3 when node:crypto has it", () => {
    const sm3 = makeAuditChain(Buffer.alloc(32, 1), "hmac-sm3");
    expect(sm3.alg).toBe("hmac-sm3");
  });
});

describe("denials beyond 403", () => {
  it("records a 404 probe of another unit's object and a refused 409 as denied", async () => {
    const office = await t.login("office");
    const fundId =
      (await office.get("/api/funds")).json().items?.[0]?.id ??
      (await office.get("/api/funds")).json()[0]?.id;
    expect(fundId).toBeTruthy();
    const hrss = await t.login("hrss");
    expect((await hrss.get(`/api/funds/${fundId}`)).statusCode).toBe(404);
    const admin = await t.login("sysadmin");
    expect((await admin.post("/api/orgs", { name: "重复探测机构", kind: "agency" })).statusCode).toBe(201);
    expect((await admin.post("/api/orgs", { name: "重复探测机构", kind: "agency" })).statusCode).toBe(409);
    const denied = await db()
      .selectFrom("audit_log")
      .select(["actor_name", "detail"])
      .where("result", "=", "denied")
      .execute();
    const probe = denied.find((r) => r.actor_name === "hrss" && r.detail?.includes(`/api/funds/`));
    expect(probe?.detail).toContain('"status":404');
    const conflict = denied.find((r) => r.actor_name === "sysadmin" && r.detail?.includes('"status":409'));
    expect(conflict?.detail).toContain("/api/orgs");
  });
});

describe("anchors outside the database", () => {
  it("writes a signed 0600 checkpoint; verify finds deleted tail rows against it", async () => {
    const anchor = await t.rt.services.audit.anchor(SYSTEM);
    expect(anchor.seq).toBeGreaterThan(5);
    const file = join(t.rt.config.dataDir, "audit", "anchor.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(t.rt.config.dataDir, "audit"))).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(await readFile(file, "utf8"));
    expect(saved).toMatchObject({ seq: anchor.seq, hash: anchor.hash });
    expect(saved.signature).toMatch(/^[0-9a-f]{64}$/);

    const auditor = await t.login("auditor");
    expect((await auditor.post("/api/audit/verify")).json()).toMatchObject({ ok: true });

    // Delete the newest rows up to and including the anchored one: the rest is a valid chain.
    await dropTriggers();
    const cut = anchor.seq - 2;
    await sql`delete from audit_log where seq >= ${cut}`.execute(db());
    const verdict = await verifyAuditChain(db(), { chain: t.rt.services.audit.chain, anchor: saved });
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken).toMatchObject({ seq: cut });
    expect(verdict.firstBroken?.reason).toMatch(/anchor/);
    const viaApi = (await auditor.post("/api/audit/verify")).json();
    expect(viaApi.ok).toBe(false);
    expect(viaApi.firstBroken.reason).toMatch(/anchor/);
  });

  it("refuses an anchor file whose signature does not match", async () => {
    const file = join(t.rt.config.dataDir, "audit", "anchor.json");
    const saved = JSON.parse(await readFile(file, "utf8"));
    await writeFile(file, JSON.stringify({ ...saved, seq: 1 }));
    const verdict = await t.rt.services.audit.verifyChain();
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken?.reason).toMatch(/signature/);
  });
});
