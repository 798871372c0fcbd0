// Crash test: a child process runs payments against a SQLite file and is killed with SIGKILL at
// random moments, 20 times. After each kill the database passes its integrity check, the ledger
// reconciles (every invariant holds, balances equal the postings), and every payment the child
// acknowledged (printed after commit) is there. SQLite only: the child owns its database file.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/server/config.js";
import { openDatabase } from "../../src/server/db/connect.js";
import { seedDemo } from "../../src/server/demo/demo.js";
import { actorOf } from "../../src/server/demo/funds.js";
import { reconcile } from "../../src/server/modules/funds/reconcile.js";
import { openRuntime } from "../../src/server/runtime.js";
import { testDbKind } from "../harness/test-database.js";

const ROUNDS = 20;
let dir: string;
let url: string;
let fundId: string;
let lineId: string;
/** How to start the child: a bundle of it (fast to start on a loaded machine) or the script under tsx. */
let childCommand: string[] = ["--import", "tsx", "test/harness/funds-crash-child.ts"];

async function bundleChild(): Promise<void> {
  try {
    const { build } = await import("esbuild");
    // Next to node_modules, so the packages it leaves external resolve as they do for the script.
    const outfile = join("node_modules", ".cache", "rencai", `funds-crash-child-${process.pid}.mjs`);
    await build({
      entryPoints: ["test/harness/funds-crash-child.ts"],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      outfile,
      logLevel: "silent",
    });
    childCommand = [outfile];
  } catch {
    // esbuild comes with vite and tsx; without it the script runs under tsx, only slower to start.
  }
}

beforeAll(async () => {
  await bundleChild();
  dir = await mkdtemp(join(tmpdir(), "rencai-funds-crash-"));
  url = `sqlite:${join(dir, "crash.sqlite")}`;
  const rt = await openRuntime(
    loadConfig({ DATABASE_URL: url, DATA_DIR: dir, LOG_LEVEL: "silent", JOBS_MODE: "off" }),
  );
  await seedDemo(rt.deps.database, rt.services);
  const office = await actorOf(rt.deps.database, "office");
  const finance = await actorOf(rt.deps.database, "finance");
  const fund = await rt.services.funds.createFund(office, {
    code: "CRASH",
    name: "崩溃测试资金",
    financeOrgId: finance.actor.orgId,
  });
  const line = await rt.services.funds.createBudgetLine(office, fund.id, {
    year: 2026,
    code: "C1",
    name: "崩溃测试科目",
  });
  await rt.services.funds.allocate(finance, line.id, { amount: 10_000_000_000 }, randomUUID());
  fundId = fund.id;
  lineId = line.id;
  await rt.close();
}, 60_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  if (childCommand[0]?.endsWith(".mjs")) await rm(childCommand[0], { force: true });
});

/** Starts the child, kills it `delayMs` after it is ready (or when it dies), returns what it acknowledged. */
function runAndKill(delayMs: number): Promise<{ acked: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...childCommand, url, dir, fundId, lineId], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acked: string[] = [];
    let buffer = "";
    let stderr = "";
    let killed = false;
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout!.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === "READY")
          setTimeout(() => {
            killed = child.kill("SIGKILL");
          }, delayMs);
        else if (line.startsWith("ACK ")) acked.push(line.slice(4));
      }
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`child ended without being killed: ${stderr}`));
      else resolve({ acked, killed });
    });
  });
}

describe.skipIf(testDbKind() !== "sqlite")("funds crash test (SIGKILL, SQLite file)", () => {
  it(`survives ${ROUNDS} kills at random moments with every acknowledged payment in place`, async () => {
    const allAcked: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { acked } = await runAndKill(Math.floor(Math.random() * 400));
      allAcked.push(...acked);

      const raw = new SQLite(url.slice("sqlite:".length));
      expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
      raw.close();

      const database = openDatabase(url);
      try {
        const report = await reconcile(database.db, [fundId], new Date());
        expect(report.lineProblems).toEqual([]);
        expect(report.unbalancedJournals).toEqual([]);
        expect(report.accounts.filter((a) => !a.ok)).toEqual([]);
        if (allAcked.length > 0) {
          const paid = await database.db
            .selectFrom("fund_stages")
            .select("id")
            .where("id", "in", allAcked)
            .where("status", "=", "paid")
            .execute();
          expect(paid.length).toBe(allAcked.length);
          const pays = await database.db
            .selectFrom("fund_journals")
            .select("stage_id")
            .where("kind", "=", "pay")
            .where("stage_id", "in", allAcked)
            .execute();
          expect(pays.length).toBe(allAcked.length);
        }
      } finally {
        await database.close();
      }
    }
    // The test means something only if payments did complete between kills.
    expect(allAcked.length).toBeGreaterThan(ROUNDS);
  }, 120_000);
});
