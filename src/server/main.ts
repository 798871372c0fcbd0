#!/usr/bin/env node
import { readFileSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { Presets, SingleBar } from "cli-progress";
import { Command, InvalidArgumentError } from "commander";
import { sql } from "kysely";
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { dialectOf, openDatabase } from "./db/connect.js";
import { migrateDown, migrateToLatest } from "./db/migrate.js";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo, seedDemoPolicy } from "./demo/demo.js";
import { createJobProvider } from "./jobs/index.js";
import { ROLE_LABELS, ROLES, type Role, type RoleGrant } from "./lib/authz.js";
import { SYSTEM } from "./lib/context.js";
import { makeFieldCipher } from "./lib/crypto.js";
import { AppError } from "./lib/errors.js";
import { makeAuditChain } from "./modules/audit/chain.js";
import {
  type BackupProgress,
  createBackup,
  dataDirInUse,
  readBackup,
  restoreBackup,
  sqliteTargetState,
  type TargetState,
} from "./modules/backup/backup.js";
import { checkRestored } from "./modules/backup/restore-checks.js";
import { clauseReportWorkbook } from "./modules/clause-report/clause-report.xlsx.js";
import { bootstrapAdmins } from "./modules/identity/bootstrap.js";
import { issueResetToken, resetUrl } from "./modules/identity/password-reset.js";
import type { ParsedPolicy } from "./modules/policy/parser.js";
import { parsedPolicyJson, parsePolicyBytes } from "./modules/policy/policy.service.js";
import { importCommand } from "./modules/registry/import.cli.js";
import { REPORT_PERIODS, type ReportPeriod } from "./modules/tasks/calendar.js";
import { openRuntime, type Runtime } from "./runtime.js";

// One entry point: `serve` (default), `worker`, and the admin commands.

function bar(label: string) {
  return new SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
}

/** One progress bar per phase of a backup or restore. */
function phaseBars() {
  const labels: Record<BackupProgress["phase"], string> = {
    database: "数据库 database",
    files: "文件 files    ",
  };
  let current: { phase: BackupProgress["phase"]; bar: SingleBar } | null = null;
  return {
    update(p: BackupProgress) {
      if (current?.phase !== p.phase) {
        current?.bar.stop();
        current = { phase: p.phase, bar: bar(labels[p.phase]) };
        current.bar.start(p.total, p.done);
      } else {
        current.bar.setTotal(p.total);
        current.bar.update(p.done);
      }
    },
    stop: () => current?.bar.stop(),
  };
}

async function targetState(databaseUrl: string): Promise<TargetState> {
  if (dialectOf(databaseUrl) === "sqlite") return sqliteTargetState(databaseUrl.slice("sqlite:".length));
  const database = openDatabase(databaseUrl, { poolSize: 1 });
  try {
    const { rows } = await sql<{ n: string | number }>`select count(*) as n from information_schema.tables
      where table_schema = 'public'`.execute(database.db);
    const n = Number(rows[0]?.n ?? 0);
    return n === 0 ? { empty: true } : { empty: false, detail: `${n} tables in schema public` };
  } finally {
    await database.close();
  }
}

async function backupCommand(target: string) {
  const config = loadConfig();
  const dialect = dialectOf(config.databaseUrl);
  const progress = phaseBars();
  let manifest: Awaited<ReturnType<typeof createBackup>>;
  try {
    manifest = await createBackup({
      databaseUrl: config.databaseUrl,
      dialect,
      dataDir: config.dataDir,
      target: resolve(target),
      chain: makeAuditChain(config.auditKey, config.auditHash),
      now: () => new Date(),
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.stop();
  }
  // The backup itself is an audited operation (in the live database, after the copy).
  const rt = await openRuntime(config, { migrate: false });
  try {
    await rt.deps.database.db.transaction().execute((trx) =>
      rt.services.audit.writeAudit(trx, SYSTEM, {
        action: "backup.create",
        objectType: "backup",
        objectId: resolve(target),
        detail: {
          dialect,
          databaseSha256: manifest.database.sha256,
          files: manifest.files.length,
          missingFiles: manifest.missingFiles.length,
          auditSeq: manifest.auditAnchor?.seq ?? 0,
        },
      }),
    );
  } finally {
    await rt.close();
  }
  console.log(`备份完成 backup written to ${resolve(target)} (folder 0700, files 0600):`);
  console.log(
    `  ${manifest.database.file}: ${manifest.database.bytes} bytes, sha256 ${manifest.database.sha256}`,
  );
  console.log(`  files: ${manifest.files.length} uploaded files`);
  console.log(`  audit chain up to row ${manifest.auditAnchor?.seq ?? 0} (signed anchor in manifest.json)`);
  if (manifest.missingFiles.length > 0)
    console.log(
      `  注意 note: ${manifest.missingFiles.length} files the database names were already gone from DATA_DIR/files`,
    );
  console.log(
    "  密钥不在备份中 keys are not in the backup: keep DATA_KEY, BLIND_INDEX_KEY and AUDIT_KEY apart.",
  );
}

async function restoreCommand(source: string, opts: { force?: boolean }) {
  const config = loadConfig();
  const manifest = readBackup(resolve(source));
  const force = opts.force ?? false;
  const state = await targetState(config.databaseUrl);
  const filesInUse = dataDirInUse(config.dataDir);
  if (!force && (!state.empty || filesInUse))
    throw new AppError("conflict", "RESTORE_TARGET_NOT_EMPTY", {
      zh: `目标不是空的（${state.empty ? filesInUse : state.detail}），恢复会覆盖现有数据；确认要覆盖请加 --force`,
      en: `The target is not empty (${state.empty ? filesInUse : state.detail}); restoring would overwrite it. Add --force to overwrite`,
    });
  const progress = phaseBars();
  try {
    await restoreBackup({
      source: resolve(source),
      manifest,
      databaseUrl: config.databaseUrl,
      dialect: dialectOf(config.databaseUrl),
      dataDir: config.dataDir,
      force,
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.stop();
  }
  console.log(`恢复完成 restored the backup of ${manifest.createdAt}; checking:`);
  const rt = await openRuntime(config);
  try {
    const checks = await checkRestored({
      database: rt.deps.database,
      dataDir: config.dataDir,
      now: rt.deps.clock.now(),
      verifyAudit: () => rt.services.audit.verifyChain(),
    });
    for (const c of checks) console.log(`  ${c.ok ? "✓" : "✗"} ${c.zh}\n    ${c.en}`);
    const ok = checks.every((c) => c.ok);
    await rt.deps.database.db.transaction().execute((trx) =>
      rt.services.audit.writeAudit(trx, SYSTEM, {
        action: "backup.restore",
        result: ok ? "ok" : "failed",
        objectType: "backup",
        objectId: resolve(source),
        detail: { createdAt: manifest.createdAt, checks: checks.map((c) => ({ name: c.name, ok: c.ok })) },
      }),
    );
    if (!ok) {
      console.log("恢复后的检查未通过 a check failed: do not serve from this data before finding out why.");
      process.exitCode = 1;
    } else console.log("全部检查通过 all checks passed.");
  } finally {
    await rt.close();
  }
}

function printDemoBanner() {
  const line = "!".repeat(78);
  console.log(`\n  ${line}`);
  console.log("  !!  演示模式 DEMO MODE — 不得用于生产 NOT FOR PRODUCTION");
  console.log("  !!  Demo accounts share a published password and the data keys are the public");
  console.log("  !!  demo keys (DATA_KEY / BLIND_INDEX_KEY unset): nothing stored here is protected.");
  console.log(
    "  !!  Production: NODE_ENV=production, your own keys, PUBLIC_ORIGIN, `rencai admin bootstrap`.",
  );
  console.log(`  ${line}`);
}

function printDemoAccounts(url: string) {
  console.log(`\n  rencai 人才 is running at ${url}\n`);
  console.log(`  Demo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const u of DEMO_USERS) {
    console.log(
      `    ${u.username.padEnd(12)} ${ROLE_LABELS[u.role].zh} / ${ROLE_LABELS[u.role].en} — ${u.displayName}`,
    );
  }
  console.log(`\n  API docs: ${url}/api/docs    Stop: Ctrl-C\n`);
}

async function withRuntime<T>(work: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(loadConfig());
  try {
    return await work(rt);
  } finally {
    await rt.close();
  }
}

async function serve() {
  const config = loadConfig();
  const rt = await openRuntime(config);
  if (config.seedDemo) {
    const seeded = await seedDemo(rt.deps.database, rt.services);
    if (seeded && config.seedDemoPolicy) {
      const policy = await seedDemoPolicy(rt.deps.database, rt.services);
      console.log(
        `  Loaded demo data (first start), with the policy 《${policy.title}》 as ${policy.tasks} tasks;\n` +
          `  every unit it names has a demo officer (dept01…dept${String(policy.officers).padStart(2, "0")}, listed under 用户管理).`,
      );
    } else if (seeded) {
      console.log("  Loaded demo data (first start).");
    }
  }
  const app = await buildApp({ config, deps: rt.deps, services: rt.services });
  const jobs =
    config.jobsMode === "off"
      ? null
      : createJobProvider({ deps: rt.deps, services: rt.services, config, log: app.log });
  await jobs?.start({ work: config.jobsMode === "inline" });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url =
    config.publicOrigin ??
    // The address actually bound: "localhost" may resolve to ::1, where nothing listens.
    `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  if (config.production) console.log(`\n  rencai 人才 is running at ${url} (production)\n`);
  else {
    if (config.seedDemo) printDemoAccounts(url);
    else console.log(`\n  rencai 人才 is running at ${url}\n`);
    printDemoBanner();
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await jobs?.stop();
    // The head as the server leaves it, signed outside the database (and in this log).
    const anchor = await rt.services.audit.anchor(SYSTEM).catch((error: unknown) => {
      app.log.error({ err: error }, "audit anchor at shutdown failed");
      return null;
    });
    if (anchor)
      app.log.info({ auditAnchor: { seq: anchor.seq, hash: anchor.hash, at: anchor.at } }, "audit anchor");
    await rt.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

async function worker() {
  const config = loadConfig();
  const rt = await openRuntime(config);
  const log = {
    info: (obj: object, msg?: string) => console.log(JSON.stringify({ level: "info", msg, ...obj })),
    warn: (obj: object, msg?: string) => console.warn(JSON.stringify({ level: "warn", msg, ...obj })),
    error: (obj: object, msg?: string) => console.error(JSON.stringify({ level: "error", msg, ...obj })),
  } as Parameters<typeof createJobProvider>[0]["log"];
  const jobs = createJobProvider({ deps: rt.deps, services: rt.services, config, log });
  await jobs.start({ work: true });
  console.log(`rencai worker running jobs (${jobs.kind}); Ctrl-C stops it`);
  const shutdown = async () => {
    await jobs.stop();
    await rt.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

function printPolicy(p: ParsedPolicy) {
  console.log(p.title || "（无标题）");
  console.log(`  发文机关 issuer: ${p.issuer ?? "—"}    日期 date: ${p.date ?? "—"}`);
  for (const section of p.sections) {
    console.log(`\n${section.no === 0 ? "" : `${section.no}. `}${section.title}`);
    for (const m of section.measures) {
      console.log(`  ${m.label} ${m.title}`);
      if (m.lead.length > 0) console.log(`      牵头 lead: ${m.lead.join("、")}`);
      if (m.responsible.length > 0) console.log(`      责任 responsible: ${m.responsible.join("、")}`);
      if (m.due !== null) console.log(`      时限 due: ${m.due}`);
    }
  }
  const measures = p.sections.reduce((n, s) => n + s.measures.length, 0);
  console.log(`\n${p.sections.length} sections, ${measures} measures, ${p.warnings.length} warnings`);
  for (const w of p.warnings) console.log(`  line ${w.line}: ${w.message.zh} / ${w.message.en}`);
}

/** At a terminal the message says it all; the field paths are for API clients. */
function withoutFieldErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.kind, error.code, { zh: error.zh, en: error.en });
    throw error;
  }
}

function parsePeriod(value: string): ReportPeriod {
  if (!(REPORT_PERIODS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`period must be one of ${REPORT_PERIODS.join(", ")}`);
  return value as ReportPeriod;
}

function parseYear(value: string): number {
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 2000 || year > 2100)
    throw new InvalidArgumentError("a year such as 2026 / 年份，例如 2026");
  return year;
}

function parseRole(value: string, previous: string[] = []): string[] {
  const [role] = value.split("@");
  if (!ROLES.includes(role as Role))
    throw new InvalidArgumentError(
      `role must be one of ${ROLES.join(", ")} (optionally role@organisation name)`,
    );
  return [...previous, value];
}

export function buildCli(): Command {
  const program = new Command("rencai")
    .description("rencai 人才 — talent policy platform")
    .showHelpAfterError();

  program
    .command("serve", { isDefault: true })
    .description("migrate, seed demo data on first start, serve UI + API")
    .action(serve);
  program
    .command("worker")
    .description("run queued and scheduled jobs (JOBS_MODE=worker on the server)")
    .action(worker);

  program
    .command("migrate")
    .description("bring the database schema up to date")
    .option("--down", "revert the latest migration")
    .action(async (opts: { down?: boolean }) => {
      const config = loadConfig();
      const database = openDatabase(config.databaseUrl);
      try {
        const done = opts.down
          ? await migrateDown(database)
          : await migrateToLatest(database, {
              cipher: makeFieldCipher(config.dataKey, config.blindIndexKey),
            });
        console.log(done.length > 0 ? done.join("\n") : "database is up to date");
      } finally {
        await database.close();
      }
    });

  program
    .command("seed")
    .description("load the demo organisations, accounts and reference policy into an empty database")
    .action(() =>
      withRuntime(async (rt) => {
        if (rt.config.production)
          throw new ConfigError(
            "demo data is refused in production (NODE_ENV=production); use `rencai admin bootstrap`",
          );
        const progress = bar("seeding");
        let started = false;
        const seeded = await seedDemo(rt.deps.database, rt.services, (done, total) => {
          if (!started) {
            progress.start(total, 0);
            started = true;
          }
          progress.update(done);
        });
        if (started) progress.stop();
        if (!seeded) {
          console.log("database already has data; nothing loaded");
          return;
        }
        const policy = await seedDemoPolicy(rt.deps.database, rt.services);
        console.log(
          `demo data loaded with the policy 《${policy.title}》 (${policy.tasks} tasks); every demo account's password is ${DEMO_PASSWORD}`,
        );
      }),
    );

  const user = program.command("user").description("accounts");
  user
    .command("create")
    .description("create an account (prints a one-time initial password unless --password is given)")
    .requiredOption("--username <name>", "login name")
    .requiredOption("--name <displayName>", "display name")
    .requiredOption("--org <organisation>", "organisation name or id")
    .option("--role <role[@organisation]>", "role, repeatable", parseRole)
    .option("--password <password>", "initial password (the user must still change it)")
    .action((opts: { username: string; name: string; org: string; role?: string[]; password?: string }) =>
      withRuntime(async (rt) => {
        const db = rt.deps.database.db;
        const findOrg = async (ref: string) => {
          const row = await db
            .selectFrom("organisations")
            .select("id")
            .where((eb) => eb.or([eb("id", "=", ref), eb("name", "=", ref)]))
            .executeTakeFirst();
          if (!row) throw new Error(`no organisation named "${ref}"`);
          return row.id;
        };
        const orgId = await findOrg(opts.org);
        const roles: RoleGrant[] = [];
        for (const spec of opts.role ?? []) {
          const [role, orgRef] = spec.split("@");
          roles.push({ role: role as Role, orgId: orgRef ? await findOrg(orgRef) : orgId });
        }
        const { user: created, initialPassword } = await rt.services.users.create(
          null,
          { username: opts.username, displayName: opts.name, orgId, roles },
          opts.password ? { password: opts.password } : {},
        );
        console.log(
          `created ${created.username} (${created.id}) in ${created.org.name} with roles ${created.roles.map((r) => r.role).join(", ") || "none"}`,
        );
        if (!opts.password)
          console.log(`initial password (shown once, must be changed at first login): ${initialPassword}`);
      }),
    );

  const admin = program.command("admin").description("administrators");
  admin
    .command("bootstrap")
    .description(
      "create the first sysadmin, secadmin and auditor on a database without admins; prints single-use passwords",
    )
    .option("--org <organisation>", "organisation of the three accounts", "市委组织部")
    .action((opts: { org: string }) =>
      withRuntime(async (rt) => {
        const created = await bootstrapAdmins(
          { db: rt.deps.database.db, orgs: rt.services.orgs, users: rt.services.users },
          { orgName: opts.org },
        );
        console.log(`created the first administrators in ${opts.org} (三权分立: one role each).`);
        console.log("Initial passwords, shown once; each must be changed at first login:");
        for (const a of created)
          console.log(
            `  ${a.username.padEnd(10)} ${ROLE_LABELS[a.role].zh} / ${ROLE_LABELS[a.role].en}: ${a.initialPassword}`,
          );
      }),
    );

  admin
    .command("reset-link")
    .description("print a one-time password-reset link for an account (console of the server operator)")
    .requiredOption("--username <name>", "login name")
    .action((opts: { username: string }) =>
      withRuntime(async (rt) => {
        const db = rt.deps.database.db;
        const user = await db
          .selectFrom("users")
          .select("id")
          .where("username", "=", opts.username.toLowerCase())
          .executeTakeFirst();
        if (!user) throw new Error(`no account named "${opts.username}"`);
        const now = rt.deps.clock.now();
        const { token, expiresAt } = await db.transaction().execute(async (trx) => {
          const issued = await issueResetToken(trx, now, user.id, null);
          await rt.services.audit.writeAudit(trx, SYSTEM, {
            action: "users.password.resetLink.console",
            objectType: "user",
            objectId: user.id,
          });
          return issued;
        });
        const base = rt.config.publicOrigin ?? `http://localhost:${rt.config.port}`;
        console.log(`one-time reset link for ${opts.username} (valid until ${expiresAt}, single use):`);
        console.log(`  ${resetUrl(base, token)}`);
      }),
    );

  admin
    .command("reset-mfa")
    .description("switch off an account's two-factor authentication and end its sessions (lost phone)")
    .requiredOption("--username <name>", "login name")
    .action((opts: { username: string }) =>
      withRuntime(async (rt) => {
        const { hadMfa } = await rt.services.users.resetMfaAtConsole(opts.username);
        console.log(
          hadMfa
            ? `two-factor authentication of ${opts.username} switched off; its sessions ended`
            : `${opts.username} had no two-factor authentication; its sessions ended`,
        );
      }),
    );

  const policy = program.command("policy").description("policy documents");
  policy
    .command("parse")
    .description("parse a policy document and print its sections and measures (nothing is stored)")
    .argument("<file>", "plain-text policy (UTF-8, UTF-16 or GB18030)")
    .option("--json", "print the JSON structure instead")
    .action((file: string, opts: { json?: boolean }) => {
      const { parsed } = withoutFieldErrors(() => parsePolicyBytes(new Uint8Array(readFileSync(file))));
      if (opts.json) console.log(JSON.stringify(parsedPolicyJson(parsed), null, 2));
      else printPolicy(parsed);
    });
  policy
    .command("import")
    .description("import a policy document: sections, measures, organisations and one task per measure")
    .argument("<file>", "plain-text policy (UTF-8, UTF-16 or GB18030), at most 2 MB")
    .option("--period <period>", "report period of its tasks: monthly or quarterly", parsePeriod)
    .action((file: string, opts: { period?: ReportPeriod }) =>
      withRuntime(async (rt) => {
        const bytes = new Uint8Array(readFileSync(file));
        withoutFieldErrors(() => parsePolicyBytes(bytes));
        const progress = bar("importing");
        let started = false;
        try {
          const result = await rt.services.policy.importDocument(
            null,
            { filename: basename(file), bytes, ...(opts.period ? { reportPeriod: opts.period } : {}) },
            (done, total) => {
              if (!started) {
                progress.start(total, 0);
                started = true;
              }
              progress.update(done);
            },
          );
          if (started) progress.stop();
          const d = result.document;
          console.log(
            `imported 《${d.title}》 (${d.id}): ${d.sectionCount} sections, ${d.measureCount} measures, ${result.tasks} tasks`,
          );
          if (result.createdOrganisations.length > 0)
            console.log(`new organisations: ${result.createdOrganisations.map((o) => o.name).join("、")}`);
          if (result.groupUnits.length > 0)
            console.log(`group units kept as text on tasks: ${result.groupUnits.join("、")}`);
          for (const w of result.warnings) console.log(`  line ${w.line}: ${w.message.zh} / ${w.message.en}`);
        } finally {
          if (started) progress.stop();
        }
      }),
    );

  program.addCommand(importCommand());

  program
    .command("backup")
    .description(
      "online backup into a new folder: the database (SQLite backup API, or pg_dump) and the uploaded files",
    )
    .argument("<target>", "a folder that does not exist yet")
    .action(backupCommand);
  program
    .command("restore")
    .description(
      "restore a backup folder into an empty database and DATA_DIR, then check integrity, ledger and audit chain",
    )
    .argument("<source>", "a folder written by `rencai backup`")
    .option("--force", "overwrite a database or DATA_DIR/files that is not empty")
    .action(restoreCommand);
  const report = program.command("report").description("reports for leaders");
  report
    .command("clauses")
    .description("the clause → outcome report (政策落实情况), one row per measure, as an Excel file")
    .requiredOption("--xlsx <file>", "the Excel file to write")
    .option("--year <year>", "applications first submitted and budget lines of this year", parseYear)
    .option("--policy <id>", "policy document id (default: the latest imported)")
    .option("--org <id>", "only this department's numbers")
    .action((opts: { xlsx: string; year?: number; policy?: string; org?: string }) =>
      withRuntime(async (rt) => {
        const result = await rt.services.clauseReport.clauses(null, {
          ...(opts.year !== undefined ? { year: opts.year } : {}),
          ...(opts.policy ? { policy: opts.policy } : {}),
          ...(opts.org ? { orgId: opts.org } : {}),
        });
        writeFileSync(opts.xlsx, await clauseReportWorkbook(result));
        const paid = result.items.reduce((s, r) => s + r.money.paidFen, 0);
        console.log(
          `wrote ${opts.xlsx}: 《${result.policy.title}》 ${result.items.length} measures, paid ${(paid / 100).toFixed(2)} 元`,
        );
      }),
    );

  const evaluation = program.command("evaluation").description("evaluation rounds (评审)");
  evaluation
    .command("verify")
    .argument("<roundId>", "the round's id")
    .description(
      "re-run a round's draw from its revealed seed and frozen pool snapshot; print the panel; exit code 1 unless it equals the recorded one",
    )
    .action((roundId: string) =>
      withRuntime(async (rt) => {
        const v = await rt.services.evaluation.verifyById(roundId);
        for (const c of v.recomputed) {
          console.log(
            `${c.candidateId}: panel ${c.panel.join(" ")} | reserves ${c.reserves.join(" ") || "-"}`,
          );
        }
        console.log(`commitment sha256(seed): ${v.commitmentOk ? "ok" : "MISMATCH"}`);
        console.log(`snapshot sha256:         ${v.snapshotOk ? "ok" : "MISMATCH"}`);
        console.log(
          `panel:                   ${v.panelOk ? "equal to the recorded one" : "DIFFERS from the recorded one"}`,
        );
        console.log(v.equal ? "verified: the recorded draw is reproducible" : "NOT VERIFIED");
        if (!v.equal) process.exitCode = 1;
      }),
    );

  const audit = program.command("audit").description("audit trail");
  audit
    .command("verify")
    .description(
      "check the audit hash chain; exit code 1 and the first broken row if it was edited or deleted",
    )
    .action(() =>
      withRuntime(async (rt) => {
        const db = rt.deps.database.db;
        const { n } = await db
          .selectFrom("audit_log")
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .executeTakeFirstOrThrow();
        const progress = bar("verifying");
        progress.start(Number(n), 0);
        const verdict = await rt.services.audit.verifyChain((checked) => progress.update(checked));
        progress.stop();
        if (verdict.ok) {
          console.log(`audit chain intact: ${verdict.checked} rows verified`);
        } else {
          console.log(
            `audit chain BROKEN at row ${verdict.firstBroken?.seq}: ${verdict.firstBroken?.reason} (${verdict.checked} rows before it are intact)`,
          );
          process.exitCode = 1;
        }
      }),
    );

  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(`configuration error: ${error.message}`);
    else if (error instanceof AppError)
      console.error(
        `${error.zh}\n${error.en}${error.fieldErrors.map((f) => `\n  ${f.path}: ${f.message.zh} / ${f.message.en}`).join("")}`,
      );
    else console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
