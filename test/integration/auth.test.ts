import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, makeClient, type TestApp } from "../harness/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const auditRows = (action: string) =>
  t.rt.deps.database.db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .orderBy("seq")
    .execute();

describe("login", () => {
  it("sets an HttpOnly SameSite session cookie and a readable CSRF cookie", async () => {
    const client = makeClient(t.app, "office");
    const res = await client.post("/api/auth/login", { username: "office", password: "Rencai@2026" });
    expect(res.statusCode).toBe(200);
    const sid = res.cookies.find((c) => c.name === "rencai_sid")!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe("Lax");
    expect(sid.value.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
    const csrf = res.cookies.find((c) => c.name === "rencai_csrf")!;
    expect(csrf.httpOnly).toBeFalsy();
    expect(res.json().user).toMatchObject({ username: "office" });
    // Each domain adds its areas; these are the talent office's first ones.
    expect(res.json().user.nav).toEqual(
      expect.arrayContaining([
        "home",
        "notifications",
        "account",
        "orgs",
        "policy",
        "tasks",
        "supervision",
        "assessment",
      ]),
    );
    // The database keeps only the token's hash.
    const stored = await t.rt.deps.database.db.selectFrom("sessions").select("id_hash").execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(sid.value);
  });

  it("marks cookies Secure when served over https", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "x-forwarded-proto": "https" },
      payload: { username: "office", password: "Rencai@2026" },
    });
    expect(res.statusCode).toBe(200);
    // trustProxy is off by default, so a forwarded header alone must not flip it.
    expect(res.cookies.find((c) => c.name === "rencai_sid")!.secure).toBeFalsy();
    const tls = await createTestApp({ env: { PUBLIC_ORIGIN: "https://rencai.example.gov.cn" } });
    try {
      const r = await tls.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "office", password: "Rencai@2026" },
      });
      // Over https both cookies carry the __Host- prefix (Secure, Path=/, no Domain).
      expect(r.cookies.find((c) => c.name === "rencai_sid")).toBeUndefined();
      const sid = r.cookies.find((c) => c.name === "__Host-rencai_sid")!;
      expect(sid).toMatchObject({ secure: true, path: "/", httpOnly: true });
      expect(sid.domain).toBeUndefined();
      expect(r.cookies.find((c) => c.name === "__Host-rencai_csrf")!.secure).toBe(true);
      expect(r.headers["strict-transport-security"]).toBeDefined();
    } finally {
      await tls.close();
    }
  });

  it("gives the same generic error for unknown users, wrong passwords and disabled accounts", async () => {
    const unknown = await t
      .anonymous()
      .post("/api/auth/login", { username: "nobody", password: "Whatever#1" });
    const wrong = await t
      .anonymous()
      .post("/api/auth/login", { username: "expert", password: "Wrong#Pass1" });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.json()).toMatchObject({
      code: "AUTH_FAILED",
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    const failures = await auditRows("auth.login");
    expect(failures.some((r) => r.result === "failed" && r.detail?.includes("unknown_user"))).toBe(true);
    expect(failures.some((r) => r.result === "failed" && r.detail?.includes("bad_password"))).toBe(true);
  });

  it("rotates the session id at login: the browser's previous session dies", async () => {
    const client = await t.login("science");
    const before = client.cookies.rencai_sid;
    const again = await client.post("/api/auth/login", { username: "science", password: "Rencai@2026" });
    expect(again.statusCode).toBe(200);
    expect(client.cookies.rencai_sid).not.toBe(before);
    const stale = makeClient(t.app, "stale");
    stale.cookies = { rencai_sid: before! };
    expect((await stale.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("locks the account after 5 failures for 30 minutes, counting parallel guesses, with the same error", async () => {
    const guesses = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.anonymous().post("/api/auth/login", { username: "finance", password: "Wrong#Pass1" }),
      ),
    );
    expect(guesses.map((g) => g.statusCode)).toEqual([401, 401, 401, 401, 401]);
    const locked = await t
      .anonymous()
      .post("/api/auth/login", { username: "finance", password: "Rencai@2026" });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe("AUTH_FAILED");
    expect((await auditRows("auth.lockout")).length).toBe(1);
    const inbox = await t.rt.deps.database.db
      .selectFrom("notifications")
      .select("title")
      .where("user_id", "=", await t.userId("finance"))
      .execute();
    expect(inbox.map((n) => n.title)).toContain("账户已被临时锁定");

    t.clock.advance(31 * 60_000);
    const after = await t
      .anonymous()
      .post("/api/auth/login", { username: "finance", password: "Rencai@2026" });
    expect(after.statusCode).toBe(200);
  });
});

describe("sessions", () => {
  it("logout kills the session", async () => {
    const client = await t.login("hrss");
    const sid = client.cookies.rencai_sid!;
    expect((await client.post("/api/auth/logout")).statusCode).toBe(204);
    const reused = makeClient(t.app, "reused");
    reused.cookies = { rencai_sid: sid };
    expect((await reused.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("expires after 30 idle minutes but not while in use", async () => {
    const client = await t.login("hrss_leader");
    t.clock.advance(20 * 60_000);
    expect((await client.get("/api/auth/me")).statusCode).toBe(200);
    t.clock.advance(20 * 60_000);
    expect((await client.get("/api/auth/me")).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const res = await client.get("/api/auth/me");
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("AUTH_REQUIRED");
  });

  it("ends at its absolute lifetime even when active", async () => {
    const client = await t.login("employer");
    for (let i = 0; i < 12 * 3; i++) {
      t.clock.advance(20 * 60_000);
      const res = await client.get("/api/auth/me");
      if (res.statusCode !== 200) {
        expect(i * 20).toBeGreaterThanOrEqual(11 * 60);
        return;
      }
    }
    throw new Error("session outlived its absolute lifetime");
  });

  it("a disabled account's session dies at once", async () => {
    const talent = await t.login("talent");
    const admin = await t.login("sysadmin");
    expect((await talent.get("/api/auth/me")).statusCode).toBe(200);
    const res = await admin.post(`/api/users/${await t.userId("talent")}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("disabled");
    expect((await talent.get("/api/auth/me")).statusCode).toBe(401);
    const relogin = await t
      .anonymous()
      .post("/api/auth/login", { username: "talent", password: "Rencai@2026" });
    expect(relogin.statusCode).toBe(401);
    expect((await admin.post(`/api/users/${await t.userId("talent")}/enable`)).statusCode).toBe(200);
    expect(
      (await t.anonymous().post("/api/auth/login", { username: "talent", password: "Rencai@2026" }))
        .statusCode,
    ).toBe(200);
  });
});

describe("CSRF", () => {
  it("refuses a state change without token or matching Origin", async () => {
    const client = await t.login("office");
    const noToken = await client.request("POST", "/api/notifications/read-all", {}, { "x-csrf-token": "" });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe("CSRF_FAILED");
    const wrongToken = await client.request(
      "POST",
      "/api/notifications/read-all",
      {},
      { "x-csrf-token": "forged" },
    );
    expect(wrongToken.statusCode).toBe(403);
    const foreign = await client.request(
      "POST",
      "/api/notifications/read-all",
      {},
      { "x-csrf-token": "", origin: "https://evil.example" },
    );
    expect(foreign.statusCode).toBe(403);
    const sameOrigin = await client.request(
      "POST",
      "/api/notifications/read-all",
      {},
      { "x-csrf-token": "", origin: "http://localhost:80" },
    );
    expect(sameOrigin.statusCode).toBe(204);
    expect((await client.post("/api/notifications/read-all")).statusCode).toBe(204);
    const denials = await auditRows("authz.denied");
    expect(denials.filter((r) => r.detail?.includes("CSRF_FAILED")).length).toBeGreaterThanOrEqual(3);
  });

  it("refuses a login posted from a foreign origin", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { origin: "https://evil.example" },
      payload: { username: "office", password: "Rencai@2026" },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe("password change", () => {
  it("forces a first-login change for admin-created accounts and enforces the policy", async () => {
    const admin = await t.login("sysadmin");
    const created = await admin.post("/api/users", {
      username: "newofficer",
      displayName: "新经办人",
      orgId: await t.orgId("市科技局"),
      roles: [{ role: "officer", orgId: await t.orgId("市科技局") }],
    });
    expect(created.statusCode).toBe(201);
    const initial = created.json().initialPassword as string;
    const user = await t.login("newofficer", initial);
    const me = await user.get("/api/auth/me");
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await user.get("/api/notifications");
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe("PASSWORD_CHANGE_REQUIRED");

    const weak = await user.post("/api/auth/password", { currentPassword: initial, newPassword: "password" });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().code).toBe("PASSWORD_POLICY");
    const messages = (weak.json().errors as { message: { en: string } }[])
      .map((e) => e.message.en)
      .join(" | ");
    expect(messages).toMatch(/at least 8|mix at least 3|too common/);
    const common = await user.post("/api/auth/password", {
      currentPassword: initial,
      newPassword: "P@ssw0rd",
    });
    expect(common.statusCode).toBe(422);
    expect(JSON.stringify(common.json().errors)).toContain("too common");

    const other = await t.login("newofficer", initial);
    const ok = await user.post("/api/auth/password", { currentPassword: initial, newPassword: "Kx7#mq2Lw9" });
    expect(ok.statusCode).toBe(200);
    // The other browser's session died; this one was rotated and still works.
    expect((await other.get("/api/auth/me")).statusCode).toBe(401);
    const after = await user.get("/api/auth/me");
    expect(after.statusCode).toBe(200);
    expect(after.json().mustChangePassword).toBe(false);
    expect((await user.get("/api/notifications")).statusCode).toBe(200);
  });

  it("rejects a wrong current password without changing anything", async () => {
    const user = await t.login("expert");
    const res = await user.post("/api/auth/password", { currentPassword: "nope", newPassword: "Kx7#mq2Lw9" });
    expect(res.statusCode).toBe(401);
    expect(
      (await t.anonymous().post("/api/auth/login", { username: "expert", password: "Rencai@2026" }))
        .statusCode,
    ).toBe(200);
  });
});

describe("rate limiting", () => {
  it("limits login attempts per client", async () => {
    const limited = await createTestApp({ env: { LOGIN_RATE_LIMIT: "3" } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (await limited.anonymous().post("/api/auth/login", { username: "x", password: "y" })).statusCode,
        );
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes.slice(3)).toEqual([429, 429]);
      const body = (
        await limited.anonymous().post("/api/auth/login", { username: "x", password: "y" })
      ).json();
      expect(body).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    } finally {
      await limited.close();
    }
  });
});
