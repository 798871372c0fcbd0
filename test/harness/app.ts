// Builds a real app on a real database (SQLite or PostgreSQL per TEST_DB) with the demo data,
// and gives tests a logged-in client per demo user.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { loadConfig } from "../../src/server/config.js";
import { DEMO_PASSWORD, seedDemo } from "../../src/server/demo/demo.js";
import { type Clock, fixedClock } from "../../src/server/lib/clock.js";
import { openRuntime, type Runtime } from "../../src/server/runtime.js";
import { createTestDatabaseUrl } from "./test-database.js";

export interface TestClient {
  readonly username: string;
  cookies: Record<string, string>;
  csrf: string;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  app: FastifyInstance;
  rt: Runtime;
  clock: ReturnType<typeof fixedClock>;
  /** A client with no session. */
  anonymous(): TestClient;
  /** Logs in (default: the demo password) and returns the client holding the session. */
  login(username: string, password?: string): Promise<TestClient>;
  orgId(name: string): Promise<string>;
  userId(username: string): Promise<string>;
  close(): Promise<void>;
}

function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

export function makeClient(app: FastifyInstance, username: string): TestClient {
  const client: TestClient = {
    username,
    cookies: {},
    csrf: "",
    async request(method, url, body, headers = {}) {
      const response = await app.inject({
        method: method as "GET",
        url,
        ...(body !== undefined ? { payload: body as object } : {}),
        headers: {
          ...(Object.keys(client.cookies).length > 0 ? { cookie: cookieHeader(client.cookies) } : {}),
          ...(method !== "GET" && client.csrf ? { "x-csrf-token": client.csrf } : {}),
          ...headers,
        },
      });
      for (const c of response.cookies) {
        if (c.value === "" || (c.expires && c.expires.getTime() < Date.now() - 1000 * 3600 * 24 * 365))
          delete client.cookies[c.name];
        else client.cookies[c.name] = c.value;
        if (c.name === "rencai_csrf" || c.name === "__Host-rencai_csrf") client.csrf = c.value;
      }
      return response;
    },
    get: (url) => client.request("GET", url),
    post: (url, body) => client.request("POST", url, body ?? {}),
    put: (url, body) => client.request("PUT", url, body ?? {}),
    patch: (url, body) => client.request("PATCH", url, body ?? {}),
  };
  return client;
}

export async function createTestApp(
  options: { env?: Record<string, string>; clock?: Clock; start?: string } = {},
): Promise<TestApp> {
  const database = await createTestDatabaseUrl();
  // Uploaded files go to a folder of this app's own, removed on close.
  const dataDir = await mkdtemp(join(tmpdir(), "rencai-data-"));
  const clock = fixedClock(options.start ?? new Date().toISOString());
  const config = loadConfig({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    LOGIN_RATE_LIMIT: "100000",
    JOBS_MODE: "off",
    WEB_DIR: "/nonexistent-web-dir",
    ...options.env,
  });
  const rt = await openRuntime(config, { clock: options.clock ?? clock });
  await seedDemo(rt.deps.database, rt.services);
  const app = await buildApp({ config, deps: rt.deps, services: rt.services, logger: false });
  await app.ready();
  const db = rt.deps.database.db;

  return {
    app,
    rt,
    clock,
    anonymous: () => makeClient(app, "anonymous"),
    async login(username, password = DEMO_PASSWORD) {
      const client = makeClient(app, username);
      const response = await client.post("/api/auth/login", { username, password });
      if (response.statusCode !== 200)
        throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
      return client;
    },
    async orgId(name) {
      return (
        await db.selectFrom("organisations").select("id").where("name", "=", name).executeTakeFirstOrThrow()
      ).id;
    },
    async userId(username) {
      return (
        await db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow()
      ).id;
    },
    async close() {
      await app.close();
      await rt.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
