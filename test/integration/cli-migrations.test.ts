import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/db/connect.js";
import { migrateDown, migrateToLatest } from "../../src/server/db/migrate.js";
import { createTestDatabaseUrl, type TestDatabase, testDbKind } from "../harness/test-database.js";

const run = promisify(execFile);
let target: TestDatabase;

beforeAll(async () => {
  target = await createTestDatabaseUrl();
});
afterAll(async () => {
  await target?.drop();
});

const cli = (args: string[]) =>
  run("npx", ["tsx", "src/server/main.ts", ...args], {
    env: { ...process.env, DATABASE_URL: target.url, LOG_LEVEL: "silent" },
  });

describe("migrations", () => {
  it("apply, revert one by one to empty, and apply again on this database", async () => {
    const database = openDatabase(target.url);
    try {
      const applied = await migrateToLatest(database);
      expect(applied.length).toBeGreaterThan(0);
      expect(await migrateToLatest(database)).toEqual([]);
      for (let i = 0; i < applied.length; i++) await migrateDown(database);
      const tables = await database.db.introspection.getTables();
      expect(tables.map((t) => t.name).filter((n) => !n.startsWith("kysely_"))).toEqual([]);
      expect(await migrateToLatest(database)).toEqual(applied);
    } finally {
      await database.close();
    }
  });
});

describe("command line", () => {
  it("migrate, seed, user create and audit verify work end to end", async () => {
    // One run of the CLI process per database kind is enough; it is the same code on both.
    if (testDbKind() !== "sqlite") return;
    expect((await cli(["migrate"])).stdout).toMatch(/up to date|applied/);
    expect((await cli(["seed"])).stdout).toContain("Rencai@2026");
    expect((await cli(["seed"])).stdout).toContain("already has data");
    const created = await cli([
      "user",
      "create",
      "--username",
      "cli.user",
      "--name",
      "命令行用户",
      "--org",
      "市科技局",
      "--role",
      "officer",
      "--role",
      "leader@市科技局",
    ]);
    expect(created.stdout).toMatch(/created cli\.user .* in 市科技局 with roles leader, officer/);
    expect(created.stdout).toMatch(/initial password .*: \S{14}/);
    const bad = await cli(["user", "create", "--username", "x y", "--name", "n", "--org", "市科技局"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect("code" in bad && bad.code).toBe(1);
    expect(bad.stderr).toContain("用户名");
    const verify = await cli(["audit", "verify"]);
    expect(verify.stdout).toMatch(/audit chain intact: \d+ rows verified/);
  }, 90_000);
});
