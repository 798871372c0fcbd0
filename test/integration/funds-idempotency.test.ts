// lib/idempotency.ts on the run's database: parallel identical requests run the work once, a reused
// key with other content is a 409, a failed attempt leaves the key free.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/server/db/connect.js";
import { migrateToLatest } from "../../src/server/db/migrate.js";
import { purgeIdempotency } from "../../src/server/jobs/definitions/idempotency-purge.js";
import { JOB_DEFINITIONS } from "../../src/server/jobs/index.js";
import { systemClock } from "../../src/server/lib/clock.js";
import type { Deps } from "../../src/server/lib/context.js";
import { AppError } from "../../src/server/lib/errors.js";
import { purgeIdempotencyKeys, requestHashOf, runIdempotent } from "../../src/server/lib/idempotency.js";
import { createTestDatabaseUrl, type TestDatabase } from "../harness/test-database.js";

let testDb: TestDatabase;
let database: Database;
let deps: Deps;

beforeAll(async () => {
  testDb = await createTestDatabaseUrl();
  database = openDatabase(testDb.url, { poolSize: 20 });
  await migrateToLatest(database);
  deps = { database, clock: systemClock };
  await database.db
    .insertInto("settings")
    .values({ key: "counter", value: "0", updated_at: new Date().toISOString(), updated_by: null })
    .execute();
});
afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

/** The work under test: bumps a counter row in the database and answers with its new value. */
function bump(calls: { n: number }) {
  return async (trx: Parameters<Parameters<typeof runIdempotent>[2]>[0]) => {
    calls.n += 1;
    // Lock the row on PostgreSQL (SQLite runs one transaction at a time) so parallel keys do not lose updates.
    let query = trx.selectFrom("settings").select("value").where("key", "=", "counter");
    if (database.dialect === "postgres") query = query.forUpdate();
    const row = await query.executeTakeFirstOrThrow();
    const next = Number(row.value) + 1;
    await trx
      .updateTable("settings")
      .set({ value: String(next) })
      .where("key", "=", "counter")
      .execute();
    return { status: 201, body: { counter: next } };
  };
}

const counter = async () =>
  Number(
    (
      await database.db
        .selectFrom("settings")
        .select("value")
        .where("key", "=", "counter")
        .executeTakeFirstOrThrow()
    ).value,
  );

describe("runIdempotent", () => {
  it("runs the work once for 50 parallel identical requests, all get the same answer", async () => {
    const before = await counter();
    const calls = { n: 0 };
    const request = {
      key: "parallel-key-0001",
      actorId: "U1",
      scope: "test.bump",
      requestHash: requestHashOf({ a: 1 }),
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => runIdempotent(deps, request, bump(calls))),
    );
    expect(calls.n).toBe(1);
    expect(await counter()).toBe(before + 1);
    expect(new Set(results.map((r) => JSON.stringify([r.status, r.body]))).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results[0]!.body).toEqual({ counter: before + 1 });
  });

  it("refuses the same key with a different request with 409 IDEMPOTENCY_KEY_REUSED and changes nothing", async () => {
    const calls = { n: 0 };
    const base = { key: "reused-key-0001", actorId: "U1", scope: "test.bump" };
    await runIdempotent(deps, { ...base, requestHash: requestHashOf({ amount: 1 }) }, bump(calls));
    const before = await counter();
    const error = await runIdempotent(
      deps,
      { ...base, requestHash: requestHashOf({ amount: 2 }) },
      bump(calls),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
    expect((error as AppError).code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(calls.n).toBe(1);
    expect(await counter()).toBe(before);
  });

  it("hashes requests canonically: key order does not matter, values do", () => {
    expect(requestHashOf({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(
      requestHashOf({ b: [1, { d: 3, c: 2 }], a: 1 }),
    );
    expect(requestHashOf({ a: 1 })).not.toBe(requestHashOf({ a: 2 }));
    expect(requestHashOf({ a: "1" })).not.toBe(requestHashOf({ a: 1 }));
  });

  it("keeps keys apart per actor and per scope", async () => {
    const calls = { n: 0 };
    const hash = requestHashOf({ x: 1 });
    await runIdempotent(
      deps,
      { key: "shared-key-0001", actorId: "U1", scope: "test.a", requestHash: hash },
      bump(calls),
    );
    await runIdempotent(
      deps,
      { key: "shared-key-0001", actorId: "U2", scope: "test.a", requestHash: hash },
      bump(calls),
    );
    await runIdempotent(
      deps,
      { key: "shared-key-0001", actorId: "U1", scope: "test.b", requestHash: hash },
      bump(calls),
    );
    await runIdempotent(
      deps,
      { key: "shared-key-0001", actorId: null, scope: "test.a", requestHash: hash },
      bump(calls),
    );
    expect(calls.n).toBe(4);
  });

  it("leaves the key free when the work fails, so a retry runs it", async () => {
    const before = await counter();
    const request = {
      key: "failing-key-0001",
      actorId: "U1",
      scope: "test.bump",
      requestHash: requestHashOf({}),
    };
    const failing = async (trx: Parameters<Parameters<typeof runIdempotent>[2]>[0]) => {
      await bump({ n: 0 })(trx);
      throw new AppError("conflict", "NOPE", { zh: "不行", en: "no" });
    };
    await expect(runIdempotent(deps, request, failing)).rejects.toThrow("no");
    expect(await counter()).toBe(before);
    const left = await database.db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("key", "=", request.key)
      .execute();
    expect(left).toHaveLength(0);
    const calls = { n: 0 };
    const retry = await runIdempotent(deps, request, bump(calls));
    expect(retry.replayed).toBe(false);
    expect(calls.n).toBe(1);
    expect(await counter()).toBe(before + 1);
  });

  it("runs the work once per key when 50 different keys race with 50 duplicates each way", async () => {
    const before = await counter();
    const calls = { n: 0 };
    const jobs = [];
    for (let i = 0; i < 10; i++)
      for (let j = 0; j < 5; j++)
        jobs.push(
          runIdempotent(
            deps,
            {
              key: `many-keys-${i}-xxxx`,
              actorId: "U9",
              scope: "test.bump",
              requestHash: requestHashOf({ i }),
            },
            bump(calls),
          ),
        );
    await Promise.all(jobs);
    expect(calls.n).toBe(10);
    expect(await counter()).toBe(before + 10);
  });

  it("forgets answered keys older than a date (the nightly idempotency.purge job), after which a retry runs anew", async () => {
    expect(JOB_DEFINITIONS).toContain(purgeIdempotency);
    const calls = { n: 0 };
    const request = {
      key: "purged-key-0001",
      actorId: "U7",
      scope: "test.bump",
      requestHash: requestHashOf({}),
    };
    await runIdempotent(deps, request, bump(calls));
    expect(await purgeIdempotencyKeys(deps, "2000-01-01T00:00:00.000Z")).toBe(0);
    expect(await purgeIdempotencyKeys(deps, new Date(Date.now() + 60_000).toISOString())).toBeGreaterThan(0);
    await runIdempotent(deps, request, bump(calls));
    expect(calls.n).toBe(2);
  });
});
