import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login("sysadmin");
});
afterAll(async () => {
  await t?.close();
});

describe("bad input", () => {
  it("answers schema violations with 400 problem+json in Chinese and English, naming the field", async () => {
    const res = await admin.post("/api/orgs", { name: "新机构", kind: "agency", colour: "red" });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const body = res.json();
    expect(body).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
      type: expect.stringContaining("validation_failed"),
    });
    expect(body.message.zh).toContain("不允许的字段");
    expect(body.errors).toContainEqual(expect.objectContaining({ path: "/colour" }));
    expect(body.requestId).toBe(res.headers["x-request-id"]);
    const missing = (await admin.post("/api/orgs", { kind: "agency" })).json();
    expect(missing.errors).toContainEqual(expect.objectContaining({ path: "/name" }));
    const wrongEnum = await admin.post("/api/orgs", { name: "新机构", kind: "bank" });
    expect(wrongEnum.statusCode).toBe(400);
  });

  it("rejects malformed JSON, wrong content types and oversized bodies without a 500", async () => {
    // Raw bodies, as a broken or hostile client would send them.
    const raw = (contentType: string, payload: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/orgs",
        headers: {
          "content-type": contentType,
          cookie: `rencai_sid=${admin.cookies.rencai_sid}`,
          "x-csrf-token": admin.csrf,
        },
        payload,
      });
    const bad = await raw("application/json", "{not json");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("INVALID_JSON");
    expect((await raw("application/xml", "<org/>")).statusCode).toBe(415);
    const big = await raw(
      "application/json",
      JSON.stringify({ name: "x".repeat(2_000_000), kind: "agency" }),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe("BODY_TOO_LARGE");
  });

  it("sends security headers on every response", async () => {
    for (const res of [await admin.get("/api/auth/me"), await t.anonymous().get("/api/nothing")]) {
      expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["x-request-id"]).toBeTruthy();
    }
  });

  it("answers unknown API paths with a 404 problem", async () => {
    const res = await admin.get("/api/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("ROUTE_NOT_FOUND");
  });

  it("never leaks stack traces or SQL", async () => {
    const responses = [
      await admin.post("/api/orgs", { name: "x", kind: "agency" }),
      await admin.get("/api/users?limit=100000"),
      await admin.patch("/api/orgs/NOPE", {}),
    ];
    for (const r of responses) {
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.body).not.toMatch(/at .*\.ts:\d+|select |insert |SQLITE|postgres/i);
    }
  });
});

describe("organisations", () => {
  it("checks the 统一社会信用代码 check digit and the region code, with field errors", async () => {
    const res = await admin.post("/api/orgs", {
      name: "坏代码公司",
      kind: "employer",
      uscc: "91210804MA0YK8C135",
      regionCode: "2108",
    });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe("ORG_INVALID");
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["/regionCode", "/uscc"]);
    expect(body.errors.find((e: { path: string }) => e.path === "/uscc").message.zh).toContain(
      "统一社会信用代码",
    );
  });

  it("creates, lists as a tree and updates; names are unique; no cycles", async () => {
    const city = await t.orgId("营口市");
    const created = await admin.post("/api/orgs", {
      name: "鲅鱼圈区人才服务中心",
      kind: "agency",
      parentId: city,
      regionCode: "210804",
      uscc: "12210800001265430B".replace("12210800001265430B", "91210882456001239M"),
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ parentId: city, regionCode: "210804", status: "active" });
    const dup = await admin.post("/api/orgs", { name: "鲅鱼圈区人才服务中心", kind: "agency" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe("ORG_NAME_TAKEN");
    const cycle = await admin.patch(`/api/orgs/${city}`, { parentId: org.id });
    expect(cycle.statusCode).toBe(422);
    const renamed = await admin.patch(`/api/orgs/${org.id}`, {
      shortName: "鲅鱼圈人才中心",
      status: "inactive",
    });
    expect(renamed.json()).toMatchObject({ shortName: "鲅鱼圈人才中心", status: "inactive" });
    const officer = await t.login("hrss");
    const list = (await officer.get("/api/orgs")).json().items as { name: string; userCount: number }[];
    expect(list.find((o) => o.name === "市人力资源社会保障局")?.userCount).toBe(2);
  });
});

describe("users", () => {
  it("creates an account with a one-time initial password and lists it with paging and search", async () => {
    const orgId = await t.orgId("市人力资源社会保障局");
    const res = await admin.post("/api/users", {
      username: "Zhang.Wei",
      displayName: "张伟",
      orgId,
      roles: [{ role: "officer", orgId }],
    });
    expect(res.statusCode).toBe(201);
    const { user, initialPassword } = res.json();
    expect(user).toMatchObject({
      username: "zhang.wei",
      mustChangePassword: true,
      status: "active",
      locked: false,
    });
    expect(initialPassword).toMatch(/^.{14}$/);
    const withMail = await admin.post("/api/users", {
      username: "li.na",
      displayName: "李娜",
      email: "lina@yingkou.gov.cn",
      orgId,
      roles: [],
    });
    expect(withMail.json().user.email).toBe("l***@yingkou.gov.cn");
    const dup = await admin.post("/api/users", {
      username: "zhang.wei",
      displayName: "张伟",
      orgId,
      roles: [],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe("USERNAME_TAKEN");
    const badName = await admin.post("/api/users", {
      username: "x y",
      displayName: "张伟",
      orgId,
      roles: [],
    });
    expect(badName.statusCode).toBe(400);
    const badOrg = await admin.post("/api/users", {
      username: "orphan",
      displayName: "孤儿",
      orgId: "NOPE",
      roles: [{ role: "officer", orgId: "NOPE" }],
    });
    expect(badOrg.statusCode).toBe(422);

    const found = (await admin.get("/api/users?q=zhang")).json();
    expect(found.items.map((u: { username: string }) => u.username)).toEqual(["zhang.wei"]);
    const byName = (await admin.get(`/api/users?q=${encodeURIComponent("张")}`)).json();
    expect(byName.items.map((u: { username: string }) => u.username)).toContain("zhang.wei");
    const page1 = (await admin.get("/api/users?limit=4")).json();
    const page2 = (await admin.get(`/api/users?limit=4&cursor=${page1.nextCursor}`)).json();
    expect(page1.items).toHaveLength(4);
    const ids = [...page1.items, ...page2.items].map((u: { id: string }) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("reset password ends the user's sessions and forces a change; unlock clears a lockout", async () => {
    const target = await t.userId("expert");
    // A reset sends the holder a one-time link (security-admin.test.ts redeems one); never a password.
    await t.rt.deps.database.db
      .updateTable("users")
      .set({ email: "expert@example.gov.cn" })
      .where("id", "=", target)
      .execute();
    const expert = await t.login("expert");
    const reset = await admin.post(`/api/users/${target}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().initialPassword).toBeUndefined();
    expect((await expert.get("/api/auth/me")).statusCode).toBe(401);

    for (let i = 0; i < 5; i++)
      await t.anonymous().post("/api/auth/login", { username: "employer", password: "bad" });
    const employerId = await t.userId("employer");
    const listed = (await admin.get("/api/users?q=employer")).json().items[0];
    expect(listed.locked).toBe(true);
    const unlocked = await admin.post(`/api/users/${employerId}/unlock`);
    expect(unlocked.json().locked).toBe(false);
    expect(
      (await t.anonymous().post("/api/auth/login", { username: "employer", password: "Rencai@2026" }))
        .statusCode,
    ).toBe(200);
  });

  it("role changes apply to the next request of the user", async () => {
    const science = await t.login("science");
    expect((await science.get("/api/users")).statusCode).toBe(403);
    const orgId = await t.orgId("市科技局");
    const id = await t.userId("science");
    const res = await admin.put(`/api/users/${id}/roles`, { roles: [{ role: "leader", orgId }] });
    expect(res.json().roles).toEqual([{ role: "leader", orgId, orgName: "市科技局" }]);
    const me = (await science.get("/api/auth/me")).json();
    expect(me.roles.map((r: { role: string }) => r.role)).toEqual(["leader"]);
  });
});

describe("security settings", () => {
  it("the security admin tightens the policy and it applies at once", async () => {
    const sec = await t.login("secadmin");
    const current = (await sec.get("/api/settings/security")).json();
    expect(current).toEqual({
      passwordMinLength: 8,
      passwordMinClasses: 3,
      lockoutThreshold: 5,
      lockoutMinutes: 30,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      // No role needs two-factor authentication by default (demo logins); SECURITY.md advises staff roles.
      mfaRequiredRoles: [],
    });
    const bad = await sec.put("/api/settings/security", { ...current, passwordMinLength: 4 });
    expect(bad.statusCode).toBe(400);
    const res = await sec.put("/api/settings/security", { ...current, passwordMinLength: 12 });
    expect(res.statusCode).toBe(200);
    expect((await t.anonymous().get("/api/auth/password-policy")).json()).toEqual({
      minLength: 12,
      minClasses: 3,
    });
    const user = await t.login("talent");
    const short = await user.post("/api/auth/password", {
      currentPassword: "Rencai@2026",
      newPassword: "Kx7#mq2Lw9",
    });
    expect(short.statusCode).toBe(422);
    await sec.put("/api/settings/security", current);
  });
});

describe("notifications", () => {
  it("shows a user their own inbox with an unread count, marks read", async () => {
    const sec = await t.login("secadmin");
    // A password change notifies the user.
    const secId = await t.userId("secadmin");
    const res = await sec.post("/api/auth/password", {
      currentPassword: "Rencai@2026",
      newPassword: "Kx7#mq2Lw9!",
    });
    expect(res.statusCode).toBe(200);
    const inbox = (await sec.get("/api/notifications")).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({ title: "密码已修改", readAt: null });
    expect((await sec.get("/api/auth/me")).json().unreadNotifications).toBe(1);
    expect((await sec.post(`/api/notifications/${inbox.items[0].id}/read`)).statusCode).toBe(204);
    expect((await sec.get("/api/notifications")).json().unread).toBe(0);
    expect(secId).toBeTruthy();
  });
});
