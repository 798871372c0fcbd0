// An approved recognition issues a numbered certificate (issue 14 item 1): the holder sees and prints
// it, anyone checks the number on the portal (masked name), the office revokes it with a reason and a
// revoked certificate says so everywhere; nobody else reads it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { decide, readyApplication, recognitionForm, submit } from "../harness/services.js";

let t: TestApp;
const c: Record<string, TestClient> = {};
const NUMBER = /^YKRC-2026-\d{6}-[2-9A-HJKMNP-Z]{4}$/;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  for (const u of ["talent", "employer", "hrss", "hrss_leader", "science", "office", "finance"]) {
    c[u] = await t.login(u);
  }
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;

async function approvedTier(): Promise<string> {
  const app = await readyApplication(c.talent!, "RC-GCCRC-RD", { ...recognitionForm(), category: "B类" });
  expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
  expect((await decide(c.hrss!, app.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(200);
  expect((await decide(c.science!, app.id, { action: "approve", stepIndex: 1 })).statusCode).toBe(200);
  const res = await decide(c.hrss!, app.id, { action: "approve", stepIndex: 1 });
  expect(res.statusCode, res.body).toBe(200);
  return app.id;
}

function titleApplication() {
  const { name, idNumber, mobile } = recognitionForm();
  return readyApplication(c.talent!, "RC-BSH-FGJ", {
    name,
    idNumber,
    mobile,
    employer: "营口辽海新材料科技有限公司",
    station: "大连理工大学材料科学与工程博士后流动站",
    exitDate: "2026-06-30",
    series: "工程",
  });
}

describe("certificates", () => {
  let certId = "";
  let number = "";

  it("nothing is issued before the last step; the final approval issues one numbered certificate, audited", async () => {
    expect((await c.talent!.get("/api/certificates/mine")).json().items).toHaveLength(0);
    const appId = await approvedTier();
    const mine = (await c.talent!.get("/api/certificates/mine")).json().items as Record<string, unknown>[];
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: "tier",
      subject: "营口市B类高层次人才",
      applicationId: appId,
      issuedOn: "2026-12-01",
      validTo: "2031-11-30",
      status: "valid",
      holder: { name: "刘洋" },
      issuer: { name: expect.stringContaining("人力资源") },
    });
    certId = mine[0]!.id as string;
    number = mine[0]!.number as string;
    expect(number).toMatch(NUMBER);
    const audit = await db()
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "certificates.issued")
      .where("object_id", "=", certId)
      .execute();
    expect(audit).toHaveLength(1);
    // A repeated final decision issues nothing more.
    expect((await decide(c.hrss!, appId, { action: "approve", stepIndex: 1 })).statusCode).toBe(409);
    expect(
      await db().selectFrom("certificates").select("id").where("application_id", "=", appId).execute(),
    ).toHaveLength(1);
  });

  it("anyone checks the number on the portal API and sees a masked name; an unknown number is 404 in both languages", async () => {
    const anon = t.anonymous();
    const res = await anon.get(`/api/public/certificates/${number}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      number,
      status: "valid",
      holderName: "刘*",
      subject: "营口市B类高层次人才",
    });
    expect(res.body).not.toContain("刘洋");
    // Lower case typed in is the same number.
    expect((await anon.get(`/api/public/certificates/${number.toLowerCase()}`)).statusCode).toBe(200);
    const checkPage = await anon.get(`/portal/certificates?number=${encodeURIComponent(number)}`);
    expect(checkPage.statusCode).toBe(200);
    expect(checkPage.body).toContain("有效");
    expect(checkPage.body).toContain("营口市B类高层次人才");
    expect((await anon.get("/portal/certificates?number=YKRC-2026-999999-ABCD")).statusCode).toBe(404);
    expect((await anon.get("/portal/certificates")).body).toContain("证书查验");
    const unknown = await anon.get("/api/public/certificates/YKRC-2026-999999-ABCD");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toContain("application/problem+json");
    expect(unknown.json().code).toBe("CERTIFICATE_NOT_FOUND");
    expect(unknown.json().detail ?? unknown.json().title).toBeTruthy();
  });

  it("the holder prints it (full name, number, audited); others of other organisations get 404 and are recorded", async () => {
    const page = await c.talent!.get(`/api/certificates/${certId}/print`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("刘洋");
    expect(page.body).toContain(number);
    expect(page.body).toContain("高层次人才认定证书");
    const printed = await db()
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "certificates.printed")
      .where("object_id", "=", certId)
      .execute();
    expect(printed.length).toBeGreaterThan(0);

    // The issuing department and the office read it; another department, finance and an employer do not.
    expect((await c.hrss!.get(`/api/certificates/${certId}`)).statusCode).toBe(200);
    expect((await c.office!.get(`/api/certificates/${certId}`)).statusCode).toBe(200);
    for (const who of ["science", "finance"]) {
      expect((await c[who]!.get(`/api/certificates/${certId}`)).statusCode, who).toBe(404);
      expect((await c[who]!.get(`/api/certificates/${certId}/print`)).statusCode, who).toBe(404);
    }
    expect((await c.employer!.get(`/api/certificates/${certId}`)).statusCode).toBe(403);
    const denied = await db()
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "certificates.denied")
      .where("object_id", "=", certId)
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(4);

    // Lists: the office sees it, the issuing department sees it, another department's list does not.
    const officeList = (await c.office!.get("/api/certificates")).json().items as { id: string }[];
    expect(officeList.map((x) => x.id)).toContain(certId);
    expect(
      ((await c.hrss!.get("/api/certificates")).json().items as { id: string }[]).map((x) => x.id),
    ).toContain(certId);
    expect((await c.science!.get("/api/certificates")).json().items).toHaveLength(0);
  });

  it("revoking needs the office (or the issuer's leader) and a reason; the holder is told; the check says revoked; twice is 409", async () => {
    expect(
      (await c.talent!.post(`/api/certificates/${certId}/revoke`, { reason: "材料不实" })).statusCode,
    ).toBe(403);
    expect(
      (await c.hrss!.post(`/api/certificates/${certId}/revoke`, { reason: "材料不实" })).statusCode,
    ).toBe(403);
    expect((await c.office!.post(`/api/certificates/${certId}/revoke`, { reason: "   " })).statusCode).toBe(
      422,
    );
    expect((await c.office!.post(`/api/certificates/${certId}/revoke`, {})).statusCode).toBe(400);
    const res = await c.office!.post(`/api/certificates/${certId}/revoke`, {
      reason: "经复核，申报材料不实",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "revoked", revokedReason: "经复核，申报材料不实" });
    const again = await c.office!.post(`/api/certificates/${certId}/revoke`, { reason: "再次撤销" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("CERTIFICATE_ALREADY_REVOKED");
    const check = (await t.anonymous().get(`/api/public/certificates/${number}`)).json();
    expect(check).toMatchObject({ status: "revoked", revokedOn: "2026-12-01" });
    const page = await c.talent!.get(`/api/certificates/${certId}/print`);
    expect(page.body).toContain("本证书已撤销");
    // The portal's check page says so too, without a login.
    const portal = await t.anonymous().get(`/portal/certificates?number=${encodeURIComponent(number)}`);
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain("已撤销");
    expect(portal.body).toContain("刘*");
    expect(portal.body).not.toContain("刘洋");
    const inbox = (await c.talent!.get("/api/notifications")).json().items as { title: string }[];
    expect(inbox.some((n) => n.title.includes("证书已撤销"))).toBe(true);
  });

  it("two final approvals at once get two different numbers", async () => {
    const apps = [await titleApplication(), await titleApplication()];
    for (const app of apps) {
      expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
      expect((await decide(c.hrss!, app.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(200);
    }
    const results = await Promise.all(
      apps.map((app) => decide(c.hrss_leader!, app.id, { action: "approve", stepIndex: 1 })),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const rows = await db()
      .selectFrom("certificates")
      .select(["number", "seq", "subject", "kind"])
      .where(
        "application_id",
        "in",
        apps.map((a) => a.id),
      )
      .execute();
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.seq)).size).toBe(2);
    expect(rows[0]).toMatchObject({ kind: "title", subject: "副高级职称（工程）" });
  });
});
