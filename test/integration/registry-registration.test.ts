// Portal self-registration meets the registry: a record the office registered is never linked by
// ID number or 统一社会信用代码 alone (a claim waits for proof: registry-claims.test.ts), a new
// talent gets a record, a record that belongs to someone else is never taken over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoResidentId, demoUscc } from "../../src/server/demo/registry.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { postForm } from "../harness/portal.js";

let t: TestApp;
let office: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
});
afterAll(async () => {
  await t?.close();
});

const PASSWORD = "Rencai@Talent26";
const register = async (fields: Record<string, string>, kind: "talent" | "employer" = "talent") => {
  const client = t.anonymous();
  const res = await postForm(client, `/portal/register/${kind}`, {
    password: PASSWORD,
    password2: PASSWORD,
    ...fields,
  });
  return { client, res };
};

describe("talent registration", () => {
  it("does not link the record the talent office made for the same ID number: it opens a claim", async () => {
    // Issue 12 item 1: this used to link at once, so anyone knowing an ID number became the talent.
    const id = demoResidentId("210803", "19930303", 313);
    const made = await office.post("/api/registry/talents", {
      name: "预登记人才",
      idType: "resident",
      idNumber: id,
      educations: [{ degree: "硕士", school: "辽宁大学" }],
    });
    expect(made.statusCode).toBe(201);
    const { client, res } = await register({
      realName: "预登记人才",
      idNumber: id,
      mobile: "13966667777",
      username: "preregistered",
    });
    expect(res.statusCode).toBe(303);
    expect((await client.get("/api/registry/me")).statusCode).toBe(404);
    const claims = (await client.get("/api/registry/claims/mine")).json();
    expect(claims).toMatchObject([{ kind: "talent", status: "pending", recordName: "预登记人才" }]);
  });

  it("starts a record for a new talent, with the mobile number encrypted", async () => {
    const id = demoResidentId("210803", "19940404", 414);
    const { client, res } = await register({
      realName: "新注册人才",
      idNumber: id,
      mobile: "139 6666 8888",
      username: "newtalent",
    });
    expect(res.statusCode).toBe(303);
    const me = (await client.get("/api/registry/me")).json();
    expect(me).toMatchObject({
      name: "新注册人才",
      gender: "female", // sequence 414: an even 17th digit
      birthDate: "1994-04-04",
      phoneMasked: "139****8888",
    });
    const row = await t.rt.deps.database.db
      .selectFrom("talents")
      .selectAll()
      .where("id", "=", me.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(id);
    expect(JSON.stringify(row)).not.toContain("13966668888");
  });

  it("never takes over a record that belongs to another account", async () => {
    const liu = demoResidentId("210804", "19880615", 123); // 刘洋's, linked to the `talent` account
    const { client, res } = await register({
      realName: "刘洋",
      idNumber: liu,
      mobile: "13966669999",
      username: "notliuyang",
    });
    expect(res.statusCode).toBe(303);
    expect((await client.get("/api/registry/me")).statusCode).toBe(404);
    const talent = await t.login("talent");
    expect((await talent.get("/api/registry/me")).json().name).toBe("刘洋");
    const refused = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "registry.talent.linkRefused")
      .execute();
    expect(refused).toHaveLength(1);
    expect(refused[0]!.detail).not.toContain(liu);
  });
});

describe("employer registration", () => {
  it("does not link the registered employer with the same code: the claim waits for the office", async () => {
    const existing = await t.rt.deps.database.db
      .selectFrom("employers")
      .select(["id", "uscc"])
      .where("name", "=", "营口理工学院")
      .executeTakeFirstOrThrow();
    const { client, res } = await register(
      {
        orgName: "营口理工学院",
        uscc: existing.uscc,
        contactName: "人事处",
        mobile: "13955556666",
        username: "ykut",
      },
      "employer",
    );
    expect(res.statusCode).toBe(303);
    expect((await client.get("/api/registry/employers/mine")).statusCode).toBe(404);
    // Before issue 12 this account read the employer's staff at once.
    const staff = await client.get("/api/registry/talents");
    expect(staff.statusCode === 200 ? staff.json().items : []).toEqual([]);
    expect((await client.get("/api/registry/claims/mine")).json()).toMatchObject([
      { kind: "employer", status: "pending", hasLetter: false },
    ]);
  });

  it("starts an employer record for a new code", async () => {
    const uscc = demoUscc("91", "210881", "66554433");
    const { client, res } = await register(
      {
        orgName: "盖州新材料有限公司",
        uscc,
        contactName: "王经理",
        mobile: "13955557777",
        username: "gaizhou",
      },
      "employer",
    );
    expect(res.statusCode).toBe(303);
    expect((await client.get("/api/registry/employers/mine")).json()).toMatchObject({
      name: "盖州新材料有限公司",
      uscc,
      kind: "enterprise",
      regionCode: "210881",
      contactPhoneMasked: "139****7777",
    });
  });
});
