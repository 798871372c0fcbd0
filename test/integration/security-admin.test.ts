// Issue 12, items 2, 4 and 9 (part): 三权分立 with a two-person rule over the auditor and
// security-admin accounts, password resets by one-time link (never a password in a response),
// the first administrators from `admin bootstrap`, __Host- cookies and HSTS behind a TLS proxy,
// and the per-user API rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/server/config.js";
import { bootstrapAdmins } from "../../src/server/modules/identity/bootstrap.js";
import { openRuntime } from "../../src/server/runtime.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { createTestDatabaseUrl } from "../harness/test-database.js";

let t: TestApp;
let sysadmin: TestClient;
let secadmin: TestClient;
let auditor: TestClient;
let officeOrg: string;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  [sysadmin, secadmin, auditor] = await Promise.all([
    t.login("sysadmin"),
    t.login("secadmin"),
    t.login("auditor"),
  ]);
  officeOrg = await t.orgId("市委组织部");
});
afterAll(async () => {
  await t?.close();
});

const lastLinkTo = async (email: string) => {
  const rows = await t.rt.deps.database.db
    .selectFrom("outbox")
    .select(["body", "recipient"])
    .where("recipient", "=", email)
    .orderBy("id", "desc")
    .execute();
  expect(rows.length).toBeGreaterThan(0);
  const token = rows.map((r) => /#token=([A-Za-z0-9_-]+)/.exec(r.body)?.[1]).find(Boolean);
  expect(token).toBeDefined();
  return token!;
};

const account = (role: string, email = `${role}${++serial}@example.gov.cn`) => ({
  username: `${role}.x${serial + 1}`,
  displayName: `账户${serial + 1}`,
  orgId: officeOrg,
  email,
  roles: [{ role, orgId: officeOrg }],
});

describe("三权分立: who keeps the auditor and security-admin accounts", () => {
  it("sysadmin can neither create an auditor or secadmin nor grant those roles", async () => {
    expect((await sysadmin.post("/api/users", account("auditor"))).statusCode).toBe(403);
    expect((await sysadmin.post("/api/users", account("secadmin"))).statusCode).toBe(403);
    const officer = await sysadmin.post("/api/users", account("officer"));
    expect(officer.statusCode).toBe(201);
    const id = officer.json().user.id;
    const grant = await sysadmin.put(`/api/users/${id}/roles`, {
      roles: [{ role: "auditor", orgId: officeOrg }],
    });
    expect(grant.statusCode).toBe(403);
  });

  it("sysadmin cannot reset, disable or unlock the auditor or the security admin", async () => {
    for (const username of ["auditor", "secadmin"]) {
      const id = await t.userId(username);
      expect((await sysadmin.post(`/api/users/${id}/reset-password`)).statusCode).toBe(403);
      expect((await sysadmin.post(`/api/users/${id}/disable`)).statusCode).toBe(403);
      expect((await sysadmin.post(`/api/users/${id}/unlock`)).statusCode).toBe(403);
    }
    const denied = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select("action")
      .where("result", "=", "denied")
      .where("actor_name", "=", "sysadmin")
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(6);
  });

  it("secadmin keeps auditors, the auditor keeps secadmins, never the other way round", async () => {
    const newAuditor = await secadmin.post("/api/users", account("auditor"));
    expect(newAuditor.statusCode).toBe(201);
    // The keeper never learns the password: the holder gets a one-time link.
    expect(newAuditor.json().initialPassword).toBeNull();
    expect((await auditor.post("/api/users", account("auditor"))).statusCode).toBe(403);
    const newSecadmin = await auditor.post("/api/users", account("secadmin"));
    expect(newSecadmin.statusCode).toBe(201);
    expect((await secadmin.post("/api/users", account("secadmin"))).statusCode).toBe(403);
    // Neither keeps ordinary accounts.
    expect((await secadmin.post("/api/users", account("officer"))).statusCode).toBe(403);
    const auditorId = newAuditor.json().user.id;
    expect((await auditor.post(`/api/users/${auditorId}/disable`)).statusCode).toBe(403);
    expect((await secadmin.post(`/api/users/${auditorId}/disable`)).statusCode).toBe(200);
  });

  it("an auditor or secadmin account needs an e-mail for its holder's link", async () => {
    const res = await secadmin.post("/api/users", { ...account("auditor"), email: undefined });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "USER_INVALID", errors: [{ path: "/email" }] });
  });
});

describe("password reset by one-time link", () => {
  it("returns no password, ends sessions, and the link works once", async () => {
    const email = `reset${++serial}@example.gov.cn`;
    const created = await sysadmin.post("/api/users", { ...account("officer"), email });
    const { user, initialPassword } = created.json();
    const holder = await t.login(user.username, initialPassword);
    const reset = await sysadmin.post(`/api/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({
      delivered: "email",
      to: expect.stringContaining("***"),
      expiresAt: expect.any(String),
    });
    expect(reset.body).not.toMatch(/initialPassword|password"/);
    expect((await holder.get("/api/auth/me")).statusCode).toBe(401);
    const token = await lastLinkTo(email);
    const stored = await t.rt.deps.database.db
      .selectFrom("password_reset_tokens")
      .select("token_hash")
      .execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(token);

    const newPassword = "Fresh#Reset2026";
    const first = t.anonymous().post("/api/auth/password-reset", { token, newPassword });
    const second = t.anonymous().post("/api/auth/password-reset", { token, newPassword });
    const codes = (await Promise.all([first, second])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([204, 400]);
    const again = await t.login(user.username, newPassword);
    expect((await again.get("/api/auth/me")).json().mustChangePassword).toBe(false);
    const replay = await t
      .anonymous()
      .post("/api/auth/password-reset", { token, newPassword: "Other#Reset2026" });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe("RESET_LINK_INVALID");
  });

  it("an expired link is refused; an account without e-mail is told to use the console", async () => {
    const email = `expire${++serial}@example.gov.cn`;
    const { user } = (await sysadmin.post("/api/users", { ...account("officer"), email })).json();
    await sysadmin.post(`/api/users/${user.id}/reset-password`);
    const token = await lastLinkTo(email);
    t.clock.advance(31 * 60_000);
    const late = await t
      .anonymous()
      .post("/api/auth/password-reset", { token, newPassword: "Fresh#Reset2026" });
    expect(late.statusCode).toBe(400);
    sysadmin = await t.login("sysadmin"); // the 31 minutes also idled out the old session
    const noMail = await sysadmin.post(`/api/users/${await t.userId("expert")}/reset-password`);
    expect(noMail.statusCode).toBe(409);
    expect(noMail.json().code).toBe("RESET_NO_CHANNEL");
  });
});

describe("admin bootstrap", () => {
  it("creates the three admins once on an empty database, with forced change, then refuses", async () => {
    const database = await createTestDatabaseUrl();
    const rt = await openRuntime(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: "silent" }));
    try {
      const deps = { db: rt.deps.database.db, orgs: rt.services.orgs, users: rt.services.users };
      const created = await bootstrapAdmins(deps, { orgName: "市委组织部" });
      expect(created.map((a) => a.role)).toEqual(["sysadmin", "secadmin", "auditor"]);
      const passwords = new Set(created.map((a) => a.initialPassword));
      expect(passwords.size).toBe(3);
      const rows = await rt.deps.database.db
        .selectFrom("users")
        .select(["username", "must_change_password"])
        .execute();
      expect(rows).toHaveLength(3);
      for (const r of rows) expect(r.must_change_password).toBe(1);
      await expect(bootstrapAdmins(deps, { orgName: "市委组织部" })).rejects.toMatchObject({
        code: "BOOTSTRAP_REFUSED",
      });
    } finally {
      await rt.close();
      await database.drop();
    }
  });

  it("refuses on the demo database, which has admins", async () => {
    const deps = { db: t.rt.deps.database.db, orgs: t.rt.services.orgs, users: t.rt.services.users };
    await expect(bootstrapAdmins(deps, { orgName: "市委组织部" })).rejects.toMatchObject({
      code: "BOOTSTRAP_REFUSED",
    });
  });
});

describe("https behind a proxy, and the per-user rate limit", () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await createTestApp({ env: { TRUST_PROXY: "true", API_RATE_LIMIT: "8" } });
  });
  afterAll(async () => {
    await proxied?.close();
  });

  it("sets __Host- Secure cookies and HSTS when the trusted proxy says https, plain ones over http", async () => {
    const tls = await proxied.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "x-forwarded-proto": "https" },
      payload: { username: "office", password: "Rencai@2026" },
    });
    expect(tls.statusCode).toBe(200);
    expect(tls.cookies.map((c) => c.name).sort()).toEqual(["__Host-rencai_csrf", "__Host-rencai_sid"]);
    expect(tls.cookies.every((c) => c.secure && c.path === "/" && c.domain === undefined)).toBe(true);
    expect(tls.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    const sid = tls.cookies.find((c) => c.name === "__Host-rencai_sid")!.value;
    const me = await proxied.app.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { "x-forwarded-proto": "https", cookie: `__Host-rencai_sid=${sid}` },
    });
    expect(me.statusCode).toBe(200);
    const http = await proxied.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "office", password: "Rencai@2026" },
    });
    expect(http.cookies.map((c) => c.name).sort()).toEqual(["rencai_csrf", "rencai_sid"]);
    expect(http.headers["strict-transport-security"]).toBeUndefined();
  });

  it("limits each signed-in user's API requests per minute, across sessions", async () => {
    const a = await proxied.login("hrss");
    const b = await proxied.login("hrss");
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await a.get("/api/auth/me")).statusCode);
    for (let i = 0; i < 5; i++) codes.push((await b.get("/api/auth/me")).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(8);
    expect(codes.slice(8)).toEqual([429, 429]);
    expect((await b.get("/api/auth/me")).json()).toMatchObject({ code: "RATE_LIMITED" });
    // Another user is not affected.
    expect((await (await proxied.login("science")).get("/api/auth/me")).statusCode).toBe(200);
  });
});
