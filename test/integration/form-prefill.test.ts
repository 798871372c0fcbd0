// Forms are not typed twice (issue 14 item 6): a new application starts with what the registry
// knows about the applicant — name, ID number, phone, employer, title, tier — each shown with its
// source, and a talent's typed ID number that differs from their own record is refused (422).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { readyApplication, recognitionForm, submit } from "../harness/services.js";

let t: TestApp;
let talent: TestClient;
let employer: TestClient;
let hrss: TestClient;

// The demo talent's record (seeds/registry.ts).
const OWN_ID = "210804198806151233";
const OWN_PHONE = "13804171234";
const OTHER_ID = "210802199001011235"; // valid, someone else's

beforeAll(async () => {
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  talent = await t.login("talent");
  employer = await t.login("employer");
  hrss = await t.login("hrss");
});
afterAll(async () => {
  await t?.close();
});

const rawForm = async (id: string) =>
  (
    await t.rt.deps.database.db
      .selectFrom("applications")
      .select("form")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).form;

describe("prefill from the registry", () => {
  it("a talent's new draft carries their record, with its source, sealed and masked", async () => {
    const res = await talent.post("/api/applications", { itemCode: "RC-GCCRC-RD" });
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json();
    expect(app.form).toMatchObject({
      name: "刘洋",
      idNumber: "2108**********1233",
      mobile: "138****1234",
      employer: "营口辽海新材料科技有限公司",
    });
    expect(app.sources).toMatchObject({
      name: "talent",
      idNumber: "talent",
      mobile: "talent",
      employer: "talent",
    });
    const stored = await rawForm(app.id);
    expect(stored).not.toContain(OWN_ID);
    expect(stored).not.toContain(OWN_PHONE);
    // The talent completes the rest; the prefilled values are kept as shown (masks sent back).
    const patched = await talent.patch(`/api/applications/${app.id}`, {
      form: { ...recognitionForm(), ...app.form, category: "C类" },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().sources.idNumber).toBe("talent");
    // A value changed by hand is no longer "from the record".
    const changed = await talent.patch(`/api/applications/${app.id}`, {
      form: { ...patched.json().form, employer: "营口市新材料产业研究院" },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().sources.employer).toBeUndefined();
    expect(changed.json().sources.name).toBe("talent");
    // The officer sees the same sources on the case.
    const ready = await readyApplication(talent);
    expect((await submit(talent, ready.id)).statusCode).toBe(200);
    const seen = (await hrss.get(`/api/applications/${ready.id}`)).json();
    expect(seen.sources.idNumber).toBe("talent");
  });

  it("refuses a talent's ID number that differs from their own record (422, zh and en)", async () => {
    const created = (await talent.post("/api/applications", { itemCode: "RC-GCCRC-RD" })).json();
    const res = await talent.patch(`/api/applications/${created.id}`, {
      form: { ...recognitionForm(), idNumber: OTHER_ID },
    });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json();
    expect(body.code).toBe("FORM_ID_MISMATCH");
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].path).toBe("/form/idNumber");
    expect(body.errors[0].message.zh).toContain("人才档案");
    expect(body.errors[0].message.en).toContain("talent record");
    expect(res.body).not.toContain(OWN_ID);
    expect(res.body).toContain("2108**********1233");
    // Nothing was written: the draft still holds the record's number.
    expect((await talent.get(`/api/applications/${created.id}`)).json().form.idNumber).toBe(
      "2108**********1233",
    );
    // A lower-case check character of the right number is the same number.
    const ok = await talent.patch(`/api/applications/${created.id}`, {
      form: { ...recognitionForm(), idNumber: OWN_ID.toLowerCase() },
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it("an employer applying for staff gets its own name only, and may name another person's ID", async () => {
    const res = await employer.post("/api/applications", {
      itemCode: "RC-GCCRC-RD",
      beneficiaryName: "王强",
    });
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json();
    expect(app.form).toEqual({ employer: "营口辽海新材料科技有限公司" });
    expect(app.sources).toEqual({ employer: "employer" });
    const patched = await employer.patch(`/api/applications/${app.id}`, {
      form: { ...recognitionForm(), name: "王强", idNumber: OTHER_ID },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().sources).toEqual({ employer: "employer" });
  });
});
