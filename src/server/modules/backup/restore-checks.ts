import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "kysely";
import type { Database } from "../../db/connect.js";
import type { AuditService } from "../audit/audit.service.js";
import { reconcile } from "../funds/reconcile.js";

type ChainVerdict = Awaited<ReturnType<AuditService["verifyChain"]>>;

// What `rencai restore` checks once the database and files are in place: the database's own
// integrity, every uploaded file's bytes against its recorded checksum, the ledger reconciled
// against itself, and the audit chain against the anchor that came with the backup.

export interface RestoreCheck {
  name: "integrity" | "files" | "ledger" | "audit";
  ok: boolean;
  zh: string;
  en: string;
}

async function integrity(database: Database): Promise<RestoreCheck> {
  if (database.dialect === "sqlite") {
    const rows = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(database.db);
    const messages = rows.rows.map((r) => r.integrity_check);
    const ok = messages.length === 1 && messages[0] === "ok";
    return {
      name: "integrity",
      ok,
      zh: ok
        ? "SQLite 完整性检查通过（PRAGMA integrity_check: ok）"
        : `SQLite 完整性检查失败：${messages.join("; ")}`,
      en: ok
        ? "SQLite integrity check passed (PRAGMA integrity_check: ok)"
        : `SQLite integrity check failed: ${messages.join("; ")}`,
    };
  }
  // pg_restore re-created every constraint (and so re-validated keys and checks) or stopped;
  // what is left to see is that the tables answer.
  const rows = await sql<{ n: string | number }>`select count(*) as n from information_schema.tables
    where table_schema = 'public'`.execute(database.db);
  const n = Number(rows.rows[0]?.n ?? 0);
  return {
    name: "integrity",
    ok: n > 0,
    zh: `PostgreSQL：pg_restore 已完成并重建约束，public 模式中有 ${n} 张表`,
    en: `PostgreSQL: pg_restore completed and re-created the constraints; ${n} tables in schema public`,
  };
}

async function files(database: Database, dataDir: string): Promise<RestoreCheck> {
  const rows = await database.db.selectFrom("files").select(["storage_key", "sha256"]).execute();
  const bad: string[] = [];
  for (const row of rows) {
    try {
      const bytes = await readFile(join(dataDir, "files", row.storage_key.slice(0, 2), row.storage_key));
      if (createHash("sha256").update(bytes).digest("hex") !== row.sha256) bad.push(row.storage_key);
    } catch {
      bad.push(row.storage_key);
    }
  }
  const ok = bad.length === 0;
  return {
    name: "files",
    ok,
    zh: ok
      ? `上传文件：${rows.length} 个文件齐全且校验和一致`
      : `上传文件：${bad.length} / ${rows.length} 个缺失或校验和不符（首个 ${bad[0]}）`,
    en: ok
      ? `uploaded files: all ${rows.length} present with matching checksums`
      : `uploaded files: ${bad.length} of ${rows.length} missing or changed (first ${bad[0]})`,
  };
}

async function ledger(database: Database, now: Date): Promise<RestoreCheck> {
  const funds = await database.db.selectFrom("funds").select("id").execute();
  const report = await reconcile(
    database.db,
    funds.map((f) => f.id),
    now,
  );
  const badAccounts = report.accounts.filter((a) => !a.ok).length;
  const problems = badAccounts + report.unbalancedJournals.length + report.lineProblems.length;
  return {
    name: "ledger",
    ok: report.ok,
    zh: report.ok
      ? `资金台账对账通过：${funds.length} 个资金、${report.accounts.length} 个账户`
      : `资金台账对账失败：${problems} 处不符（账户 ${badAccounts}、不平分录 ${report.unbalancedJournals.length}、预算行 ${report.lineProblems.length}）`,
    en: report.ok
      ? `ledger reconciliation passed: ${funds.length} funds, ${report.accounts.length} accounts`
      : `ledger reconciliation FAILED: ${problems} problems (${badAccounts} accounts, ${report.unbalancedJournals.length} unbalanced journals, ${report.lineProblems.length} budget lines)`,
  };
}

function audit(verdict: ChainVerdict): RestoreCheck {
  return {
    name: "audit",
    ok: verdict.ok,
    zh: verdict.ok
      ? `审计链完整：校验 ${verdict.checked} 条记录`
      : `审计链断裂于第 ${verdict.firstBroken?.seq} 条：${verdict.firstBroken?.reason}`,
    en: verdict.ok
      ? `audit chain intact: ${verdict.checked} rows verified`
      : `audit chain BROKEN at row ${verdict.firstBroken?.seq}: ${verdict.firstBroken?.reason}`,
  };
}

/** Runs every check and returns each result (the caller prints them and exits 1 on any failure). */
export async function checkRestored(options: {
  database: Database;
  dataDir: string;
  now: Date;
  verifyAudit: () => Promise<ChainVerdict>;
}): Promise<RestoreCheck[]> {
  const { database } = options;
  return [
    await integrity(database),
    await files(database, options.dataDir),
    await ledger(database, options.now),
    audit(await options.verifyAudit()),
  ];
}
