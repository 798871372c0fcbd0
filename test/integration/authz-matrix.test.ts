// Every route, as every demo role, as a user of another organisation and anonymously.
// A new route fails the inventory test until it declares a policy and has a row here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USERS } from "../../src/server/db/seeds/demo.js";
import type { Role } from "../../src/server/lib/authz.js";
import { isKnownPolicy } from "../../src/server/lib/authz.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
const clients = new Map<string, TestClient>();
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of DEMO_USERS) clients.set(u.username, await t.login(u.username));
});
afterAll(async () => {
  await t?.close();
});

/** A fresh account to act on, so allowed mutations do not disturb other rows. */
async function freshUserId(): Promise<string> {
  serial += 1;
  const orgId = await t.orgId("市科技局");
  const res = await clients.get("sysadmin")!.post("/api/users", {
    username: `target${serial}`,
    displayName: `目标${serial}`,
    orgId,
    roles: [{ role: "officer", orgId }],
  });
  expect(res.statusCode).toBe(201);
  return res.json().user.id as string;
}

async function ownNotificationId(client: TestClient): Promise<string> {
  const userId = (await client.get("/api/auth/me")).json().id as string;
  const id = `N${Date.now()}${++serial}`;
  await t.rt.deps.database.db
    .insertInto("notifications")
    .values({
      id,
      user_id: userId,
      kind: "test",
      title: "t",
      body: "b",
      link: null,
      created_at: new Date().toISOString(),
      read_at: null,
    })
    .execute();
  return id;
}

interface Case {
  method: "GET" | "POST" | "PUT" | "PATCH";
  route: string;
  allowed: readonly Role[] | "everyone" | "public";
  url?: (actor: TestClient) => Promise<string>;
  body?: () => Promise<unknown>;
}

const ADMINISTRATIVE: readonly Role[] = ["sysadmin", "talent_office", "officer", "leader", "auditor"];

const CASES: Case[] = [
  { method: "GET", route: "/api/health", allowed: "public" },
  { method: "GET", route: "/api/auth/password-policy", allowed: "public" },
  { method: "GET", route: "/api/auth/me", allowed: "everyone" },
  { method: "GET", route: "/api/notifications", allowed: "everyone" },
  { method: "POST", route: "/api/notifications/read-all", allowed: "everyone" },
  {
    method: "POST",
    route: "/api/notifications/:id/read",
    allowed: "everyone",
    url: async (actor) => `/api/notifications/${await ownNotificationId(actor)}/read`,
  },
  { method: "GET", route: "/api/orgs", allowed: ADMINISTRATIVE },
  {
    method: "POST",
    route: "/api/orgs",
    allowed: ["sysadmin"],
    body: async () => ({ name: `矩阵测试机构${++serial}`, kind: "agency" }),
  },
  {
    method: "PATCH",
    route: "/api/orgs/:id",
    allowed: ["sysadmin"],
    url: async () => `/api/orgs/${await t.orgId("市财政局")}`,
    body: async () => ({ shortName: `财政${++serial}` }),
  },
  { method: "GET", route: "/api/users", allowed: ["sysadmin"] },
  {
    method: "POST",
    route: "/api/users",
    allowed: ["sysadmin"],
    body: async () => ({
      username: `matrix${++serial}`,
      displayName: "矩阵",
      orgId: await t.orgId("市科技局"),
      roles: [],
    }),
  },
  {
    method: "PUT",
    route: "/api/users/:id/roles",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/roles`,
    body: async () => ({ roles: [{ role: "leader", orgId: await t.orgId("市科技局") }] }),
  },
  {
    method: "POST",
    route: "/api/users/:id/disable",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/disable`,
  },
  {
    method: "POST",
    route: "/api/users/:id/enable",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/enable`,
  },
  {
    method: "POST",
    route: "/api/users/:id/reset-password",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/reset-password`,
  },
  {
    method: "POST",
    route: "/api/users/:id/unlock",
    allowed: ["sysadmin"],
    url: async () => `/api/users/${await freshUserId()}/unlock`,
  },
  { method: "GET", route: "/api/audit", allowed: ["auditor"] },
  { method: "POST", route: "/api/audit/verify", allowed: ["auditor"] },
  { method: "GET", route: "/api/settings/security", allowed: ["secadmin"] },
  {
    method: "PUT",
    route: "/api/settings/security",
    allowed: ["secadmin"],
    body: async () => ({
      passwordMinLength: 8,
      passwordMinClasses: 3,
      lockoutThreshold: 5,
      lockoutMinutes: 30,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    }),
  },
  // Login and logout change the caller's own session; covered in auth.test.ts, listed for the inventory.
  { method: "POST", route: "/api/auth/login", allowed: "public" },
  { method: "POST", route: "/api/auth/logout", allowed: "everyone" },
  { method: "POST", route: "/api/auth/password", allowed: "everyone" },
];
const SESSION_ROUTES = new Set(["POST /api/auth/login", "POST /api/auth/logout", "POST /api/auth/password"]);

describe("route inventory", () => {
  it("every API route declares a known policy", () => {
    const api = t.app.routeInventory.filter(
      (r) => r.url.startsWith("/api") && !r.url.startsWith("/api/docs"),
    );
    expect(api.length).toBeGreaterThan(20);
    const missing = api.filter((r) => r.policy === undefined || !isKnownPolicy(r.policy));
    expect(missing).toEqual([]);
  });

  it("every API route has a row in this matrix", () => {
    const api = t.app.routeInventory
      .filter((r) => r.url.startsWith("/api") && !r.url.startsWith("/api/docs"))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(CASES.map((c) => `${c.method} ${c.route}`).sort()).toEqual(api);
  });
});

describe("authorization matrix", () => {
  for (const c of CASES.filter((c) => !SESSION_ROUTES.has(`${c.method} ${c.route}`))) {
    it(`${c.method} ${c.route}`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const u of DEMO_USERS) {
        const client = clients.get(u.username)!;
        const url = c.url ? await c.url(client) : c.route;
        const body = c.body ? await c.body() : c.method === "GET" ? undefined : {};
        const res = await client.request(c.method, url, body);
        const allowed = c.allowed === "public" || c.allowed === "everyone" || c.allowed.includes(u.role);
        outcomes.push(`${u.username}:${res.statusCode < 300 ? "ok" : res.statusCode}`);
        expected.push(`${u.username}:${allowed ? "ok" : 403}`);
      }
      expect(outcomes).toEqual(expected);

      const anonymous = t.anonymous();
      const res = await anonymous.request(
        c.method,
        c.url ? await c.url(clients.get("office")!) : c.route,
        c.body ? await c.body() : undefined,
      );
      expect(res.statusCode === 401 ? "401" : res.statusCode < 300 ? "ok" : String(res.statusCode)).toBe(
        c.allowed === "public" ? "ok" : "401",
      );
    });
  }

  it("denials are written to the audit trail", async () => {
    const denied = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "authz.denied")
      .execute();
    expect(denied.length).toBeGreaterThan(50);
    expect(denied.every((r) => r.result === "denied" && r.actor_id !== null)).toBe(true);
  });
});

describe("object-level rules", () => {
  it("a user of another organisation cannot read or mark someone else's notification (404, not 403)", async () => {
    const hrss = clients.get("hrss")!;
    const science = clients.get("science")!;
    const id = await ownNotificationId(hrss);
    const res = await science.post(`/api/notifications/${id}/read`);
    expect(res.statusCode).toBe(404);
    const list = await science.get("/api/notifications");
    expect((list.json().items as { id: string }[]).map((n) => n.id)).not.toContain(id);
    const row = await t.rt.deps.database.db
      .selectFrom("notifications")
      .select("read_at")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });

  it("an admin cannot disable, re-role or reset themselves", async () => {
    const admin = clients.get("sysadmin")!;
    const self = await t.userId("sysadmin");
    expect((await admin.post(`/api/users/${self}/disable`)).statusCode).toBe(403);
    expect((await admin.put(`/api/users/${self}/roles`, { roles: [] })).statusCode).toBe(403);
    expect((await admin.post(`/api/users/${self}/reset-password`)).statusCode).toBe(403);
  });

  it("no account may hold two of the three admin roles", async () => {
    const admin = clients.get("sysadmin")!;
    const officeId = await t.orgId("市委组织部");
    const res = await admin.post("/api/users", {
      username: "twohats",
      displayName: "兼任",
      orgId: officeId,
      roles: [
        { role: "secadmin", orgId: officeId },
        { role: "auditor", orgId: officeId },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "USER_INVALID", errors: [{ path: "/roles" }] });
    const target = await freshUserId();
    const upd = await admin.put(`/api/users/${target}/roles`, {
      roles: [
        { role: "sysadmin", orgId: officeId },
        { role: "auditor", orgId: officeId },
      ],
    });
    expect(upd.statusCode).toBe(422);
  });

  it("unknown ids answer 404 to the admin and 403 to everyone else", async () => {
    expect((await clients.get("sysadmin")!.post("/api/users/NOPE/disable")).statusCode).toBe(404);
    expect((await clients.get("office")!.post("/api/users/NOPE/disable")).statusCode).toBe(403);
    expect((await clients.get("sysadmin")!.patch("/api/orgs/NOPE", { shortName: "x" })).statusCode).toBe(404);
  });
});
