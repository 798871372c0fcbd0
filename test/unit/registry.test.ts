// Pure parts of the registry: field encryption and blind indexes, identity checks against the
// 身份证, masking, and the fast .xlsx reader the import uses.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/server/config.js";
import { demoResidentId, demoUscc } from "../../src/server/demo/registry.js";
import { makeFieldCipher } from "../../src/server/lib/crypto.js";
import { checkUscc } from "../../src/server/lib/validators.js";
import {
  checkBankAccount,
  checkIdentity,
  maskBankAccount,
  maskIdNumber,
  maskPhone,
} from "../../src/server/modules/registry/personal-data.js";
import { readFirstSheet, serialDate } from "../../src/server/modules/registry/xlsx-read.js";

const key = (n: number) => Buffer.alloc(32, n);
const cipher = makeFieldCipher(key(1), key(2));
const today = new Date("2026-11-27T12:00:00Z");

describe("field cipher", () => {
  it("round-trips, with a fresh nonce every time, and never contains the plaintext", () => {
    const id = "21080419880615123X";
    const a = cipher.encrypt("talent.idNumber", id);
    const b = cipher.encrypt("talent.idNumber", id);
    expect(a).not.toBe(b);
    expect(a.startsWith("v1.")).toBe(true);
    expect(a).not.toContain(id);
    expect(cipher.decrypt("talent.idNumber", a)).toBe(id);
    const many = new Set(Array.from({ length: 3000 }, () => cipher.encrypt("f", "x").slice(3, 19)));
    expect(many.size).toBe(3000);
  });

  it("refuses a tampered value, another field's value and another key", () => {
    const sealed = cipher.encrypt("talent.phone", "13812341234");
    const bytes = Buffer.from(sealed.slice(3), "base64url");
    bytes[14] = bytes[14]! ^ 1;
    expect(() => cipher.decrypt("talent.phone", `v1.${bytes.toString("base64url")}`)).toThrow();
    expect(() => cipher.decrypt("talent.idNumber", sealed)).toThrow();
    expect(() => makeFieldCipher(key(3), key(2)).decrypt("talent.phone", sealed)).toThrow();
    expect(() => cipher.decrypt("talent.phone", "plain text")).toThrow();
  });

  it("blind indexes are deterministic per key and field, and differ across them", () => {
    const x = cipher.blindIndex("talent.idNumber", "resident:1");
    expect(cipher.blindIndex("talent.idNumber", "resident:1")).toBe(x);
    expect(x).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.blindIndex("talent.phone", "resident:1")).not.toBe(x);
    expect(makeFieldCipher(key(1), key(9)).blindIndex("talent.idNumber", "resident:1")).not.toBe(x);
  });
});

describe("identity", () => {
  const id = demoResidentId("210804", "19880615", 123);

  it("derives birth date and gender from a 身份证 and checks given ones against it", () => {
    expect(checkIdentity({ idType: "resident", idNumber: ` ${id.toLowerCase()} ` }, today)).toEqual({
      ok: true,
      value: { idType: "resident", idNumber: id, gender: "male", birthDate: "1988-06-15" },
    });
    const wrong = checkIdentity(
      { idType: "resident", idNumber: id, gender: "female", birthDate: "1988-06-16" },
      today,
    );
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.errors.map((e) => e.path)).toEqual(["/birthDate", "/gender"]);
    const bad = checkIdentity(
      { idType: "resident", idNumber: `${id.slice(0, 17)}${id[17] === "1" ? "2" : "1"}` },
      today,
    );
    expect(bad.ok).toBe(false);
  });

  it("a passport needs gender and a real birth date", () => {
    expect(checkIdentity({ idType: "passport", idNumber: "E1234567" }, today).ok).toBe(false);
    expect(
      checkIdentity(
        { idType: "passport", idNumber: "E1234567", gender: "female", birthDate: "1990-02-30" },
        today,
      ).ok,
    ).toBe(false);
    expect(
      checkIdentity(
        { idType: "passport", idNumber: "e 1234567", gender: "female", birthDate: "1990-02-28" },
        today,
      ),
    ).toMatchObject({
      ok: true,
      value: { idNumber: "E1234567" },
    });
  });

  it("masks as the issue shows and checks bank accounts", () => {
    expect(maskIdNumber("21080419880615123X")).toBe("2108**********123X");
    expect(maskPhone("13812341234")).toBe("138****1234");
    expect(maskBankAccount("6222020712001234567")).toBe("6222***********4567");
    expect(checkBankAccount("6222 0207 1200 1234 567", "/b")).toEqual({
      ok: true,
      value: "6222020712001234567",
    });
    expect(checkBankAccount("62220207", "/b").ok).toBe(false);
  });

  it("demo codes are valid", () => {
    expect(checkUscc(demoUscc("91", "210804", "31854226")).ok).toBe(true);
  });
});

describe("xlsx reader", () => {
  it("reads shared strings, inline strings, numbers, booleans, dates and gaps like exceljs wrote them", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("数据");
    sheet.addRow(["姓名", "证件号码", "数", "日期", "真"]);
    sheet.addRow(["张三 & <李四>", "21080419880615123X", 12.5, new Date(Date.UTC(2020, 2, 1)), true]);
    sheet.getCell("A4").value = { richText: [{ text: "富" }, { text: "文本" }] };
    sheet.getCell("C4").value = { formula: "1+1", result: 2 };
    const rows = readFirstSheet(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(rows).not.toBeNull();
    expect(rows![1]!.slice(1)).toEqual(["姓名", "证件号码", "数", "日期", "真"]);
    const second = rows![2]!;
    expect(second.slice(1, 4)).toEqual(["张三 & <李四>", "21080419880615123X", 12.5]);
    expect(serialDate(second[4] as number)).toBe("2020-03-01");
    expect(second[5]).toBe(true);
    expect(rows![3]).toBeUndefined();
    expect(rows![4]![1]).toBe("富文本");
    expect(rows![4]![3]).toBe(2);
  });

  it("answers null for bytes that are not a workbook", () => {
    expect(readFirstSheet(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(readFirstSheet(new TextEncoder().encode("PK\u0003\u0004 not really"))).toBeNull();
  });

  it("serial dates follow Excel's 1900 system", () => {
    expect(serialDate(1)).toBe("1900-01-01");
    expect(serialDate(59)).toBe("1900-02-28");
    expect(serialDate(60)).toBeNull();
    expect(serialDate(61)).toBe("1900-03-01");
    expect(serialDate(45000)).toBe("2023-03-15");
    expect(serialDate(0)).toBeNull();
  });
});

describe("keys from configuration", () => {
  it("are required in production, must be 32 bytes, and default to a fixed demo key elsewhere", () => {
    // Production also needs PUBLIC_ORIGIN (test/unit/config.test.ts); given here to reach the keys.
    const origin = { NODE_ENV: "production", PUBLIC_ORIGIN: "https://rencai.example.gov.cn" };
    expect(() => loadConfig(origin, "/tmp")).toThrow(ConfigError);
    expect(() => loadConfig(origin, "/tmp")).toThrow(/DATA_KEY is required in production/);
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(() => loadConfig({ ...origin, DATA_KEY: key }, "/tmp")).toThrow(/BLIND_INDEX_KEY/);
    expect(() => loadConfig({ ...origin, DATA_KEY: key, BLIND_INDEX_KEY: key }, "/tmp")).toThrow(/AUDIT_KEY/);
    const prod = loadConfig({ ...origin, DATA_KEY: key, BLIND_INDEX_KEY: key, AUDIT_KEY: key }, "/tmp");
    expect(prod.dataKey.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(() => loadConfig({ DATA_KEY: Buffer.alloc(16).toString("base64") }, "/tmp")).toThrow(
      /exactly 32 bytes/,
    );
    const dev = loadConfig({}, "/tmp");
    expect(dev.dataKey).toHaveLength(32);
    expect(dev.dataKey.equals(dev.blindIndexKey)).toBe(false);
    expect(loadConfig({}, "/tmp").dataKey.equals(dev.dataKey)).toBe(true);
  });
});
