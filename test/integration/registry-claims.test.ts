// Issue 12 item 1: a portal account claims a record the talent office registered only with proof.
// Talents: name + ID number, then a one-time code sent (fake gateway) to the phone already on the
// record: hashed, short-lived, attempt-limited, single use. Employers: an authorisation letter the
// talent office approves. Until then the account sees nothing of the record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoResidentId, demoUscc } from "../../src/server/demo/registry.js";
import type { FakeSmsGateway } from "../../src/server/modules/notifications/sms-gateway.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { uploadedId } from "../harness/files.js";
import { postForm } from "../harness/portal.js";

let t: TestApp;
let office: TestClient;
let sms: FakeSmsGateway;
let serial = 500;

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
  sms = t.rt.services.sms as FakeSmsGateway;
});
afterAll(async () => {
  await t?.close();
});

const PASSWORD = "Rencai@Talent26";

/** A record the office made (with the phone on file), then a portal registration with its ID number. */
async function claimant(opts: { realName?: string; phone?: string | null } = {}) {
  serial += 1;
  const id = demoResidentId("210802", "19900101", serial);
  const made = await office.post("/api/registry/talents", {
    name: "档案人才",
    idType: "resident",
    idNumber: id,
    ...(opts.phone === null ? {} : { phone: opts.phone ?? "13812345678" }),
  });
  expect(made.statusCode).toBe(201);
  const client = t.anonymous();
  const res = await postForm(client, "/portal/register/talent", {
    username: `claimer${serial}`,
    realName: opts.realName ?? "档案人才",
    idNumber: id,
    // The attacker types their own phone; the code must go to the one on the record.
    mobile: "13900001111",
    password: PASSWORD,
    password2: PASSWORD,
  });
  expect(res.statusCode).toBe(303);
  const claims = (await client.get("/api/registry/claims/mine")).json();
  expect(claims).toHaveLength(1);
  return { client, claim: claims[0], talentId: made.json().id as string };
}

const lastCode = (to: string) => {
  const mine = sms.sent.filter((m) => m.to === to);
  expect(mine.length).toBeGreaterThan(0);
  return /验证码 (\d{6})/.exec(mine.at(-1)!.text)![1]!;
};

describe("talent claim by SMS code", () => {
  it("sends the code to the phone on the record, links on the right code, once", async () => {
    const { client, claim, talentId } = await claimant();
    expect(claim.sms).toEqual({ available: true, phoneMasked: "138****5678" });
    expect((await client.get("/api/registry/me")).statusCode).toBe(404);
    const sent = await client.post(`/api/registry/claims/${claim.id}/send-code`);
    expect(sent.statusCode).toBe(200);
    expect(sent.json().phoneMasked).toBe("138****5678");
    expect(sms.sent.some((m) => m.to === "13900001111")).toBe(false);
    const code = lastCode("13812345678");
    const row = await t.rt.deps.database.db
      .selectFrom("registry_claims")
      .selectAll()
      .where("id", "=", claim.id)
      .executeTakeFirstOrThrow();
    expect(row.code_hash).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(code);

    const wrong = code === "000000" ? "111111" : "000000";
    expect((await client.post(`/api/registry/claims/${claim.id}/verify`, { code: wrong })).statusCode).toBe(
      400,
    );
    const ok = await client.post(`/api/registry/claims/${claim.id}/verify`, { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe("approved");
    const me = await client.get("/api/registry/me");
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(talentId);
    // Single use.
    expect((await client.post(`/api/registry/claims/${claim.id}/verify`, { code })).statusCode).toBe(409);
  });

  it("refuses an expired code and spends at most five attempts, even in parallel", async () => {
    const { client, claim } = await claimant();
    await client.post(`/api/registry/claims/${claim.id}/send-code`);
    const code = lastCode("13812345678");
    t.clock.advance(11 * 60_000);
    const late = await client.post(`/api/registry/claims/${claim.id}/verify`, { code });
    expect(late.json().code).toBe("CLAIM_CODE_INVALID");
    const again = client;

    await again.post(`/api/registry/claims/${claim.id}/send-code`);
    const fresh = lastCode("13812345678");
    const guesses = Array.from({ length: 8 }, (_, i) =>
      String((Number(fresh) + 1 + i) % 1_000_000).padStart(6, "0"),
    );
    const codes = (
      await Promise.all(
        guesses.map((g) => again.post(`/api/registry/claims/${claim.id}/verify`, { code: g })),
      )
    ).map((r) => r.statusCode);
    expect(codes.every((c) => c === 400)).toBe(true);
    // Five wrong tries burnt this code: even the right one is refused now.
    expect((await again.post(`/api/registry/claims/${claim.id}/verify`, { code: fresh })).statusCode).toBe(
      400,
    );
    const row = await t.rt.deps.database.db
      .selectFrom("registry_claims")
      .select("code_attempts")
      .where("id", "=", claim.id)
      .executeTakeFirstOrThrow();
    expect(row.code_attempts).toBe(5);
    expect((await again.get("/api/registry/me")).statusCode).toBe(404);
  });

  it("offers no SMS when the name differs from the record; another user cannot use the claim", async () => {
    const { client, claim } = await claimant({ realName: "冒名者" });
    expect(claim.sms.available).toBe(false);
    expect((await client.post(`/api/registry/claims/${claim.id}/send-code`)).json().code).toBe(
      "CLAIM_SMS_UNAVAILABLE",
    );
    const other = await t.login("talent");
    expect((await other.post(`/api/registry/claims/${claim.id}/send-code`)).statusCode).toBe(404);
  });

  it("the talent office can approve a claim instead, and the claimant is notified", async () => {
    const { client, claim, talentId } = await claimant({ phone: null });
    expect(claim.sms.available).toBe(false);
    const listed = (await office.get("/api/registry/claims?status=pending")).json();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.map((c: { id: string }) => c.id)).toContain(claim.id);
    expect(
      (await client.post(`/api/registry/claims/${claim.id}/decision`, { decision: "approve" })).statusCode,
    ).toBe(403);
    const decided = await office.post(`/api/registry/claims/${claim.id}/decision`, { decision: "approve" });
    expect(decided.statusCode).toBe(200);
    expect((await client.get("/api/registry/me")).json().id).toBe(talentId);
    const inbox = (await client.get("/api/notifications")).json().items;
    expect(inbox.some((n: { title: string }) => n.title === "档案认领已通过")).toBe(true);
  });
});

describe("employer claim with an authorisation letter", () => {
  it("links only after the letter is uploaded and the office approves", async () => {
    const uscc = demoUscc("91", "210802", "77665544");
    const made = await office.post("/api/registry/employers", {
      name: "站前新材料有限公司",
      uscc,
      kind: "enterprise",
    });
    expect(made.statusCode).toBe(201);
    const client = t.anonymous();
    const res = await postForm(client, "/portal/register/employer", {
      username: "zhanqian",
      orgName: "站前新材料有限公司",
      uscc,
      contactName: "赵经理",
      mobile: "13955550000",
      password: PASSWORD,
      password2: PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    const [claim] = (await client.get("/api/registry/claims/mine")).json();
    expect(claim).toMatchObject({ kind: "employer", status: "pending", hasLetter: false });
    expect((await client.get("/api/registry/employers/mine")).statusCode).toBe(404);
    const early = await office.post(`/api/registry/claims/${claim.id}/decision`, { decision: "approve" });
    expect(early.json().code).toBe("CLAIM_LETTER_MISSING");
    const fileId = await uploadedId(client, "授权委托书.pdf");
    expect((await client.post(`/api/registry/claims/${claim.id}/letter`, { fileId })).json().hasLetter).toBe(
      true,
    );
    // The office reads the letter before deciding.
    expect((await office.get(`/api/files/${fileId}`)).statusCode).toBe(200);
    const ok = await office.post(`/api/registry/claims/${claim.id}/decision`, { decision: "approve" });
    expect(ok.statusCode).toBe(200);
    expect((await client.get("/api/registry/employers/mine")).json().id).toBe(made.json().id);
  });
});
