import { existsSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createTestDatabaseUrl, testDbKind } from "../harness/test-database.js";

async function selectOneOnPostgres(url: string): Promise<Record<string, unknown>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select 1 as one, current_database() as db, current_setting('random_page_cost') as rpc, " +
        "current_setting('fsync') as fsync, current_setting('server_encoding') as encoding",
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

async function postgresDatabaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe(`test database harness (${testDbKind()})`, () => {
  it("creates a reachable database and drops it", async () => {
    const database = await createTestDatabaseUrl();
    if (testDbKind() === "postgres") {
      expect(database.url).toMatch(/^postgres:\/\//);
      const name = new URL(database.url).pathname.slice(1);
      expect(await selectOneOnPostgres(database.url)).toEqual({
        one: 1,
        db: name,
        rpc: "1.1",
        fsync: "off",
        encoding: "UTF8",
      });
      await database.drop();
      expect(await postgresDatabaseExists(name)).toBe(false);
    } else {
      expect(database.url).toMatch(/^sqlite:\/.*\/rencai-test-[^/]+\/db\.sqlite$/);
      const file = database.url.slice("sqlite:".length);
      const connection = new SQLite(file);
      expect(connection.prepare("select 1 as one").get()).toEqual({ one: 1 });
      connection.close();
      await database.drop();
      expect(existsSync(dirname(file))).toBe(false);
    }
  });

  it("gives every call its own database", async () => {
    const [a, b] = await Promise.all([createTestDatabaseUrl(), createTestDatabaseUrl()]);
    expect(a.url).not.toBe(b.url);
    await Promise.all([a.drop(), b.drop()]);
  });
});
