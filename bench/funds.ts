// Fund ledger speed on SQLite and PostgreSQL (embedded, throwaway):
// 1. postings per second through the service (funds.allocate: idempotency key, budget line lock,
//    balance check, journal + 2 postings + cached balances, audit row) against a raw baseline (the same
//    rows inserted in one transaction with no lock, check, key or audit);
// 2. the fund dashboard with BENCH_POSTINGS postings in the ledger (default 1,000,000; goal < 300 ms),
//    and, for information, the full reconciliation over them.
// Writes bench/results/funds.md. Usage: npm run bench:funds
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { loadConfig } from "../src/server/config.js";
import { seedDemo } from "../src/server/demo/demo.js";
import { actorOf } from "../src/server/demo/funds.js";
import { newId } from "../src/server/lib/ids.js";
import { openRuntime, type Runtime } from "../src/server/runtime.js";
import { startPostgresServer } from "../test/harness/postgres-server.js";

const MOVEMENTS = Number(process.env.BENCH_MOVEMENTS ?? 1000);
const POSTINGS = Number(process.env.BENCH_POSTINGS ?? 1_000_000);
const LINES = 60;
const ROUNDS = 3;
const DASHBOARD_GOAL_MS = 300;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

interface Result {
  dialect: string;
  servicePostingsPerSec: number[];
  rawPostingsPerSec: number[];
  dashboardMs: number[];
  reconcileMs: number;
  postings: number;
  loadSeconds: number;
}

async function benchOne(rt: Runtime, dialect: string): Promise<Result> {
  const db = rt.deps.database.db;
  await seedDemo(rt.deps.database, rt.services);
  const office = await actorOf(rt.deps.database, "office");
  const finance = await actorOf(rt.deps.database, "finance");
  const fund = await rt.services.funds.createFund(office, {
    code: `BENCH-${dialect}`,
    name: "压力测试资金",
    financeOrgId: finance.actor.orgId,
  });
  const lineIds: string[] = [];
  for (let i = 0; i < LINES; i++) {
    const line = await rt.services.funds.createBudgetLine(office, fund.id, {
      year: 2026,
      code: `B${String(i).padStart(3, "0")}`,
      name: `压力测试科目${i}`,
    });
    lineIds.push(line.id);
  }

  // 1. Postings per second, service path vs raw inserts.
  const servicePostingsPerSec: number[] = [];
  const rawPostingsPerSec: number[] = [];
  const accounts = await db
    .selectFrom("fund_accounts")
    .select(["id", "kind"])
    .where("budget_line_id", "=", lineIds[0]!)
    .execute();
  const allocatedAccount = accounts.find((a) => a.kind === "allocated")!.id;
  const availableAccount = accounts.find((a) => a.kind === "available")!.id;
  for (let round = 0; round < ROUNDS; round++) {
    const service = await timeMs(async () => {
      for (let i = 0; i < MOVEMENTS; i++)
        await rt.services.funds.allocate(finance, lineIds[0]!, { amount: 1 }, randomUUID());
    });
    servicePostingsPerSec.push((MOVEMENTS * 2) / (service / 1000));
    const raw = await timeMs(async () => {
      for (let i = 0; i < MOVEMENTS; i++) {
        await db.transaction().execute(async (trx) => {
          const at = new Date().toISOString();
          const journalId = newId();
          await trx
            .insertInto("fund_journals")
            .values({
              id: journalId,
              budget_line_id: lineIds[1]!,
              kind: "allocate",
              amount: 1,
              entitlement_id: null,
              stage_id: null,
              batch_id: null,
              reverses_id: null,
              memo: "",
              created_at: at,
              created_by: null,
            })
            .execute();
          await trx
            .insertInto("fund_postings")
            .values([
              {
                id: newId(),
                journal_id: journalId,
                account_id: allocatedAccount,
                amount: -1,
                created_at: at,
              },
              { id: newId(), journal_id: journalId, account_id: availableAccount, amount: 1, created_at: at },
            ])
            .execute();
        });
      }
    });
    rawPostingsPerSec.push((MOVEMENTS * 2) / (raw / 1000));
  }

  // 2. Fill the ledger to POSTINGS postings (allocations spread over the lines), in SQL.
  const existing = Number(
    (
      await db
        .selectFrom("fund_postings")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const journals = Math.max(0, Math.floor((POSTINGS - existing) / 2));
  const lines = lineIds.map((id, i) => `('${id}', ${i})`).join(",");
  const at = new Date().toISOString();
  const loadStart = performance.now();
  const CHUNK = 50_000;
  for (let from = 0; from < journals; from += CHUNK) {
    const to = Math.min(journals, from + CHUNK);
    const id =
      dialect === "postgres"
        ? sql.raw(`'BJ' || lpad(cast(s.n as text), 9, '0')`)
        : sql.raw(`'BJ' || substr('000000000' || s.n, -9, 9)`);
    const series =
      dialect === "postgres"
        ? sql`s(n) as (select generate_series(cast(${from} as integer), cast(${to - 1} as integer)))`
        : sql`s(n) as (select cast(${from} as integer) union all select n + 1 from s where n < ${to - 1})`;
    await db.transaction().execute(async (trx) => {
      await sql`insert into fund_journals (id, budget_line_id, kind, amount, entitlement_id, stage_id, batch_id, reverses_id, memo, created_at, created_by)
        with recursive ${series}, l(id, k) as (values ${sql.raw(lines)})
        select ${id}, l.id, 'allocate', 1, null, null, null, null, '', ${at}, null
        from s join l on l.k = s.n % ${LINES}`.execute(trx);
      await sql`insert into fund_postings (id, journal_id, account_id, amount, created_at)
        select j.id || substr(a.kind, 1, 2), j.id, a.id, case when a.kind = 'allocated' then -1 else 1 end, j.created_at
        from fund_journals j join fund_accounts a on a.budget_line_id = j.budget_line_id and a.kind in ('allocated', 'available')
        where j.id >= ${`BJ${String(from).padStart(9, "0")}`} and j.id <= ${`BJ${String(to - 1).padStart(9, "0")}`}`.execute(
        trx,
      );
    });
  }
  // The cached balances, as the service keeps them: equal to the postings.
  await sql`update fund_accounts set
      balance = (select coalesce(sum(p.amount), 0) from fund_postings p where p.account_id = fund_accounts.id),
      postings = (select count(*) from fund_postings p where p.account_id = fund_accounts.id)`.execute(db);
  if (dialect === "postgres") await sql`analyze`.execute(db);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const postings = Number(
    (
      await db
        .selectFrom("fund_postings")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

  await rt.services.funds.dashboard(office, { year: 2026 });
  const dashboardMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    dashboardMs.push(await timeMs(() => rt.services.funds.dashboard(office, { year: 2026 })));
  let reconcileOk = false;
  const reconcileMs = await timeMs(async () => {
    reconcileOk = (await rt.services.funds.reconcile(office, fund.id)).ok;
  });
  if (!reconcileOk) throw new Error("the bench ledger does not reconcile");
  return {
    dialect,
    servicePostingsPerSec,
    rawPostingsPerSec,
    dashboardMs,
    reconcileMs,
    postings,
    loadSeconds,
  };
}

async function main() {
  const results: Result[] = [];
  const dir = mkdtempSync(join(tmpdir(), "rencai-bench-funds-"));
  try {
    const config = loadConfig({
      DATABASE_URL: `sqlite:${join(dir, "bench.sqlite")}`,
      DATA_DIR: dir,
      LOG_LEVEL: "silent",
      JOBS_MODE: "off",
    });
    const rt = await openRuntime(config);
    try {
      results.push(await benchOne(rt, "sqlite"));
    } finally {
      await rt.close();
    }
    console.log("sqlite done", results[0]);

    const server = await startPostgresServer();
    try {
      const admin = new pg.Client({ connectionString: server.adminUrl });
      await admin.connect();
      await admin.query("CREATE DATABASE rencai_bench_funds");
      await admin.end();
      const url = new URL(server.adminUrl);
      url.pathname = "/rencai_bench_funds";
      const rtPg = await openRuntime(
        loadConfig({ DATABASE_URL: url.toString(), DATA_DIR: dir, LOG_LEVEL: "silent", JOBS_MODE: "off" }),
      );
      try {
        results.push(await benchOne(rtPg, "postgres"));
      } catch (error) {
        console.error("postgres bench failed", error);
        throw error;
      } finally {
        await rtPg.close();
      }
    } finally {
      await server.stop();
    }
    console.log("postgres done", results[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const [lite, pgr] = results as [Result, Result];
  const ratio = median(lite.servicePostingsPerSec) / median(lite.rawPostingsPerSec);
  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  const rows = results.map(
    (r) =>
      `| ${r.dialect} | ${fmt(median(r.servicePostingsPerSec))} | ${fmt(median(r.rawPostingsPerSec))} | ${(median(r.servicePostingsPerSec) / median(r.rawPostingsPerSec)).toFixed(2)} | ${r.postings.toLocaleString("en")} | ${median(r.dashboardMs).toFixed(1)} | ${r.reconcileMs.toFixed(0)} |`,
  );
  const dashWorst = Math.max(median(lite.dashboardMs), median(pgr.dashboardMs));
  const md = `# Funds: ledger postings per second and the dashboard over a large ledger

ratio: ${ratio.toFixed(2)} (funds.allocate postings/s through the service / raw journal + 2 postings insert transactions, SQLite, median of ${ROUNDS})

Dashboard goal: < ${DASHBOARD_GOAL_MS} ms with ${POSTINGS.toLocaleString("en")} postings — ${dashWorst < DASHBOARD_GOAL_MS ? "met" : "NOT met"} (worst of the two databases: ${dashWorst.toFixed(1)} ms).

| database | service postings/s | raw postings/s | service / raw | postings in ledger | dashboard ms (median of ${ROUNDS}) | full reconciliation ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}

What is measured:

- **Service postings/s**: ${MOVEMENTS.toLocaleString("en")} sequential \`funds.allocate\` calls per round (each one
  transaction: claim the Idempotency-Key, lock the budget line (\`SELECT … FOR UPDATE\` on PostgreSQL), read
  the six cached balances, check the invariants, insert the journal and its 2 postings, update 2 cached
  balances, append the hash-chained audit row, store the answer under the key); postings/s = 2 × calls/s.
- **Raw postings/s**: the same journal and 2 postings inserted in one transaction with nothing else.
  The difference is the price of the lock, the check, the idempotency key and the audit chain.
- **Dashboard**: \`funds.dashboard\` (budget vs reserved vs paid per budget line and per measure, talents
  paid) over ${LINES} budget lines with the ledger filled to ${POSTINGS.toLocaleString("en")} postings. It reads the
  cached per-account balances (kept in the posting's transaction, verified by the reconciliation), so it
  does not grow with the number of postings.
- **Full reconciliation**: sums every posting per account and checks every journal sums to zero; it
  grows with the ledger and is a report, not a page load.
- Loading the ledger (SQL \`INSERT … SELECT\`) took ${lite.loadSeconds.toFixed(0)} s on SQLite and ${pgr.loadSeconds.toFixed(0)} s on PostgreSQL.

Machine: ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}; SQLite in WAL mode with
synchronous=FULL; PostgreSQL embedded with fsync off (a throwaway server). Other work was running on the
machine at the time, so absolute numbers are low; the ratio and the dashboard bound are what matter.
`;
  writeFileSync(join(import.meta.dirname, "results", "funds.md"), md);
  console.log(md);
}

await main();
