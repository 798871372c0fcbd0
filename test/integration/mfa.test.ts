// Issue 12 item 8: two-factor authentication (TOTP, RFC 6238) with recovery codes, enforced by role
// from the security settings. Codes are generated here with `otpauth` from the secret in the URI the
// server hands out at enrolment, on the app's own (fixed) clock.
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { createTestApp, makeClient, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const STEP_MS = 30_000;
/** The security administrator's generator, once enrolled (enforcement tests). */
let secadminTotp: OTPAuth.TOTP;
const db = () => t.rt.deps.database.db;
const codeAt = (totp: OTPAuth.TOTP, offsetSteps = 0) =>
  totp.generate({ timestamp: t.clock.now().getTime() + offsetSteps * STEP_MS });
/** A code of the same generator that is surely not the current one (nor its neighbours). */
const wrongCode = (totp: OTPAuth.TOTP) => {
  const near = new Set([-1, 0, 1].map((d) => codeAt(totp, d)));
  for (let i = 0; ; i++) {
    const candidate = String(123456 + i * 7919).slice(-6);
    if (!near.has(candidate)) return candidate;
  }
};
const auditRows = (action: string, result?: string) => {
  let q = db().selectFrom("audit_log").selectAll().where("action", "=", action);
  if (result) q = q.where("result", "=", result);
  return q.orderBy("seq").execute();
};

/** Password step only: the client holds a pending session. */
async function passwordStep(
  username: string,
): Promise<{ client: TestClient; body: Record<string, unknown> }> {
  const client = makeClient(t.app, username);
  const res = await client.post("/api/auth/login", { username, password: DEMO_PASSWORD });
  expect(res.statusCode).toBe(200);
  return { client, body: res.json() };
}

/** Enrols an already logged-in client and returns its generator and recovery codes. */
async function enrol(client: TestClient): Promise<{ totp: OTPAuth.TOTP; recoveryCodes: string[] }> {
  const start = await client.post("/api/auth/mfa/enrol");
  expect(start.statusCode).toBe(200);
  const totp = OTPAuth.URI.parse(start.json().otpauthUri) as OTPAuth.TOTP;
  const confirm = await client.post("/api/auth/mfa/enrol/confirm", { code: codeAt(totp) });
  expect(confirm.statusCode).toBe(200);
  return { totp, recoveryCodes: confirm.json().recoveryCodes };
}

describe("enrolment", () => {
  let hrss: TestClient;
  let totp: OTPAuth.TOTP;
  let recoveryCodes: string[];

  it("starts with an otpauth URI and a QR code; the secret is sealed at rest", async () => {
    hrss = await t.login("hrss");
    const status = await hrss.get("/api/auth/mfa");
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ enabled: false, required: false, recoveryCodesLeft: 0 });

    const res = await hrss.post("/api/auth/mfa/enrol");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(body.qrCode).toMatch(/^data:image\/(png|svg\+xml);base64,/);
    totp = OTPAuth.URI.parse(body.otpauthUri) as OTPAuth.TOTP;
    expect(totp.digits).toBe(6);
    expect(totp.period).toBe(30);
    const secret = totp.secret.base32;
    expect(secret.length).toBeGreaterThanOrEqual(32); // ≥ 160 bits

    const row = await db()
      .selectFrom("user_mfa")
      .selectAll()
      .where("user_id", "=", await t.userId("hrss"))
      .executeTakeFirstOrThrow();
    expect(row.enabled_at).toBeNull();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret.startsWith("v1.")).toBe(true);
    // Not enabled yet: the next login still needs only the password.
    const { body: login } = await passwordStep("hrss");
    expect(login.user).toBeDefined();
    expect(login.mfaRequired).toBeFalsy();
  });

  it("a wrong code does not confirm; the right one enables and returns 10 recovery codes once", async () => {
    const wrong = await hrss.post("/api/auth/mfa/enrol/confirm", { code: wrongCode(totp) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: "MFA_CODE_INVALID", message: { zh: expect.any(String) } });
    expect(wrong.headers["content-type"]).toContain("application/problem+json");

    const res = await hrss.post("/api/auth/mfa/enrol/confirm", { code: codeAt(totp) });
    expect(res.statusCode).toBe(200);
    recoveryCodes = res.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const stored = await db()
      .selectFrom("mfa_recovery_codes")
      .selectAll()
      .where("user_id", "=", await t.userId("hrss"))
      .execute();
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const c of recoveryCodes) expect(dump).not.toContain(c);

    const status = (await hrss.get("/api/auth/mfa")).json();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(status).not.toHaveProperty("recoveryCodes");
    expect((await hrss.post("/api/auth/mfa/enrol")).statusCode).toBe(409);
    expect((await hrss.post("/api/auth/mfa/enrol/confirm", { code: codeAt(totp) })).statusCode).toBe(409);
    expect((await auditRows("auth.mfa.enrol")).length).toBeGreaterThanOrEqual(1);
    expect((await auditRows("auth.mfa.enrol", "failed")).length).toBe(1);
  });

  describe("login", () => {
    it("the password alone yields a pending session that reaches nothing but the second step", async () => {
      const { client, body } = await passwordStep("hrss");
      expect(body).toMatchObject({ mfaRequired: true, csrfToken: expect.any(String) });
      expect(body.user).toBeUndefined();
      for (const url of ["/api/auth/me", "/api/tasks", "/api/auth/mfa", "/api/notifications"]) {
        const res = await client.get(url);
        expect(res.statusCode, url).toBe(401);
        expect(res.json().code, url).toBe("MFA_REQUIRED");
      }
      expect(
        (await client.post("/api/auth/mfa/disable", { password: DEMO_PASSWORD, code: codeAt(totp) }))
          .statusCode,
      ).toBe(401);
      expect((await client.post("/api/auth/mfa/recovery-codes", { code: codeAt(totp) })).statusCode).toBe(
        401,
      );
    });

    it("a wrong code is refused and counted; the right code completes the login", async () => {
      t.clock.advance(STEP_MS);
      const userId = await t.userId("hrss");
      const { client } = await passwordStep("hrss");
      const wrong = await client.post("/api/auth/login/mfa", { code: wrongCode(totp) });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({
        code: "MFA_FAILED",
        message: { zh: expect.any(String), en: expect.any(String) },
      });
      const row = await db()
        .selectFrom("users")
        .select("failed_attempts")
        .where("id", "=", userId)
        .executeTakeFirstOrThrow();
      expect(row.failed_attempts).toBe(1);
      expect((await auditRows("auth.mfa.verify", "failed")).length).toBe(1);

      const ok = await client.post("/api/auth/login/mfa", { code: codeAt(totp) });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user).toMatchObject({ username: "hrss" });
      expect((await client.get("/api/auth/me")).statusCode).toBe(200);
      expect((await client.get("/api/tasks")).statusCode).toBe(200);
      const after = await db()
        .selectFrom("users")
        .select("failed_attempts")
        .where("id", "=", userId)
        .executeTakeFirstOrThrow();
      expect(after.failed_attempts).toBe(0);
    });

    it("the same code (same time step) cannot be used twice", async () => {
      const replayed = codeAt(totp);
      const { client } = await passwordStep("hrss");
      const res = await client.post("/api/auth/login/mfa", { code: replayed });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("MFA_FAILED");
      // Nor the previous step's code, which the ±1 window would otherwise accept.
      expect((await client.post("/api/auth/login/mfa", { code: codeAt(totp, -1) })).statusCode).toBe(401);
      t.clock.advance(STEP_MS);
      expect((await client.post("/api/auth/login/mfa", { code: codeAt(totp) })).statusCode).toBe(200);
      // Two failures counted, then reset by the success.
      const audit = await auditRows("auth.mfa.verify", "failed");
      expect(audit.some((r) => r.detail?.includes("replay"))).toBe(true);
    });

    it("one code submitted on two pending sessions at once passes only once", async () => {
      t.clock.advance(STEP_MS);
      const [a, b] = await Promise.all([passwordStep("hrss"), passwordStep("hrss")]);
      const code = codeAt(totp);
      const results = await Promise.all([
        a.client.post("/api/auth/login/mfa", { code }),
        b.client.post("/api/auth/login/mfa", { code }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    });

    it("accepts the neighbouring step (clock drift of ±30 s)", async () => {
      t.clock.advance(3 * STEP_MS);
      const { client } = await passwordStep("hrss");
      expect((await client.post("/api/auth/login/mfa", { code: codeAt(totp, -1) })).statusCode).toBe(200);
      t.clock.advance(3 * STEP_MS);
      const second = await passwordStep("hrss");
      expect((await second.client.post("/api/auth/login/mfa", { code: codeAt(totp, 2) })).statusCode).toBe(
        401,
      );
      expect((await second.client.post("/api/auth/login/mfa", { code: codeAt(totp, 1) })).statusCode).toBe(
        200,
      );
    });

    it("a recovery code works once", async () => {
      const code = recoveryCodes[0]!;
      const { client } = await passwordStep("hrss");
      const ok = await client.post("/api/auth/login/mfa", { recoveryCode: code });
      expect(ok.statusCode).toBe(200);
      expect((await client.get("/api/auth/mfa")).json().recoveryCodesLeft).toBe(9);
      expect((await auditRows("auth.mfa.recovery")).length).toBe(1);
      const again = await passwordStep("hrss");
      const reused = await again.client.post("/api/auth/login/mfa", { recoveryCode: code });
      expect(reused.statusCode).toBe(401);
      // Written in another case and with spaces, an unused one still works.
      const loose = ` ${recoveryCodes[1]!.toLowerCase()} `;
      expect((await again.client.post("/api/auth/login/mfa", { recoveryCode: loose })).statusCode).toBe(200);
    });

    it("refuses a body with neither or both of code and recovery code", async () => {
      const { client } = await passwordStep("hrss");
      expect((await client.post("/api/auth/login/mfa", {})).statusCode).toBe(400);
      const both = await client.post("/api/auth/login/mfa", {
        code: "123456",
        recoveryCode: recoveryCodes[2],
      });
      expect(both.statusCode).toBe(400);
      expect((await client.post("/api/auth/login/mfa", { code: "12ab56" })).statusCode).toBe(400);
    });

    it("a pending session expires after five minutes", async () => {
      const { client } = await passwordStep("hrss");
      t.clock.advance(6 * 60_000);
      const res = await client.post("/api/auth/login/mfa", { code: codeAt(totp) });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe("AUTH_REQUIRED");
    });

    it("the second step is only for a pending session", async () => {
      const full = await t.login("office");
      const res = await full.post("/api/auth/login/mfa", { code: "123456" });
      expect(res.statusCode).toBe(409);
      expect((await t.anonymous().post("/api/auth/login/mfa", { code: "123456" })).statusCode).toBe(401);
    });
  });

  describe("recovery codes and disabling", () => {
    it("regenerating recovery codes needs a current code and voids the old ones", async () => {
      t.clock.advance(STEP_MS);
      const { client } = await passwordStep("hrss");
      expect((await client.post("/api/auth/login/mfa", { code: codeAt(totp) })).statusCode).toBe(200);
      const refused = await client.post("/api/auth/mfa/recovery-codes", { code: wrongCode(totp) });
      expect(refused.statusCode).toBe(422);
      t.clock.advance(STEP_MS);
      const res = await client.post("/api/auth/mfa/recovery-codes", { code: codeAt(totp) });
      expect(res.statusCode).toBe(200);
      const fresh: string[] = res.json().recoveryCodes;
      expect(fresh).toHaveLength(10);
      expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);
      const old = await passwordStep("hrss");
      expect(
        (await old.client.post("/api/auth/login/mfa", { recoveryCode: recoveryCodes[3] })).statusCode,
      ).toBe(401);
      expect((await old.client.post("/api/auth/login/mfa", { recoveryCode: fresh[0] })).statusCode).toBe(200);
      recoveryCodes = fresh.slice(1);
      hrss = old.client;
    });

    it("disabling needs the password and a current code", async () => {
      t.clock.advance(STEP_MS);
      const badPassword = await hrss.post("/api/auth/mfa/disable", {
        password: "Wrong#Pass1",
        code: codeAt(totp),
      });
      expect(badPassword.statusCode).toBe(422);
      const badCode = await hrss.post("/api/auth/mfa/disable", {
        password: DEMO_PASSWORD,
        code: wrongCode(totp),
      });
      expect(badCode.statusCode).toBe(422);
      expect((await hrss.get("/api/auth/mfa")).json().enabled).toBe(true);
      const ok = await hrss.post("/api/auth/mfa/disable", { password: DEMO_PASSWORD, code: codeAt(totp) });
      expect(ok.statusCode).toBe(204);
      expect((await hrss.get("/api/auth/mfa")).json()).toMatchObject({
        enabled: false,
        recoveryCodesLeft: 0,
      });
      expect((await auditRows("auth.mfa.disable", "ok")).length).toBe(1);
      expect((await auditRows("auth.mfa.disable", "failed")).length).toBe(2);
      const { body } = await passwordStep("hrss");
      expect(body.user).toBeDefined();
      // The unlock clears the failures the wrong attempts above counted.
      await db().updateTable("users").set({ failed_attempts: 0 }).where("username", "=", "hrss").execute();
    });
  });
});

describe("failed codes count towards the lockout", () => {
  it("five wrong codes lock the account, even with fresh password steps in between", async () => {
    const science = await t.login("science");
    const { totp } = await enrol(science);
    for (let i = 0; i < 5; i++) {
      // A new password step must not reset the failure count (or the code could be guessed forever).
      const { client, body } = await passwordStep("science");
      expect(body.mfaRequired).toBe(true);
      expect((await client.post("/api/auth/login/mfa", { code: wrongCode(totp) })).statusCode).toBe(401);
    }
    expect((await auditRows("auth.lockout")).length).toBeGreaterThanOrEqual(1);
    t.clock.advance(STEP_MS);
    const locked = await t
      .anonymous()
      .post("/api/auth/login", { username: "science", password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().code).toBe("AUTH_FAILED");
    t.clock.advance(31 * 60_000);
    const { client } = await passwordStep("science");
    expect((await client.post("/api/auth/login/mfa", { code: codeAt(totp) })).statusCode).toBe(200);
  });

  it("a pending session whose account locks meanwhile is ended", async () => {
    const science = makeClient(t.app, "science");
    const pending = await science.post("/api/auth/login", { username: "science", password: DEMO_PASSWORD });
    expect(pending.json().mfaRequired).toBe(true);
    await db()
      .updateTable("users")
      .set({ locked_until: new Date(t.clock.now().getTime() + 60_000).toISOString() })
      .where("username", "=", "science")
      .execute();
    t.clock.advance(STEP_MS);
    const res = await science.post("/api/auth/login/mfa", { code: "000000" });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe("AUTH_FAILED");
    t.clock.advance(2 * 60_000);
    expect((await science.get("/api/auth/me")).statusCode).toBe(401);
  });
});

describe("enforcement by role", () => {
  let secadmin: TestClient;
  let before: Record<string, unknown>;

  beforeAll(async () => {
    secadmin = await t.login("secadmin");
    before = (await secadmin.get("/api/settings/security")).json();
  });
  afterAll(async () => {
    await secadmin.put("/api/settings/security", before);
  });

  it("defaults to no role required, and refuses roles that do not exist", async () => {
    expect(before.mfaRequiredRoles).toEqual([]);
    const bad = await secadmin.put("/api/settings/security", { ...before, mfaRequiredRoles: ["wizard"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
  });

  it("a user whose role requires 2FA and who has none is confined to enrolment", async () => {
    const put = await secadmin.put("/api/settings/security", { ...before, mfaRequiredRoles: ["leader"] });
    expect(put.statusCode).toBe(200);
    expect(put.json().mfaRequiredRoles).toEqual(["leader"]);

    const leader = await t.login("finance_leader");
    const me = await leader.get("/api/auth/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().mfaEnrolmentRequired).toBe(true);
    const refused = await leader.get("/api/tasks");
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: "MFA_ENROLMENT_REQUIRED",
      message: { zh: expect.any(String) },
    });
    expect((await leader.get("/api/auth/mfa")).json()).toMatchObject({ enabled: false, required: true });

    // Other roles are not affected.
    const officer = await t.login("finance");
    expect((await officer.get("/api/tasks")).statusCode).toBe(200);
    expect((await officer.get("/api/auth/me")).json().mfaEnrolmentRequired).toBe(false);

    const { totp } = await enrol(leader);
    expect((await leader.get("/api/tasks")).statusCode).toBe(200);
    expect((await leader.get("/api/auth/me")).json().mfaEnrolmentRequired).toBe(false);

    // The next login needs the code; and a required user may not switch 2FA off.
    t.clock.advance(STEP_MS);
    const { client, body } = await passwordStep("finance_leader");
    expect(body.mfaRequired).toBe(true);
    expect((await client.post("/api/auth/login/mfa", { code: codeAt(totp) })).statusCode).toBe(200);
    t.clock.advance(STEP_MS);
    const off = await client.post("/api/auth/mfa/disable", { password: DEMO_PASSWORD, code: codeAt(totp) });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe("MFA_REQUIRED_BY_ROLE");
  });

  it("applies to a session that already exists when the setting changes", async () => {
    expect((await secadmin.put("/api/settings/security", before)).statusCode).toBe(200);
    const leader = await t.login("hrss_leader");
    expect((await leader.get("/api/tasks")).statusCode).toBe(200);
    const put = await secadmin.put("/api/settings/security", {
      ...before,
      mfaRequiredRoles: ["leader", "secadmin"],
    });
    expect(put.statusCode).toBe(200);
    expect((await leader.get("/api/tasks")).statusCode).toBe(403);
    // The security administrator who set it is confined too, until enrolled.
    expect((await secadmin.get("/api/settings/security")).statusCode).toBe(403);
    secadminTotp = (await enrol(secadmin)).totp;
    expect((await secadmin.get("/api/settings/security")).statusCode).toBe(200);
  });
});

describe("authorization", () => {
  it("every 2FA route needs a session", async () => {
    const anon = t.anonymous();
    expect((await anon.get("/api/auth/mfa")).statusCode).toBe(401);
    expect((await anon.post("/api/auth/mfa/enrol")).statusCode).toBe(401);
    expect((await anon.post("/api/auth/mfa/enrol/confirm", { code: "123456" })).statusCode).toBe(401);
    expect((await anon.post("/api/auth/mfa/disable", { password: "x", code: "123456" })).statusCode).toBe(
      401,
    );
    expect((await anon.post("/api/auth/mfa/recovery-codes", { code: "123456" })).statusCode).toBe(401);
  });

  it("another user cannot touch my enrolment: the routes act on the caller only", async () => {
    t.clock.advance(STEP_MS);
    const coast = await t.login("coast");
    const mine = await enrol(coast);
    const ftz = await t.login("ftz");
    // ftz sees its own state, not coast's.
    expect((await ftz.get("/api/auth/mfa")).json()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    // coast's code with ftz's password disables nothing (ftz has no 2FA) and leaves coast enrolled.
    t.clock.advance(STEP_MS);
    const res = await ftz.post("/api/auth/mfa/disable", { password: DEMO_PASSWORD, code: codeAt(mine.totp) });
    expect(res.statusCode).toBe(409);
    expect((await ftz.post("/api/auth/mfa/recovery-codes", { code: codeAt(mine.totp) })).statusCode).toBe(
      409,
    );
    // ftz's own enrolment has its own secret; coast's code does not confirm it.
    const start = await ftz.post("/api/auth/mfa/enrol");
    expect(start.statusCode).toBe(200);
    const other = OTPAuth.URI.parse(start.json().otpauthUri) as OTPAuth.TOTP;
    expect(other.secret.base32).not.toBe(mine.totp.secret.base32);
    expect((await ftz.post("/api/auth/mfa/enrol/confirm", { code: codeAt(mine.totp) })).statusCode).toBe(422);
    expect((await coast.get("/api/auth/mfa")).json()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    // coast's recovery code does not complete ftz's pending login (ftz's enrolment is done first).
    await ftz.post("/api/auth/mfa/enrol/confirm", { code: codeAt(other) });
    t.clock.advance(STEP_MS);
    const { client } = await passwordStep("ftz");
    expect(
      (await client.post("/api/auth/login/mfa", { recoveryCode: mine.recoveryCodes[0] })).statusCode,
    ).toBe(401);
    expect((await client.post("/api/auth/login/mfa", { code: codeAt(mine.totp) })).statusCode).toBe(401);
    expect((await client.post("/api/auth/login/mfa", { code: codeAt(other) })).statusCode).toBe(200);
  });
});

describe("a lost phone: the account's custodian resets 2FA", () => {
  it("sysadmin resets an officer's 2FA; the holder, other admins and the officer themselves cannot", async () => {
    t.clock.advance(STEP_MS);
    const finance = await t.login("finance");
    await enrol(finance);
    const financeId = await t.userId("finance");
    // (secadmin has 2FA on by now; its refusal is checked below with a complete login.)
    const [sysadmin, auditor, office] = await Promise.all([
      t.login("sysadmin"),
      t.login("auditor"),
      t.login("office"),
    ]);
    const list = (await sysadmin.get("/api/users?q=finance")).json().items as {
      username: string;
      mfaEnabled: boolean;
    }[];
    expect(list.find((u) => u.username === "finance")?.mfaEnabled).toBe(true);

    for (const other of [auditor, office]) {
      expect((await other.post(`/api/users/${financeId}/mfa/reset`)).statusCode, other.username).toBe(403);
    }
    expect((await finance.post(`/api/users/${financeId}/mfa/reset`)).statusCode).toBe(403);
    expect((await sysadmin.post("/api/users/NOSUCHUSER/mfa/reset")).statusCode).toBe(404);
    expect((await finance.get("/api/auth/mfa")).json().enabled).toBe(true);

    const res = await sysadmin.post(`/api/users/${financeId}/mfa/reset`);
    expect(res.statusCode).toBe(200);
    expect(res.json().mfaEnabled).toBe(false);
    // The holder's sessions end; the next login needs the password only.
    expect((await finance.get("/api/auth/me")).statusCode).toBe(401);
    const { body } = await passwordStep("finance");
    expect(body.user).toBeDefined();
    expect((await auditRows("users.mfa.reset")).length).toBe(1);
  });

  it("三权分立: the auditor's 2FA is reset by the security admin, not by the system admin", async () => {
    t.clock.advance(STEP_MS);
    const auditor = await t.login("auditor");
    await enrol(auditor);
    const auditorId = await t.userId("auditor");
    const sysadmin = await t.login("sysadmin");
    expect((await sysadmin.post(`/api/users/${auditorId}/mfa/reset`)).statusCode).toBe(403);
    // secadmin enrolled in the enforcement tests: a password step alone is not enough.
    const { client } = await passwordStep("secadmin");
    expect((await client.post(`/api/users/${auditorId}/mfa/reset`)).statusCode).toBe(401);
    expect((await client.post("/api/auth/login/mfa", { code: codeAt(secadminTotp) })).statusCode).toBe(200);
    // An officer's account is the system admin's to keep, not the security admin's.
    const officerId = await t.userId("coast");
    expect((await client.post(`/api/users/${officerId}/mfa/reset`)).statusCode).toBe(403);
    const res = await client.post(`/api/users/${auditorId}/mfa/reset`);
    expect(res.statusCode).toBe(200);
    expect(res.json().mfaEnabled).toBe(false);
  });

  it("`rencai admin reset-mfa` does the same at the server's console, audited as the system", async () => {
    // coast enrolled in the authorization tests: the password step is pending.
    const { body } = await passwordStep("coast");
    expect(body.mfaRequired).toBe(true);
    expect(await t.rt.services.users.resetMfaAtConsole("Coast")).toEqual({ hadMfa: true });
    expect((await passwordStep("coast")).body.user).toBeDefined();
    const rows = await auditRows("users.mfa.reset.console");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actor_id).toBeNull();
    await expect(t.rt.services.users.resetMfaAtConsole("nobody")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
