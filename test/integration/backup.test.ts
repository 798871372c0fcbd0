// `rencai backup` and `rencai restore` (issue 12 item 10): an online backup taken while the API keeps
// writing, restored into a fresh data folder, passes integrity, ledger reconciliation and the audit
// chain; every write acknowledged before the backup began is in it; a damaged backup is caught.
import { execFile, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/db/connect.js";
import { createBackup } from "../../src/server/modules/backup/backup.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { uploadedId } from "../harness/files.js";
import { fundWithLine, send } from "../harness/funds.js";
import { createTestDatabaseUrl, type TestDatabase, testDbKind } from "../harness/test-database.js";

const run = promisify(execFile);
// Each CLI run starts a Node process with tsx; a test runs up to four of them.
const CLI_TIMEOUT = 180_000;
let t: TestApp;
let work: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  t = await createTestApp();
  work = await mkdtemp(join(tmpdir(), "rencai-backup-"));
});
afterAll(async () => {
  for (const c of cleanups) await c();
  await t?.close();
  await rm(work, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    // node + tsx directly (not npx), so a test can run it with a PATH that lacks pg_dump.
    const tsx = join("node_modules", "tsx", "dist", "cli.mjs");
    const { stdout, stderr } = await run(process.execPath, [tsx, "src/server/main.ts", ...args], {
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** A fresh, empty database and data folder to restore into. */
async function freshTarget(): Promise<{ db: TestDatabase; dataDir: string }> {
  const db = await createTestDatabaseUrl();
  const dataDir = await mkdtemp(join(tmpdir(), "rencai-restore-"));
  cleanups.push(async () => {
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { db, dataDir };
}

const sourceEnv = () => ({ DATABASE_URL: t.rt.config.databaseUrl, DATA_DIR: t.rt.config.dataDir });

function pgDumpPresent(): boolean {
  return spawnSync("pg_dump", ["--version"], { encoding: "utf8" }).status === 0;
}

function pgDumpUsable(): boolean {
  const version = spawnSync("pg_dump", ["--version"], { encoding: "utf8" });
  if (version.status !== 0) return false;
  const major = Number(/(\d+)\./.exec(version.stdout)?.[1] ?? 0);
  // The test server is the embedded PostgreSQL 17; an older pg_dump refuses a newer server.
  return major >= 17;
}

describe.runIf(testDbKind() === "sqlite")("SQLite backup under write load", () => {
  let sysadmin: TestClient;
  let finance: TestClient;
  let lineId: string;
  let fileId: string;
  const ackedOrgs: string[] = [];
  let ackedAllocated = 0;
  let backupDir: string;

  beforeAll(async () => {
    sysadmin = await t.login("sysadmin");
    const office = await t.login("office");
    finance = await t.login("finance");
    ({ lineId } = await fundWithLine(t, office, finance, 1_000_00));
    ackedAllocated = 1_000_00;
    fileId = await uploadedId(office, "备份材料.pdf");
  }, CLI_TIMEOUT);

  it(
    "copies the database while the API keeps writing, then restores into a fresh folder",
    async () => {
      let stop = false;
      let backupStarted = false;
      const ackedBeforeBackup: string[] = [];
      let allocatedBeforeBackup = 0;
      let writes = 0;
      const load = (async () => {
        for (let i = 0; !stop; i++) {
          const name = `备份负载机构${i}`;
          const org = await sysadmin.post("/api/orgs", { name, kind: "agency" });
          expect(org.statusCode).toBe(201);
          ackedOrgs.push(name);
          if (!backupStarted) ackedBeforeBackup.push(name);
          const allocated = await send(finance, "POST", `/api/funds/budget-lines/${lineId}/allocate`, {
            amount: 100,
          });
          expect(allocated.statusCode).toBe(200);
          ackedAllocated += 100;
          if (!backupStarted) allocatedBeforeBackup = ackedAllocated;
          writes += 2;
        }
      })();
      // Let the load run for a while before the backup begins.
      while (writes < 20) await new Promise((r) => setTimeout(r, 10));
      backupStarted = true;
      backupDir = join(work, "under-load");
      const phases = new Set<string>();
      const writesAtStart = writes;
      const manifest = await createBackup({
        databaseUrl: t.rt.config.databaseUrl,
        dialect: "sqlite",
        dataDir: t.rt.config.dataDir,
        target: backupDir,
        chain: t.rt.services.audit.chain,
        now: () => new Date(),
        onProgress: (p) => phases.add(p.phase),
      });
      // The load kept going while the copy ran.
      await new Promise((r) => setTimeout(r, 50));
      stop = true;
      await load;
      expect(writes).toBeGreaterThan(writesAtStart);
      expect([...phases]).toEqual(["database", "files"]);
      expect(ackedBeforeBackup.length).toBeGreaterThanOrEqual(10);

      // Owner-only: the folder 0700, every file 0600.
      expect((await stat(backupDir)).mode & 0o777).toBe(0o700);
      for (const f of ["manifest.json", "database.sqlite"])
        expect((await stat(join(backupDir, f))).mode & 0o777).toBe(0o600);
      expect(manifest.files.length).toBeGreaterThanOrEqual(1);
      expect(manifest.missingFiles).toEqual([]);
      const stored = await t.rt.deps.database.db
        .selectFrom("files")
        .select("storage_key")
        .where("id", "=", fileId)
        .executeTakeFirstOrThrow();
      expect(manifest.files.map((f) => f.key)).toContain(stored.storage_key);
      expect(manifest.auditAnchor?.seq).toBeGreaterThan(0);

      // Restore into a fresh database and data folder through the command line.
      const target = await freshTarget();
      const restored = await cli(["restore", backupDir], {
        DATABASE_URL: target.db.url,
        DATA_DIR: target.dataDir,
      });
      expect(restored.out).toContain("SQLite integrity check passed");
      expect(restored.out).toContain("ledger reconciliation passed");
      expect(restored.out).toContain("audit chain intact");
      expect(restored.out).toContain("uploaded files: all");
      expect(restored.code).toBe(0);
      expect(existsSync(join(target.dataDir, "audit", "anchor.json"))).toBe(true);

      // Every write acknowledged before the backup began is in the restored database.
      const database = openDatabase(target.db.url);
      try {
        const names = new Set(
          (
            await database.db
              .selectFrom("organisations")
              .select("name")
              .where("name", "like", "备份负载机构%")
              .execute()
          ).map((r) => r.name),
        );
        expect(ackedBeforeBackup.length).toBeGreaterThan(0);
        for (const name of ackedBeforeBackup) expect(names.has(name)).toBe(true);
        const allocated = await database.db
          .selectFrom("fund_accounts")
          .select("balance")
          .where("budget_line_id", "=", lineId)
          .where("kind", "=", "allocated")
          .executeTakeFirstOrThrow();
        expect(Math.abs(Number(allocated.balance))).toBeGreaterThanOrEqual(allocatedBeforeBackup);
        const restoredFile = await database.db
          .selectFrom("files")
          .select("storage_key")
          .where("id", "=", fileId)
          .executeTakeFirstOrThrow();
        const bytes = await readFile(
          join(target.dataDir, "files", restoredFile.storage_key.slice(0, 2), restoredFile.storage_key),
        );
        expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
        const restoreAudit = await database.db
          .selectFrom("audit_log")
          .select(["action", "result"])
          .where("action", "=", "backup.restore")
          .execute();
        expect(restoreAudit).toEqual([{ action: "backup.restore", result: "ok" }]);
      } finally {
        await database.close();
      }
    },
    CLI_TIMEOUT,
  );

  it(
    "refuses to restore over a database that is not empty unless --force",
    async () => {
      const refused = await cli(["restore", backupDir], sourceEnv());
      expect(refused.code).toBe(1);
      expect(refused.out).toContain("--force");
      expect(refused.out).toMatch(/目标不是空的/);

      const target = await freshTarget();
      const first = await cli(["restore", backupDir], {
        DATABASE_URL: target.db.url,
        DATA_DIR: target.dataDir,
      });
      expect(first.code).toBe(0);
      const again = await cli(["restore", backupDir], {
        DATABASE_URL: target.db.url,
        DATA_DIR: target.dataDir,
      });
      expect(again.code).toBe(1);
      const forced = await cli(["restore", backupDir, "--force"], {
        DATABASE_URL: target.db.url,
        DATA_DIR: target.dataDir,
      });
      expect(forced.out).toContain("audit chain intact");
      expect(forced.code).toBe(0);
    },
    CLI_TIMEOUT,
  );

  it(
    "finds a backup whose audit tail was cut, and one whose database was changed",
    async () => {
      const damaged = join(work, "damaged");
      await run("cp", ["-a", backupDir, damaged]);
      const file = join(damaged, "database.sqlite");
      const connection = new SQLite(file);
      connection.exec("drop trigger if exists audit_log_no_delete");
      const { n } = connection.prepare("select max(seq) as n from audit_log").get() as { n: number };
      connection.prepare("delete from audit_log where seq > ?").run(n - 3);
      connection.close();

      // A changed database file no longer matches the manifest's checksum.
      const target = await freshTarget();
      const env = { DATABASE_URL: target.db.url, DATA_DIR: target.dataDir };
      const mismatch = await cli(["restore", damaged], env);
      expect(mismatch.code).toBe(1);
      expect(mismatch.out).toContain("checksum");

      // With the checksum forged too, the signed audit head in the manifest still finds the cut.
      const manifestPath = join(damaged, "manifest.json");
      const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
      const { createHash } = await import("node:crypto");
      manifest.database.sha256 = createHash("sha256")
        .update(await readFile(file))
        .digest("hex");
      await writeFile(manifestPath, JSON.stringify(manifest));
      const cut = await cli(["restore", damaged], env);
      expect(cut.out).toContain("audit chain BROKEN");
      expect(cut.out).toContain("✗");
      expect(cut.code).toBe(1);
    },
    CLI_TIMEOUT,
  );

  it(
    "`rencai backup` writes a new folder and refuses an existing one",
    async () => {
      const target = join(work, "by-cli");
      const made = await cli(["backup", target], sourceEnv());
      expect(made.out).toContain("backup written");
      expect(made.code).toBe(0);
      expect((await stat(join(target, "database.sqlite"))).mode & 0o777).toBe(0o600);
      const again = await cli(["backup", target], sourceEnv());
      expect(again.code).toBe(1);
      expect(again.out).toContain("already exists");
      const audited = await t.rt.deps.database.db
        .selectFrom("audit_log")
        .select("object_id")
        .where("action", "=", "backup.create")
        .execute();
      expect(audited.map((a) => a.object_id)).toContain(target);
    },
    CLI_TIMEOUT,
  );
});

describe.runIf(testDbKind() === "postgres")("PostgreSQL backup", () => {
  it(
    "says clearly when pg_dump is not on PATH",
    async () => {
      const target = join(work, "no-pg-dump");
      const res = await cli(["backup", target], { ...sourceEnv(), PATH: "/nonexistent" });
      expect(res.code).not.toBe(0);
      expect(res.out).toContain("pg_dump");
      expect(res.out).toContain("not on PATH");
      expect(res.out).toContain("找不到");
      expect(existsSync(target)).toBe(false);
    },
    CLI_TIMEOUT,
  );

  it.runIf(pgDumpPresent() && !pgDumpUsable())(
    "passes on pg_dump's refusal of a newer server and leaves no half-written backup",
    async () => {
      const target = join(work, "old-pg-dump");
      const res = await cli(["backup", target], sourceEnv());
      expect(res.code).not.toBe(0);
      expect(res.out).toContain("pg_dump 失败");
      expect(res.out).toContain("pg_dump failed");
      expect(res.out).toMatch(/version/);
      expect(existsSync(target)).toBe(false);
    },
    CLI_TIMEOUT,
  );

  it.runIf(pgDumpUsable())(
    "dumps with pg_dump and restores with pg_restore into a fresh database",
    async () => {
      const office = await t.login("office");
      await uploadedId(office, "备份材料.pdf");
      const target = join(work, "pg");
      const made = await cli(["backup", target], sourceEnv());
      expect(made.code).toBe(0);
      expect((await stat(join(target, "database.pgdump"))).mode & 0o777).toBe(0o600);
      const fresh = await freshTarget();
      const restored = await cli(["restore", target], {
        DATABASE_URL: fresh.db.url,
        DATA_DIR: fresh.dataDir,
      });
      expect(restored.out).toContain("ledger reconciliation passed");
      expect(restored.out).toContain("audit chain intact");
      expect(restored.code).toBe(0);
    },
    CLI_TIMEOUT,
  );
});
