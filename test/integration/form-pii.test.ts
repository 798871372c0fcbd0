// Personal data in application forms (issue 12 item 3): fields of kind ID number, phone and bank
// account are checked like the registry (GB 11643 check digit and a real birth date), sealed with
// the field cipher before they reach the database, masked in every view and in the officers'
// export, and shown in full only through an audited reveal with a reason.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { readyApplication, recognitionForm, submit } from "../harness/services.js";

let t: TestApp;
let talent: TestClient;
let hrss: TestClient;
let science: TestClient;
let finance: TestClient;
let office: TestClient;
let employer: TestClient;

// The demo talent's own ID number (seeds/registry.ts) and a phone that is nowhere else in the data.
const ID = "210804198806151233";
const MOBILE = "13987654321";

beforeAll(async () => {
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  talent = await t.login("talent");
  hrss = await t.login("hrss");
  science = await t.login("science");
  finance = await t.login("finance");
  office = await t.login("office");
  employer = await t.login("employer");
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;
const rawForm = async (id: string) =>
  (await db().selectFrom("applications").select("form").where("id", "=", id).executeTakeFirstOrThrow()).form;
const reveals = (id: string) =>
  db()
    .selectFrom("audit_log")
    .selectAll()
    .where("object_id", "=", id)
    .where("action", "=", "applications.reveal")
    .orderBy("seq")
    .execute();

describe("application forms: ID number, phone and bank account", () => {
  let appId = "";

  it("seals the values: the stored row holds neither the ID number nor the phone in plaintext", async () => {
    const app = await readyApplication(talent, undefined, {
      ...recognitionForm(),
      idNumber: ID,
      mobile: MOBILE,
    });
    appId = app.id;
    const res = await submit(talent, appId);
    expect(res.statusCode, res.body).toBe(200);
    const stored = await rawForm(appId);
    expect(stored).not.toContain(ID);
    expect(stored).not.toContain(ID.slice(6, 14)); // not even the birth date part
    expect(stored).not.toContain(MOBILE);
    expect(stored).not.toContain(MOBILE.slice(3));
    // The rest of the form is kept as it was typed.
    expect(JSON.parse(stored).employer).toBe("营口辽海新材料科技有限公司");
    // Nor does any history or audit row carry them.
    const events = await db()
      .selectFrom("application_events")
      .select("detail")
      .where("application_id", "=", appId)
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain(ID);
    const audit = await db()
      .selectFrom("audit_log")
      .select("detail")
      .where("object_id", "=", appId)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(ID);
    expect(JSON.stringify(audit)).not.toContain(MOBILE);
  });

  it("shows masked values to the officer, the office and the applicant", async () => {
    for (const client of [hrss, office, talent]) {
      const res = await client.get(`/api/applications/${appId}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toContain(ID);
      expect(res.body).not.toContain(MOBILE);
      const app = res.json();
      expect(app.form.idNumber).toBe("2108**********1233");
      expect(app.form.mobile).toBe("139****4321");
      expect(app.personalFields).toEqual(
        expect.arrayContaining([
          { name: "idNumber", kind: "idCard" },
          { name: "mobile", kind: "phone" },
        ]),
      );
    }
    // The officer's queue carries no form data.
    const queue = await hrss.get("/api/workbench");
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(appId);
    expect(queue.body).not.toContain(ID);
  });

  it("exports the queue with the ID number masked", async () => {
    const res = await hrss.get("/api/workbench/export.xlsx");
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(String(cell.value ?? ""));
      });
    });
    expect(cells.length).toBeGreaterThan(0);
    expect(cells).toContain("2108**********1233");
    expect(cells.join("|")).not.toContain(ID);
    expect(cells.join("|")).not.toContain(MOBILE);
  });

  it("reveals a full value only with a reason, and audits it", async () => {
    // No reason: refused, nothing revealed, nothing recorded as a reveal.
    const none = await hrss.post(`/api/applications/${appId}/reveal`, { fields: ["idNumber"] });
    expect(none.statusCode).toBe(400);
    expect(none.body).not.toContain(ID);
    const short = await hrss.post(`/api/applications/${appId}/reveal`, {
      fields: ["idNumber"],
      reason: "  ",
    });
    expect([400, 422]).toContain(short.statusCode);
    expect(short.body).not.toContain(ID);
    expect(await reveals(appId)).toHaveLength(0);

    const res = await hrss.post(`/api/applications/${appId}/reveal`, {
      fields: ["idNumber", "mobile"],
      reason: "核对身份证原件",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ values: { idNumber: ID, mobile: MOBILE } });
    const rows = await reveals(appId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.result).toBe("ok");
    expect(JSON.parse(rows[0]!.detail!)).toMatchObject({
      fields: ["idNumber", "mobile"],
      reason: "核对身份证原件",
    });
    expect(rows[0]!.detail).not.toContain(ID);

    // A field that is not personal data is not "revealed".
    const plain = await hrss.post(`/api/applications/${appId}/reveal`, {
      fields: ["employer"],
      reason: "核对单位名称",
    });
    expect(plain.statusCode).toBe(422);

    // The applicant sees their own values (also audited).
    const own = await talent.post(`/api/applications/${appId}/reveal`, {
      fields: ["mobile"],
      reason: "核对本人信息",
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().values.mobile).toBe(MOBILE);
  });

  it("another organisation's officer, finance and an unrelated employer get 404; the refusal is audited", async () => {
    const before = (await reveals(appId)).length;
    for (const client of [science, finance]) {
      const res = await client.post(`/api/applications/${appId}/reveal`, {
        fields: ["idNumber"],
        reason: "查看身份证号码",
      });
      expect(res.statusCode, client.username).toBe(404);
      expect(res.body).not.toContain(ID);
      expect((await client.get(`/api/applications/${appId}`)).statusCode).toBe(404);
    }
    // An employer that did not file the case: 404 as well (never 403, which would confirm it exists).
    const res = await employer.post(`/api/applications/${appId}/reveal`, {
      fields: ["idNumber"],
      reason: "查看身份证号码",
    });
    expect(res.statusCode).toBe(404);
    const rows = await reveals(appId);
    expect(rows.length).toBe(before + 3);
    expect(rows.slice(before).every((r) => r.result === "denied")).toBe(true);
  });

  it("refuses a wrong check digit and an impossible birth date (422), and a bad phone", async () => {
    const created = await talent.post("/api/applications", { itemCode: "RC-GCCRC-RD" });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const before = await rawForm(id); // the registry's prefill (form-prefill.test.ts)
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ idNumber: "210804198806151234" }, "/form/idNumber", /校验码/],
      [{ idNumber: "210802199002301234" }, "/form/idNumber", /出生日期/],
      [{ mobile: "12345678901" }, "/form/mobile", /手机号码/],
    ];
    for (const [change, path, zh] of cases) {
      const res = await talent.patch(`/api/applications/${id}`, {
        form: { ...recognitionForm(), idNumber: ID, ...change },
      });
      expect(res.statusCode, res.body).toBe(422);
      const body = res.json();
      expect(body.code).toBe("FORM_INVALID");
      const error = body.errors.find((e: { path: string }) => e.path === path);
      expect(error, JSON.stringify(body.errors)).toBeDefined();
      expect(error.message.zh).toMatch(zh);
      expect(error.message.en.length).toBeGreaterThan(0);
    }
    expect(await rawForm(id)).toBe(before);
  });

  it("keeps a masked value sent back unchanged (the form page resends what it showed)", async () => {
    const app = await readyApplication(talent, undefined, {
      ...recognitionForm(),
      idNumber: ID,
      mobile: MOBILE,
    });
    const shown = (await talent.get(`/api/applications/${app.id}`)).json();
    expect(shown.form.idNumber).toBe("2108**********1233");
    const res = await talent.patch(`/api/applications/${app.id}`, {
      form: { ...shown.form, field: "数字经济" },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().form.field).toBe("数字经济");
    const revealed = await talent.post(`/api/applications/${app.id}/reveal`, {
      fields: ["idNumber", "mobile"],
      reason: "核对本人信息",
    });
    expect(revealed.json().values).toEqual({ idNumber: ID, mobile: MOBILE });
    // A masked value that is not the stored one's mask is just a wrong value.
    const wrong = await talent.patch(`/api/applications/${app.id}`, {
      form: { ...shown.form, idNumber: "2108**********9999" },
    });
    expect(wrong.statusCode).toBe(422);
  });
});

describe("the migration seals what older versions stored in plaintext", () => {
  it("gives the fields their kind, seals the values in place, and a second run changes nothing", async () => {
    const services = t.rt.services;
    const hrssOrg = await t.orgId("市人力资源社会保障局");
    // An item as the seed wrote it before: ID number and mobile checked by a pattern only.
    const item = await services.catalogue.create(null, {
      code: "MX-LEGACY-PII",
      content: {
        name: "旧版表单事项",
        kind: "confirmation",
        ownerOrgId: hrssOrg,
        legalBasis: "",
        applicants: ["talent"],
        eligibility: null,
        amountRule: null,
        materials: [],
        form: {
          type: "object",
          properties: {
            name: { type: "string", title: "姓名", maxLength: 30 },
            idNumber: { type: "string", title: "身份证号码", pattern: "^\\d{17}[\\dXx]$" },
            mobile: { type: "string", title: "手机号码", pattern: "^1\\d{10}$" },
            payAccount: { type: "string", title: "银行账号", maxLength: 30 },
            note: { type: "string", title: "备注", maxLength: 100 },
          },
          required: ["name"],
          additionalProperties: false,
        },
        workflow: {
          allowSameApprover: false,
          steps: [
            {
              key: "s",
              name: "审查",
              kind: "review",
              orgIds: [hrssOrg],
              role: "officer",
              days: 5,
              actions: ["approve", "return", "reject"],
            },
          ],
        },
        promisedDays: 5,
        feeFen: 0,
        guide: "",
      },
    });
    await services.catalogue.publish(null, item.id);
    const version = await db()
      .selectFrom("service_item_versions")
      .select(["id", "item_id"])
      .where("code", "=", "MX-LEGACY-PII")
      .executeTakeFirstOrThrow();
    const talentId = await t.userId("talent");
    const user = await db()
      .selectFrom("users")
      .select("org_id")
      .where("id", "=", talentId)
      .executeTakeFirstOrThrow();
    const at = t.clock.now().toISOString();
    const legacyId = "LEGACYPII0000000000000001";
    const plain = {
      name: "刘洋",
      idNumber: ID,
      mobile: MOBILE,
      payAccount: "6222020712009876543",
      note: "旧数据",
    };
    await db()
      .insertInto("applications")
      .values({
        id: legacyId,
        number: "SQ20261201999999",
        item_id: version.item_id,
        item_code: "MX-LEGACY-PII",
        version_id: version.id,
        applicant_user_id: talentId,
        applicant_org_id: user.org_id,
        applicant_kind: "talent",
        applicant_name: "刘洋",
        applicant_name_key: "刘洋",
        beneficiary_name: null,
        status: "draft",
        form: JSON.stringify(plain),
        eligibility: null,
        step_index: null,
        step_deadline: null,
        deadline: null,
        event_seq: 0,
        first_submitted_at: null,
        submitted_at: null,
        decided_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();

    const { up } = await import("../../src/server/db/migrations/2026_12_06_0300_form_pii.js");
    const { makeFieldCipher } = await import("../../src/server/lib/crypto.js");
    const cipher = makeFieldCipher(t.rt.config.dataKey, t.rt.config.blindIndexKey);
    // Without the key it refuses rather than leave plaintext behind.
    await expect(up(db(), t.rt.deps.database.dialect)).rejects.toThrow(/DATA_KEY/);
    await up(db(), t.rt.deps.database.dialect, { cipher });

    const stored = await rawForm(legacyId);
    for (const secret of [ID, MOBILE, "6222020712009876543"]) expect(stored).not.toContain(secret);
    expect(JSON.parse(stored).note).toBe("旧数据");
    const content = JSON.parse(
      (
        await db()
          .selectFrom("service_item_versions")
          .select("content")
          .where("id", "=", version.id)
          .executeTakeFirstOrThrow()
      ).content,
    );
    expect(content.form.properties.idNumber).toEqual({
      type: "string",
      format: "idCard",
      title: "身份证号码",
    });
    expect(content.form.properties.mobile.format).toBe("phone");
    expect(content.form.properties.payAccount.format).toBe("bankAccount");
    expect(content.form.properties.note.format).toBeUndefined();

    // Idempotent: a second run leaves every byte as it was.
    await up(db(), t.rt.deps.database.dialect, { cipher });
    expect(await rawForm(legacyId)).toBe(stored);

    // The application reads masked, and reveals to its owner.
    const shown = (await talent.get(`/api/applications/${legacyId}`)).json();
    expect(shown.form).toMatchObject({
      idNumber: "2108**********1233",
      mobile: "139****4321",
      payAccount: "***************6543",
    });
    const revealed = await talent.post(`/api/applications/${legacyId}/reveal`, {
      fields: ["idNumber", "payAccount"],
      reason: "核对本人信息",
    });
    expect(revealed.json().values).toEqual({ idNumber: ID, payAccount: "6222020712009876543" });
  });
});
