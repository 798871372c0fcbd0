// Gives each integration test file a database of its own, so files can run in parallel.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the run's PostgreSQL server; "" when the run uses SQLite. */
    pgAdminUrl: string;
  }
}

export type TestDbKind = "sqlite" | "postgres";

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** Which database the run targets, from TEST_DB (unset means sqlite). */
export function testDbKind(): TestDbKind {
  const kind = process.env.TEST_DB ?? "";
  if (kind === "" || kind === "sqlite") return "sqlite";
  if (kind === "postgres") return "postgres";
  throw new Error(`TEST_DB must be "sqlite" or "postgres", got "${kind}"`);
}

export function createTestDatabaseUrl(): Promise<TestDatabase> {
  return testDbKind() === "postgres" ? createPostgresDatabase() : createSqliteDatabase();
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), "rencai-test-"));
  return {
    url: `sqlite:${join(dir, "db.sqlite")}`,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Runs one statement on the server's maintenance database. */
async function onAdminConnection(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  if (!adminUrl) {
    throw new Error(
      "TEST_DB=postgres but no server was provided; run through the vitest integration project",
    );
  }
  // Lowercase letters, digits and underscores only, so the name needs no quoting anywhere.
  const name = `rencai_test_${process.pid}_${randomBytes(6).toString("hex")}`;
  await onAdminConnection(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // WITH (FORCE) terminates sessions still connected (e.g. a pool the test forgot to close).
    drop: () => onAdminConnection(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
