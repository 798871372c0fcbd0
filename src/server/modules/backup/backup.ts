import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { copyFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import type { Dialect } from "../../db/connect.js";
import { AppError } from "../../lib/errors.js";
import { type Anchor, type AuditChain, saveAnchor, signAnchor } from "../audit/chain.js";

// A backup is a folder (0700) that holds everything a restore needs, each file 0600:
//
//   manifest.json      format, version, dialect, when, migrations, database checksum, the files, and
//                      the audit head of the copied database signed with AUDIT_KEY (the anchor the
//                      restore writes, so a restored chain cut short is found by verify)
//   database.sqlite    SQLite: an online copy made with SQLite's backup API while the server runs
//   database.pgdump    PostgreSQL: `pg_dump --format=custom`
//   files/ab/abcd…     the bytes of every uploaded file the copied database refers to
//
// The keys (DATA_KEY, BLIND_INDEX_KEY, AUDIT_KEY) are never in it: keep them apart, as the
// database itself is kept apart from them.

export const BACKUP_FORMAT = "rencai-backup";
export const BACKUP_VERSION = 1;

export interface BackupFileEntry {
  key: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  dialect: Dialect;
  database: { file: string; bytes: number; sha256: string };
  migrations: string[];
  auditAnchor: Anchor | null;
  files: BackupFileEntry[];
  /** Files the database refers to whose bytes were already gone when the backup ran. */
  missingFiles: string[];
}

export interface BackupProgress {
  phase: "database" | "files";
  done: number;
  total: number;
}

const bilingual =
  (kind: "bad_request" | "conflict" | "unprocessable" | "internal", code: string) =>
  (zh: string, en: string) =>
    new AppError(kind, code, { zh, en });

const refuse = bilingual("bad_request", "BACKUP_REFUSED");

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function sha256OfFile(path: string): string {
  return sha256Of(readFileSync(path));
}

const SQLITE_FILE = "database.sqlite";
const PGDUMP_FILE = "database.pgdump";
const STORAGE_KEY = /^[0-9a-f]{64}$/;

/** An empty folder for a new backup (0700); refuses to write into anything that exists. */
function createBackupFolder(target: string): void {
  if (existsSync(target))
    throw refuse(
      `备份目标 ${target} 已存在，请指定一个新的路径`,
      `The backup target ${target} already exists; name a new path`,
    );
  if (!existsSync(dirname(target)))
    throw refuse(`目录 ${dirname(target)} 不存在`, `The folder ${dirname(target)} does not exist`);
  mkdirSync(target, { mode: 0o700 });
  chmodSync(target, 0o700);
}

/** Creates an empty 0600 file, so that nothing is ever readable by others while it fills. */
function createPrivateFile(path: string): void {
  closeSync(openSync(path, "wx", 0o600));
}

/**
 * Copies a live SQLite database with SQLite's online backup API on a connection of its own:
 * pages are copied a hundred at a time so the server keeps serving; when another connection writes
 * meanwhile SQLite restarts the copy, and then the rest is copied in one step (a consistent
 * snapshot that holds only a read transaction, which WAL readers never block writers with).
 */
export async function copySqlite(
  source: string,
  target: string,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  createPrivateFile(target);
  const connection = new SQLite(source, { fileMustExist: true });
  connection.pragma("busy_timeout = 5000");
  try {
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarted = false;
    const result = await connection.backup(target, {
      progress({ totalPages, remainingPages }) {
        if (remainingPages > lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        onProgress?.(totalPages - remainingPages, totalPages);
        return restarted ? 0x7fffffff : 100;
      },
    });
    onProgress?.(result.totalPages, result.totalPages);
  } finally {
    connection.close();
  }
  chmodSync(target, 0o600);
}

/** The migrations, audit head and file keys recorded in a copied SQLite database. */
function readSqliteFacts(file: string) {
  const connection = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const migrations = (
      connection.prepare("select name from kysely_migration order by name").all() as { name: string }[]
    ).map((r) => r.name);
    const head = connection.prepare("select seq, hash from audit_log order by seq desc limit 1").get() as
      | { seq: number; hash: string }
      | undefined;
    const files = connection.prepare("select storage_key, sha256 from files order by storage_key").all() as {
      storage_key: string;
      sha256: string;
    }[];
    return { migrations, head, files };
  } finally {
    connection.close();
  }
}

export function pgToolAvailable(tool: "pg_dump" | "pg_restore"): { ok: boolean; version: string } {
  const run = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) return { ok: false, version: "" };
  return { ok: true, version: run.stdout.trim() };
}

function requirePgTool(tool: "pg_dump" | "pg_restore"): void {
  if (!pgToolAvailable(tool).ok)
    throw new AppError("unprocessable", "PG_TOOL_MISSING", {
      zh: `PostgreSQL 的备份恢复需要 ${tool}，但在 PATH 中找不到它。请安装与数据库服务器同一主版本（或更新）的 PostgreSQL 客户端工具（如 apt-get install postgresql-client）后重试。`,
      en: `Backing up and restoring PostgreSQL needs ${tool}, which is not on PATH. Install the PostgreSQL client tools of the server's major version or newer (e.g. apt-get install postgresql-client) and try again.`,
    });
}

function runPgTool(tool: "pg_dump" | "pg_restore", args: string[]): void {
  const run = spawnSync(tool, args, { encoding: "utf8", stdio: ["ignore", "inherit", "pipe"] });
  if (run.error || run.status !== 0)
    throw new AppError("internal", "PG_TOOL_FAILED", {
      zh: `${tool} 失败：${(run.stderr || String(run.error ?? "")).trim()}`,
      en: `${tool} failed: ${(run.stderr || String(run.error ?? "")).trim()}`,
    });
}

/** The facts a backup records, read through SQL from a live PostgreSQL database after the dump. */
export interface DatabaseFacts {
  migrations: string[];
  head: { seq: number; hash: string } | undefined;
  files: { storage_key: string; sha256: string }[];
}

/**
 * `rencai backup TARGET`: writes the backup folder. `pgFacts` reads, for PostgreSQL, what the
 * dump contains (the dump is one snapshot; facts read after it can only be newer, so the caller
 * reads them from the restored dump — see `factsOfPgDump`).
 */
export async function createBackup(options: {
  databaseUrl: string;
  dialect: Dialect;
  dataDir: string;
  target: string;
  chain: AuditChain;
  now: () => Date;
  onProgress?: (p: BackupProgress) => void;
}): Promise<BackupManifest> {
  const { target, dialect } = options;
  if (dialect === "postgres") requirePgTool("pg_dump");
  createBackupFolder(target);
  try {
    let facts: DatabaseFacts;
    let databaseFile: string;
    if (dialect === "sqlite") {
      databaseFile = SQLITE_FILE;
      const dbPath = join(target, SQLITE_FILE);
      await copySqlite(options.databaseUrl.slice("sqlite:".length), dbPath, (done, total) =>
        options.onProgress?.({ phase: "database", done, total }),
      );
      facts = readSqliteFacts(dbPath);
    } else {
      databaseFile = PGDUMP_FILE;
      const dumpPath = join(target, PGDUMP_FILE);
      createPrivateFile(dumpPath);
      options.onProgress?.({ phase: "database", done: 0, total: 1 });
      runPgTool("pg_dump", ["--format=custom", "--no-owner", "--file", dumpPath, options.databaseUrl]);
      chmodSync(dumpPath, 0o600);
      options.onProgress?.({ phase: "database", done: 1, total: 1 });
      facts = factsOfPgDump(dumpPath);
    }
    const { files, missingFiles } = await copyFiles(options.dataDir, target, facts.files, (done, total) =>
      options.onProgress?.({ phase: "files", done, total }),
    );
    const dbPath = join(target, databaseFile);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: options.now().toISOString(),
      dialect,
      database: { file: databaseFile, bytes: readFileSync(dbPath).length, sha256: sha256OfFile(dbPath) },
      migrations: facts.migrations,
      auditAnchor: facts.head
        ? signAnchor(options.chain, {
            seq: facts.head.seq,
            hash: facts.head.hash,
            at: options.now().toISOString(),
          })
        : null,
      files,
      missingFiles,
    };
    const manifestPath = join(target, "manifest.json");
    createPrivateFile(manifestPath);
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (error) {
    // A half-written backup must not be mistaken for one.
    rmSync(target, { recursive: true, force: true });
    throw error;
  }
}

/**
 * What a custom-format dump holds, read with `pg_restore --data-only --table` into text: the
 * migrations, the audit head and the file keys, so the manifest describes the dump itself.
 */
export function factsOfPgDump(dumpPath: string): DatabaseFacts {
  const table = (name: string): string[][] => {
    const run = spawnSync("pg_restore", ["--data-only", "--table", name, "--file", "-", dumpPath], {
      encoding: "utf8",
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (run.error || run.status !== 0) return [];
    const lines = run.stdout.split("\n");
    const start = lines.findIndex((l) => l.startsWith("COPY "));
    if (start < 0) return [];
    const header = lines[start]!;
    const columns = header.slice(header.indexOf("(") + 1, header.indexOf(")")).split(", ");
    const rows: string[][] = [];
    for (const line of lines.slice(start + 1)) {
      if (line === "\\.") break;
      const cells = line.split("\t");
      rows.push(cells);
    }
    return [columns, ...rows];
  };
  const pick = (rows: string[][], ...names: string[]) => {
    const [columns, ...data] = rows;
    if (!columns) return [];
    const idx = names.map((n) => columns.indexOf(n));
    return data.map((r) => idx.map((i) => r[i] ?? ""));
  };
  const migrations = pick(table("kysely_migration"), "name")
    .map(([n]) => n!)
    .sort();
  const audit = pick(table("audit_log"), "seq", "hash")
    .map(([s, h]) => ({ seq: Number(s), hash: h! }))
    .sort((a, b) => a.seq - b.seq);
  const files = pick(table("files"), "storage_key", "sha256").map(([k, s]) => ({
    storage_key: k!,
    sha256: s!,
  }));
  return { migrations, head: audit.at(-1), files };
}

async function copyFiles(
  dataDir: string,
  target: string,
  rows: { storage_key: string; sha256: string }[],
  onProgress: (done: number, total: number) => void,
): Promise<{ files: BackupFileEntry[]; missingFiles: string[] }> {
  const files: BackupFileEntry[] = [];
  const missingFiles: string[] = [];
  let done = 0;
  onProgress(0, rows.length);
  for (const row of rows) {
    if (!STORAGE_KEY.test(row.storage_key)) {
      missingFiles.push(row.storage_key);
      continue;
    }
    const from = join(dataDir, "files", row.storage_key.slice(0, 2), row.storage_key);
    let bytes: Buffer;
    try {
      bytes = await readFile(from);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      missingFiles.push(row.storage_key);
      continue;
    }
    const folder = join(target, "files", row.storage_key.slice(0, 2));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await writeFile(join(folder, row.storage_key), bytes, { mode: 0o600, flag: "wx" });
    files.push({ key: row.storage_key, bytes: bytes.length, sha256: sha256Of(bytes) });
    done += 1;
    onProgress(done, rows.length);
  }
  return { files, missingFiles };
}

/** Reads and checks a backup folder's manifest and database checksum. */
export function readBackup(source: string): BackupManifest {
  const manifestPath = join(source, "manifest.json");
  if (!existsSync(manifestPath))
    throw refuse(
      `${source} 不是 rencai 备份（缺少 manifest.json）`,
      `${source} is not a rencai backup (no manifest.json)`,
    );
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as BackupManifest;
  } catch {
    throw refuse("备份清单 manifest.json 无法解析", "The backup's manifest.json cannot be read");
  }
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== BACKUP_VERSION)
    throw refuse(
      `不支持的备份格式 ${String(manifest.format)} v${String(manifest.version)}`,
      `Unsupported backup format ${String(manifest.format)} v${String(manifest.version)}`,
    );
  const dbPath = join(source, manifest.database.file);
  if (!existsSync(dbPath) || sha256OfFile(dbPath) !== manifest.database.sha256)
    throw refuse(
      "备份中的数据库文件缺失或校验和不符（被改动或损坏）",
      "The backup's database file is missing or does not match its checksum (changed or damaged)",
    );
  return manifest;
}

/** True when the target database already holds tables (a restore would overwrite data). */
export type TargetState = { empty: true } | { empty: false; detail: string };

export function sqliteTargetState(file: string): TargetState {
  if (!existsSync(file)) return { empty: true };
  const connection = new SQLite(file, { readonly: true });
  try {
    const row = connection
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .get() as { n: number };
    return row.n === 0 ? { empty: true } : { empty: false, detail: `${row.n} tables in ${file}` };
  } finally {
    connection.close();
  }
}

/**
 * Puts the backup's database and files into place. The caller has checked the target is empty (or
 * the operator said --force); for PostgreSQL `pg_restore --clean` replaces what is there.
 */
export async function restoreBackup(options: {
  source: string;
  manifest: BackupManifest;
  databaseUrl: string;
  dialect: Dialect;
  dataDir: string;
  force: boolean;
  onProgress?: (p: BackupProgress) => void;
}): Promise<void> {
  const { source, manifest, dataDir } = options;
  if (manifest.dialect !== options.dialect)
    throw refuse(
      `这是 ${manifest.dialect} 数据库的备份，而 DATABASE_URL 指向 ${options.dialect}`,
      `This is a backup of a ${manifest.dialect} database but DATABASE_URL points to ${options.dialect}`,
    );
  options.onProgress?.({ phase: "database", done: 0, total: 1 });
  if (options.dialect === "sqlite") {
    const file = options.databaseUrl.slice("sqlite:".length);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) await rm(`${file}${suffix}`, { force: true });
    const temp = `${file}.restore-${process.pid}`;
    createPrivateFile(temp);
    await copyFile(join(source, manifest.database.file), temp);
    chmodSync(temp, 0o600);
    await rename(temp, file);
  } else {
    requirePgTool("pg_restore");
    runPgTool("pg_restore", [
      "--no-owner",
      "--exit-on-error",
      ...(options.force ? ["--clean", "--if-exists"] : []),
      "--dbname",
      options.databaseUrl,
      join(source, manifest.database.file),
    ]);
  }
  options.onProgress?.({ phase: "database", done: 1, total: 1 });

  const filesRoot = join(dataDir, "files");
  await mkdir(filesRoot, { recursive: true, mode: 0o700 });
  let done = 0;
  options.onProgress?.({ phase: "files", done, total: manifest.files.length });
  for (const entry of manifest.files) {
    if (!STORAGE_KEY.test(entry.key))
      throw refuse("备份清单含非法文件名", "The manifest names an invalid file");
    const folder = join(filesRoot, entry.key.slice(0, 2));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const to = join(folder, entry.key);
    await copyFile(join(source, "files", entry.key.slice(0, 2), entry.key), to);
    chmodSync(to, 0o600);
    done += 1;
    options.onProgress?.({ phase: "files", done, total: manifest.files.length });
  }
  // The signed head of the copied chain becomes the restored folder's anchor.
  if (manifest.auditAnchor) await saveAnchor(dataDir, manifest.auditAnchor);
}

/** Folders under DATA_DIR that a restore fills; a non-empty one is refused without --force. */
export function dataDirInUse(dataDir: string): string | null {
  const filesRoot = join(dataDir, "files");
  if (existsSync(filesRoot) && readdirSync(filesRoot).length > 0) return filesRoot;
  return null;
}
