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
    expect(await rawForm(id)).toBe("{}");
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
