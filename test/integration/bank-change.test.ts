// A payee's bank account never changes at once (issue 12 item 1): the talent re-enters their
// password, the change waits sealed as a pending change, the talent is told, and another person at
// the talent office confirms or rejects it. Until then payouts keep going to the old account, and a
// payment batch holds out (or refuses to approve and export) stages of a payee with a pending change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { makeFieldCipher } from "../../src/server/lib/crypto.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { financeColleague, fundWithLine, PAYEE, send } from "../harness/funds.js";

let t: TestApp;
let office: TestClient;
let office2: TestClient;
let finance: TestClient;
let approver: TestClient;
let talent: TestClient;
let otherTalent: TestClient;
let employer: TestClient;
let hrss: TestClient;
let talentUserId: string;
let otherTalentUserId: string;
let talentId: string;

const OLD = "6222020712001234567";
const NEW = "6217000011112222333";
const NEWER = "6217000044445555666";

const db = () => t.rt.deps.database.db;

async function makeUser(username: string, role: "talent_office" | "talent", orgName: string) {
  const orgId = await t.orgId(orgName);
  await t.rt.services.users.create(
    null,
    { username, displayName: username, orgId, roles: [{ role, orgId }] },
    { password: "Rencai@2026", mustChangePassword: false },
  );
  return t.login(username, "Rencai@2026");
}

async function storedAccount(): Promise<string | null> {
  const row = await db()
    .selectFrom("talents")
    .select("bank_account_enc")
    .where("id", "=", talentId)
    .executeTakeFirstOrThrow();
  return row.bank_account_enc === null
    ? null
    : makeFieldCipher(t.rt.config.dataKey, t.rt.config.blindIndexKey).decrypt(
        "talent.bankAccount",
        row.bank_account_enc,
      );
}

async function pendingId(): Promise<string> {
  const list = await office.get("/api/registry/bank-changes?status=pending");
  expect(list.statusCode, list.body).toBe(200);
  const mine = list.json().items.filter((c: { talent: { id: string } }) => c.talent.id === talentId);
  expect(mine).toHaveLength(1);
  return mine[0].id;
}

const requestChange = (account: string, password = DEMO_PASSWORD) =>
  talent.patch("/api/registry/me", { bankAccount: account, currentPassword: password });

beforeAll(async () => {
  t = await createTestApp({ start: "2026-03-02T02:00:00.000Z" });
  office = await t.login("office");
  finance = await t.login("finance");
  talent = await t.login("talent");
  employer = await t.login("employer");
  hrss = await t.login("hrss");
  office2 = await makeUser("office_b", "talent_office", "市委组织部");
  otherTalent = await makeUser("talent_b", "talent", "个人用户");
  approver = await financeColleague(t, "fin_b");
  talentUserId = await t.userId("talent");
  otherTalentUserId = await t.userId("talent_b");
  talentId = (await talent.get("/api/registry/me")).json().id;
  await db()
    .updateTable("users")
    .set({ email: "liuyang@example.cn" })
    .where("id", "=", talentUserId)
    .execute();
});
afterAll(async () => {
  await t?.close();
});

describe("the talent's own change", () => {
  it("needs the current password; a wrong one is refused with 403, counted, and changes nothing", async () => {
    expect(await storedAccount()).toBe(OLD);
    const none = await talent.patch("/api/registry/me", { bankAccount: NEW, industry: "不应保存" });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe("REAUTH_REQUIRED");
    expect(none.json().message.zh).toBeTruthy();
    const before = await db()
      .selectFrom("users")
      .select("failed_attempts")
      .where("id", "=", talentUserId)
      .executeTakeFirstOrThrow();
    const wrong = await requestChange(NEW, "not-my-password");
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe("REAUTH_FAILED");
    const after = await db()
      .selectFrom("users")
      .select("failed_attempts")
      .where("id", "=", talentUserId)
      .executeTakeFirstOrThrow();
    expect(after.failed_attempts).toBe(before.failed_attempts + 1);
    expect(await storedAccount()).toBe(OLD);
    expect((await talent.get("/api/registry/me")).json().industry).not.toBe("不应保存");
    const failed = await db()
      .selectFrom("audit_log")
      .select("result")
      .where("action", "=", "auth.reauth")
      .where("actor_id", "=", talentUserId)
      .execute();
    expect(failed.map((r) => r.result)).toContain("failed");
    // A bad account number is a 422 with the field's path, before anything else.
    const bad = await requestChange("12ab");
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe("/bankAccount");
  });

  it("with the password the change is held, sealed, shown as pending, and the talent is told", async () => {
    const res = await talent.patch("/api/registry/me", {
      bankAccount: NEW,
      currentPassword: DEMO_PASSWORD,
      industry: "新材料与化工",
    });
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json();
    // Other fields apply at once; the account does not.
    expect(me.industry).toBe("新材料与化工");
    expect(me.bankAccountMasked).toBe("6222***********4567");
    expect(me.pendingBankChange).toMatchObject({
      accountMasked: "6217***********2333",
      requestedBy: "talent",
    });
    expect(res.body).not.toContain(NEW);
    expect(await storedAccount()).toBe(OLD);
    const rows = await db().selectFrom("bank_account_changes").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(NEW);
    expect(rows[0]!.status).toBe("pending");
    const inbox = await db()
      .selectFrom("notifications")
      .select(["title", "kind"])
      .where("user_id", "=", talentUserId)
      .execute();
    expect(inbox.map((n) => n.title)).toContain("银行账号变更待确认");
    const mail = await db()
      .selectFrom("outbox")
      .select(["subject", "body"])
      .where("recipient", "=", "liuyang@example.cn")
      .execute();
    expect(mail.map((m) => m.subject)).toContain("银行账号变更待确认");
    expect(JSON.stringify(mail)).not.toContain(NEW);
  });

  it("the office's list shows masked old and new accounts; only the talent office reads it", async () => {
    const list = await office.get("/api/registry/bank-changes?status=pending");
    expect(list.statusCode).toBe(200);
    const items = list.json().items;
    expect(items.length).toBeGreaterThan(0);
    const item = items.find((c: { talent: { id: string } }) => c.talent.id === talentId);
    expect(item).toMatchObject({
      status: "pending",
      oldAccountMasked: "6222***********4567",
      newAccountMasked: "6217***********2333",
      requestedBy: { kind: "talent" },
      talent: { name: "刘洋" },
    });
    expect(list.body).not.toContain(NEW);
    expect(list.body).not.toContain(OLD);
    for (const who of [talent, otherTalent, employer, hrss, finance])
      expect((await who.get("/api/registry/bank-changes")).statusCode).toBe(403);
  });
});

describe("payouts while a change is pending", () => {
  it("a batch holds out the stages of a payee with a pending change and says why", async () => {
    const { fundId, lineId } = await fundWithLine(t, office, finance, 100_000_000);
    const mine = await send(office, "POST", "/api/funds/entitlements", {
      budgetLineId: lineId,
      talentUserId,
      title: "安家补贴",
      amount: 500_000,
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const theirs = await send(office, "POST", "/api/funds/entitlements", {
      budgetLineId: lineId,
      talentUserId: otherTalentUserId,
      title: "生活补贴",
      amount: 300_000,
      payee: PAYEE,
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const heldStage = (await office.get(`/api/funds/entitlements/${mine.json().id}`)).json().stages[0].id;
    // Until confirmed, the entitlement still pays the old account.
    expect((await office.get(`/api/funds/entitlements/${mine.json().id}`)).json().payee.account).toMatch(
      /4567$/,
    );

    const explicit = await send(finance, "POST", "/api/funds/batches", {
      fundId,
      title: "指定阶段",
      stageIds: [heldStage],
    });
    expect(explicit.statusCode).toBe(409);
    expect(explicit.json().code).toBe("FUNDS_PAYEE_CHANGE_PENDING");

    const created = await send(finance, "POST", "/api/funds/batches", { fundId, title: "变更期间批次" });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ total: 300_000, lineCount: 1 });
    expect(created.json().heldOut).toEqual([
      expect.objectContaining({
        stageId: heldStage,
        reason: expect.objectContaining({ zh: expect.any(String) }),
      }),
    ]);
    const batch = (await finance.get(`/api/funds/batches/${created.json().id}`)).json();
    expect(batch.lines.map((l: { stageId: string }) => l.stageId)).not.toContain(heldStage);

    // Nothing else payable but the held stage: the refusal names the hold.
    const again = await send(finance, "POST", "/api/funds/batches", { fundId, title: "只剩暂扣" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("FUNDS_PAYEE_CHANGE_PENDING");
    fundOfTalent = { fundId, entitlementId: mine.json().id };
  });
});

let fundOfTalent = { fundId: "", entitlementId: "" };

describe("confirmation", () => {
  it("nobody but another person at the talent office may confirm or reject", async () => {
    const id = await pendingId();
    for (const who of [talent, otherTalent, employer, hrss, finance]) {
      expect((await who.post(`/api/registry/bank-changes/${id}/confirm`)).statusCode).toBe(403);
      expect((await who.post(`/api/registry/bank-changes/${id}/reject`, { note: "x" })).statusCode).toBe(403);
    }
    expect((await office.post("/api/registry/bank-changes/nope/confirm")).statusCode).toBe(404);
    expect(await storedAccount()).toBe(OLD);
  });

  it("two confirmations at once: exactly one applies", async () => {
    const id = await pendingId();
    const results = await Promise.all([
      office.post(`/api/registry/bank-changes/${id}/confirm`),
      office2.post(`/api/registry/bank-changes/${id}/confirm`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe("BANK_CHANGE_DECIDED");
    expect(await storedAccount()).toBe(NEW);
    const audits = await db()
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "registry.bankChange.confirm")
      .where("object_id", "=", id)
      .execute();
    expect(audits).toHaveLength(1);
    const me = (await talent.get("/api/registry/me")).json();
    expect(me.bankAccountMasked).toBe("6217***********2333");
    expect(me.pendingBankChange).toBeNull();
    const inbox = await db()
      .selectFrom("notifications")
      .select("title")
      .where("user_id", "=", talentUserId)
      .execute();
    expect(inbox.map((n) => n.title)).toContain("银行账号变更已确认");
  });

  it("after confirmation the open entitlement pays the new account and the held stage is collected", async () => {
    const e = (await office.get(`/api/funds/entitlements/${fundOfTalent.entitlementId}`)).json();
    expect(e.payee.account).toMatch(/2333$/);
    const created = await send(finance, "POST", "/api/funds/batches", {
      fundId: fundOfTalent.fundId,
      title: "确认后批次",
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ total: 500_000, lineCount: 1, heldOut: [] });
    const batch = (await finance.get(`/api/funds/batches/${created.json().id}`)).json();
    expect(batch.lines[0].payeeAccount).toMatch(/2333$/);
  });

  it("a rejected change leaves the account as it was and tells the talent", async () => {
    expect((await requestChange(NEWER)).statusCode).toBe(200);
    const id = await pendingId();
    const res = await office.post(`/api/registry/bank-changes/${id}/reject`, { note: "账户名与本人不符" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("rejected");
    expect(await storedAccount()).toBe(NEW);
    expect((await office.post(`/api/registry/bank-changes/${id}/confirm`)).statusCode).toBe(409);
    const inbox = await db()
      .selectFrom("notifications")
      .select(["title", "body"])
      .where("user_id", "=", talentUserId)
      .execute();
    expect(inbox.find((n) => n.title === "银行账号变更未通过")?.body).toContain("账户名与本人不符");
  });

  it("a newer request replaces the older pending one", async () => {
    expect((await requestChange(NEWER)).statusCode).toBe(200);
    expect((await requestChange(OLD)).statusCode).toBe(200);
    const pending = await db()
      .selectFrom("bank_account_changes")
      .select("id")
      .where("talent_id", "=", talentId)
      .where("status", "=", "pending")
      .execute();
    expect(pending).toHaveLength(1);
    expect((await office.get("/api/registry/bank-changes?status=pending")).json().items[0]).toMatchObject({
      newAccountMasked: "6222***********4567",
    });
    // Asking for the account already on the record withdraws the pending change (no password needed).
    const back = await talent.patch("/api/registry/me", { bankAccount: NEW });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().pendingBankChange).toBeNull();
    expect((await office.get("/api/registry/bank-changes?status=pending")).json().items).toHaveLength(0);
    expect((await office.post(`/api/registry/bank-changes/${pending[0]!.id}/confirm`)).statusCode).toBe(409);
    expect(await storedAccount()).toBe(NEW);
  });
});

describe("office-side edits", () => {
  it("an officer's edit is held too and needs another officer to confirm", async () => {
    const res = await office.patch(`/api/registry/talents/${talentId}`, {
      bankAccount: NEWER,
      industry: "化工",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().industry).toBe("化工");
    expect(res.json().bankAccountMasked).toBe("6217***********2333");
    expect(res.json().pendingBankChange).toMatchObject({ requestedBy: "office" });
    expect(await storedAccount()).toBe(NEW);
    const id = await pendingId();
    const self = await office.post(`/api/registry/bank-changes/${id}/confirm`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe("BANK_CHANGE_SELF");
    expect(await storedAccount()).toBe(NEW);
    expect((await office2.post(`/api/registry/bank-changes/${id}/confirm`)).statusCode).toBe(200);
    expect(await storedAccount()).toBe(NEWER);
  });

  it("a batch collected before the change is not approved while it is pending, nor with a stale account", async () => {
    const { fundId, lineId } = await fundWithLine(t, office, finance, 10_000_000);
    const e = await send(office, "POST", "/api/funds/entitlements", {
      budgetLineId: lineId,
      talentUserId,
      title: "项目资助",
      amount: 200_000,
    });
    expect(e.statusCode, e.body).toBe(201);
    const created = await send(finance, "POST", "/api/funds/batches", { fundId, title: "变更前批次" });
    expect(created.statusCode, created.body).toBe(201);
    const batchId = created.json().id;
    expect((await requestChange(NEW)).statusCode).toBe(200);
    const held = await send(approver, "POST", `/api/funds/batches/${batchId}/approve`);
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe("FUNDS_PAYEE_CHANGE_PENDING");
    expect((await office.post(`/api/registry/bank-changes/${await pendingId()}/confirm`)).statusCode).toBe(
      200,
    );
    // The batch still carries the old account: it must be withdrawn and collected again.
    const stale = await send(approver, "POST", `/api/funds/batches/${batchId}/approve`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe("FUNDS_PAYEE_CHANGED");
    expect((await send(finance, "POST", `/api/funds/batches/${batchId}/cancel`)).statusCode).toBe(200);
    const again = await send(finance, "POST", "/api/funds/batches", { fundId, title: "重新生成" });
    expect(again.statusCode, again.body).toBe(201);
    const ok = await send(approver, "POST", `/api/funds/batches/${again.json().id}/approve`);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
