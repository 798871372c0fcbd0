import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { upgradeForm } from "../../src/server/db/migrations/2026_12_06_0300_form_pii.js";
import { makeFieldCipher } from "../../src/server/lib/crypto.js";
import { isSealed, maskForm, openForm, sealForm } from "../../src/server/lib/form-pii.js";
import { residentIdCheckChar } from "../../src/server/lib/validators.js";
import {
  FormSchema,
  personalFieldsOf,
  validateForm,
} from "../../src/server/modules/catalogue/form-schema.js";

const key = (n: number) => Buffer.alloc(32, n);
const cipher = makeFieldCipher(key(1), key(2));
const TODAY = new Date("2026-12-01T00:00:00Z");

const schema: FormSchema = {
  type: "object",
  properties: {
    name: { type: "string", title: "姓名" },
    idNumber: { type: "string", format: "idCard", title: "身份证号码" },
    mobile: { type: "string", format: "phone", title: "手机号码" },
    account: { type: "string", format: "bankAccount", title: "银行账号" },
  },
  required: ["idNumber"],
  additionalProperties: false,
};
const fields = personalFieldsOf(schema);

describe("personal-data fields in a form schema", () => {
  it("are part of the subset, and nothing else takes their formats", () => {
    expect(Value.Check(FormSchema, schema)).toBe(true);
    expect([...fields]).toEqual([
      ["idNumber", "idCard"],
      ["mobile", "phone"],
      ["account", "bankAccount"],
    ]);
    const withPattern = {
      ...schema,
      properties: { x: { type: "string", format: "idCard", title: "x", pattern: "." } },
    };
    expect(Value.Check(FormSchema, withPattern)).toBe(false);
  });

  it("check an ID number's check digit and birth date, a mobile and an account", () => {
    const ok = {
      idNumber: "210804198806151233",
      mobile: "+86 139 8765 4321",
      account: "6222 0207 1200 1234 567",
    };
    expect(validateForm(schema, ok, "/form", TODAY)).toEqual([]);
    const bad = validateForm(
      schema,
      { idNumber: "210804198806151234", mobile: "12345678901", account: "12345" },
      "/form",
      TODAY,
    );
    expect(bad.map((e) => e.path)).toEqual(["/form/idNumber", "/form/mobile", "/form/account"]);
    expect(bad[0]!.message.zh).toContain("校验码错误");
    expect(bad[0]!.message.en).toContain("check digit");
    // 30 February, with the check digit that fits it: still refused, for the date.
    const feb30 = validateForm(schema, { idNumber: "210802199002301234" }, "/form", TODAY);
    expect(feb30[0]!.message.zh).toContain("出生日期");
    // Born after "today": refused.
    const future17 = "21080220270101123";
    const future = validateForm(
      schema,
      { idNumber: future17 + residentIdCheckChar(future17) },
      "/form",
      TODAY,
    );
    expect(future).toHaveLength(1);
    expect(future[0]!.message.zh).toContain("晚于今天");
  });
});

describe("sealing a form", () => {
  const plain = {
    name: "刘洋",
    idNumber: "210804198806151233",
    mobile: "13987654321",
    account: "6222020712001234567",
  };

  it("seals only the personal fields, masks them, and opens them again", () => {
    const sealed = sealForm(cipher, "APP1", fields, plain);
    expect(sealed.name).toBe("刘洋");
    for (const name of ["idNumber", "mobile", "account"]) expect(isSealed(sealed[name])).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain("198806151233");
    expect(maskForm(fields, sealed)).toEqual({
      name: "刘洋",
      idNumber: "2108**********1233",
      mobile: "139****4321",
      account: "***************4567",
    });
    expect(openForm(cipher, "APP1", fields, sealed)).toEqual(plain);
    // Sealing twice leaves envelopes as they are.
    expect(sealForm(cipher, "APP1", fields, sealed)).toEqual(sealed);
  });

  it("an envelope copied into another application or field does not open", () => {
    const sealed = sealForm(cipher, "APP1", fields, plain);
    expect(() => openForm(cipher, "APP2", fields, sealed)).toThrow();
    const swapped = { ...sealed, mobile: sealed.idNumber };
    expect(() => openForm(cipher, "APP1", fields, swapped)).toThrow();
  });

  it("masks plaintext a migration has not reached yet", () => {
    expect(maskForm(fields, plain).idNumber).toBe("2108**********1233");
  });
});

describe("the migration's field detection", () => {
  it("gives ID, mobile and bank fields their kind by name or title, and leaves other fields", () => {
    const content = {
      form: {
        properties: {
          idNumber: { type: "string", title: "身份证号码", pattern: "^\\d{17}[\\dXx]$" },
          contact: { type: "string", title: "手机号码" },
          phone: { type: "string", title: "联系电话" },
          pay: { type: "string", title: "银行账号", maxLength: 30 },
          level: { type: "string", title: "身份证类型", enum: ["居民身份证"] },
          born: { type: "string", format: "date", title: "身份证签发日期" },
        },
      },
    };
    const { fields: found, changed } = upgradeForm(content);
    expect(changed).toBe(true);
    expect([...found]).toEqual([
      ["idNumber", "idCard"],
      ["contact", "phone"],
      ["pay", "bankAccount"],
    ]);
    expect(content.form.properties.idNumber).toEqual({
      type: "string",
      format: "idCard",
      title: "身份证号码",
    });
    expect(content.form.properties.phone).toEqual({ type: "string", title: "联系电话" });
    expect(upgradeForm(content).changed).toBe(false);
  });
});
