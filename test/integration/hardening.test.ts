// Smaller hardening items: request logs without ID numbers, phones or query strings; the SQLite
// file and data folders owner-only; durability and secure_delete settings checked at start.
import { stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Writable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { durabilityProblems } from "../../src/server/db/durability.js";
import { createTestApp, makeClient, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
let office: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
});
afterAll(async () => {
  await t?.close();
});
const sqliteOnly = () => t.rt.deps.database.dialect === "sqlite";

describe("request logs", () => {
  it("carry no query string, ID number or phone", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({
      config: t.rt.config,
      deps: t.rt.deps,
      services: t.rt.services,
      logger: { level: "info", stream },
    });
    await app.ready();
    try {
      const client = makeClient(app, "office");
      await client.post("/api/auth/login", { username: "office", password: "Rencai@2026" });
      await client.get("/api/registry/talents?q=210803198505050512&phone=13912345678");
      await client.get("/api/registry/talents/by-id/210803198505050512");
      await client.get("/api/registry/talents/13912345678");
    } finally {
      await app.close();
    }
    const text = lines.join("");
    expect(text).toContain("/api/registry/talents");
    expect(text).not.toContain("210803198505050512");
    expect(text).not.toContain("13912345678");
    expect(text).not.toContain("q=");
    expect(text).not.toContain("Rencai@2026");
  });
});

describe("files and folders", () => {
  it("the SQLite database is 0600 in a 0700 folder, with secure_delete on", async () => {
    if (!sqliteOnly()) return;
    const file = t.rt.config.databaseUrl.slice("sqlite:".length);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dirname(file))).mode & 0o777).toBe(0o700);
    const row = await sql<{ secure_delete: number }>`pragma secure_delete`.execute(t.rt.deps.database.db);
    expect(row.rows[0]?.secure_delete).toBe(1);
  });

  it("the file store's folders are 0700", async () => {
    const up = await office.request("POST", "/api/files?filename=a.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"), {
      "content-type": "application/octet-stream",
    });
    expect(up.statusCode, up.body).toBe(201);
    const root = join(t.rt.config.dataDir, "files");
    expect((await stat(root)).mode & 0o777).toBe(0o700);
  });
});

describe("durability at start", () => {
  it("finds nothing wrong on SQLite, and names the test PostgreSQL's relaxed settings", async () => {
    const problems = await durabilityProblems(t.rt.deps.database);
    // The harness's embedded PostgreSQL runs with fsync and synchronous_commit off for speed.
    if (sqliteOnly()) expect(problems).toEqual([]);
    else expect(problems).toEqual(["PostgreSQL fsync is off", "PostgreSQL synchronous_commit is off"]);
  });

  it("names a relaxed setting", async () => {
    if (!sqliteOnly()) return;
    const db = t.rt.deps.database.db;
    await sql`pragma synchronous = NORMAL`.execute(db);
    try {
      const problems = await durabilityProblems(t.rt.deps.database);
      expect(problems.length).toBe(1);
      expect(problems[0]).toMatch(/synchronous/);
    } finally {
      await sql`pragma synchronous = FULL`.execute(db);
    }
  });
});
