import { chmodSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import type { DB } from "./schema.js";

export type Dialect = "sqlite" | "postgres";

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

// pg returns int8 as strings; our int8 columns (money in 分, audit seq) stay well below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

/** Kysely prepares every query anew; preparing costs more than running a point lookup, so keep
 * the most recent statements (a bounded LRU). Safe because better-sqlite3 runs each synchronously. */
function withStatementCache(connection: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(text: string): SQLite.Statement {
      const hit = cache.get(text);
      if (hit) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const statement = connection.prepare(text);
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

export function dialectOf(url: string): Dialect {
  return url.startsWith("sqlite:") ? "sqlite" : "postgres";
}

export function openDatabase(url: string, options: { poolSize?: number } = {}): Database {
  if (dialectOf(url) === "sqlite") {
    const file = url.slice("sqlite:".length);
    // Owner-only: the folder we create is 0700, the database file (and its -wal/-shm, which SQLite
    // creates with the database's mode) 0600.
    if (file !== ":memory:") {
      const created = mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      if (created) chmodSync(dirname(file), 0o700);
    }
    const connection = new SQLite(file);
    if (file !== ":memory:") chmodSync(file, 0o600);
    // WAL for concurrent readers, FULL so a committed transaction survives power loss.
    connection.pragma("journal_mode = WAL");
    connection.pragma("synchronous = FULL");
    connection.pragma("foreign_keys = ON");
    connection.pragma("busy_timeout = 5000");
    // Deleted personal data is overwritten with zeros, not left in free pages.
    connection.pragma("secure_delete = ON");
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(connection) }) });
    return { db, dialect: "sqlite", close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Index scans are cheap on SSDs; the default 4.0 makes PostgreSQL shy away from them.
    options: "-c random_page_cost=1.1",
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/** A transaction-scoped lock that serialises writers of one kind (e.g. the audit chain) on PostgreSQL.
 * SQLite needs none: Kysely runs every SQLite transaction on its single connection, one at a time. */
export async function lockForUpdate(db: Kysely<DB>, dialect: Dialect, key: number): Promise<void> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${key})`.execute(db);
}
