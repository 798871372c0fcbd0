// Excel import of talents and employers: template, row-level report, all-or-nothing and valid-rows
// modes, duplicates within the file and against the registry, and files refused as a whole.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoResidentId, demoUscc } from "../../src/server/demo/registry.js";
import { TALENT_COLUMNS } from "../../src/server/modules/registry/import-columns.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { pdfBytes } from "../harness/files.js";

let t: TestApp;
let office: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;
const count = async (table: "talents" | "employers") =>
  Number((await db().selectFrom(table).select(db().fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

async function workbook(header: string[], rows: unknown[][], asText = true): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("数据");
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  if (asText) sheet.getColumn(3).numFmt = "@";
  return Buffer.from(await book.xlsx.writeBuffer());
}

function upload(kind: string, mode: string, bytes: Buffer, filename = "导入.xlsx") {
  return office.request(
    "POST",
    `/api/registry/import/${kind}?mode=${mode}&filename=${encodeURIComponent(filename)}`,
    bytes,
    {
      "content-type": "application/octet-stream",
    },
  );
}

const HEADER = [
  "姓名",
  "证件类型",
  "证件号码",
  "手机号码",
  "用人单位统一社会信用代码",
  "最高学位",
  "毕业院校",
  "上年度工资薪金（元）",
];
const LIAOHAI = "91210804MA0YK8C134";
let serial = 500;
const newId = () => {
  serial += 2;
  return demoResidentId("210803", "19850505", serial);
};

async function readReport(base64: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, "base64") as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) =>
    rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))),
  );
  return rows;
}

describe("template", () => {
  it("is an .xlsx with the template's headers and a 说明 sheet", async () => {
    const res = await office.get("/api/registry/import/templates/talents");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (book.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(TALENT_COLUMNS.map((c) => c.header));
    expect(book.worksheets[1]!.name).toBe("说明");
    const hrss = await t.login("hrss");
    expect((await hrss.get("/api/registry/import/templates/talents")).statusCode).toBe(403);
  });
});

describe("talent import", () => {
  it("imports good rows with personal data encrypted and children attached", async () => {
    const before = await count("talents");
    const first = newId();
    const res = await upload(
      "talents",
      "all_or_nothing",
      await workbook(HEADER, [
        ["导入甲", "身份证", first, "13911112222", LIAOHAI, "博士", "东北大学", 123456.78],
        ["导入乙", "", newId(), "", "", "", "", ""],
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 2,
      imported: 2,
      rejectedRows: 0,
      errorCount: 0,
      errorReport: null,
    });
    expect(await count("talents")).toBe(before + 2);
    const found = (await office.get(`/api/registry/talents?q=${first}`)).json().items;
    expect(found).toHaveLength(1);
    const detail = (await office.get(`/api/registry/talents/${found[0].id}`)).json();
    expect(detail).toMatchObject({
      name: "导入甲",
      salaryYearly: 12_345_678,
      employer: { name: "营口辽海新材料科技有限公司" },
      educations: [{ degree: "博士", school: "东北大学" }],
      engagements: [{ kind: "full_time", employerName: "营口辽海新材料科技有限公司" }],
    });
    const stored = await db()
      .selectFrom("talents")
      .selectAll()
      .where("name", "=", "导入甲")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(first);
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "registry.import")
      .execute();
    expect(JSON.parse(audit.at(-1)!.detail!)).toMatchObject({ kind: "talents", rows: 2, imported: 2 });
  });

  const mixed = async () => {
    const dup = newId();
    const good = newId();
    const bad = newId();
    const existing = demoResidentId("210804", "19880615", 123); // 刘洋's, from the demo seed
    return {
      good,
      bytes: await workbook(HEADER, [
        ["好行", "身份证", good, "", "", "", "", ""],
        ["坏号码", "身份证", `${bad.slice(0, 17)}${bad[17] === "0" ? "1" : "0"}`, "", "", "", "", ""],
        ["重复一", "身份证", dup, "", "", "", "", ""],
        ["重复二", "身份证", dup, "", "", "", "", ""],
        ["已登记", "身份证", existing, "", "", "", "", ""],
        ["坏手机", "身份证", newId(), "1234", "", "", "", ""],
        ["无单位", "身份证", newId(), "", demoUscc("91", "210803", "99887766"), "", "", ""],
        ["缺院校", "身份证", newId(), "", "", "博士", "", ""],
        ["", "身份证", newId(), "", "", "", "", ""],
        ["坏类型", "驾驶证", newId(), "", "", "", "", ""],
      ]),
    };
  };

  it("all_or_nothing: one bad row imports nothing, and the report lists every bad row and why", async () => {
    const before = await count("talents");
    const { bytes } = await mixed();
    const res = await upload("talents", "all_or_nothing", bytes);
    expect(res.statusCode).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ rows: 10, imported: 0, rejectedRows: 8 });
    expect(await count("talents")).toBe(before);
    const byRow = new Map<number, string>(
      result.errors.map((e: { row: number; column: string; message: { zh: string } }) => [
        e.row,
        `${e.column}:${e.message.zh}`,
      ]),
    );
    expect(byRow.get(3)).toMatch(/^证件号码:.*校验码/);
    expect(byRow.get(5)).toBe("证件号码:与第4行的证件号码重复");
    expect(byRow.get(6)).toBe("证件号码:该证件号码已在库中登记");
    expect(byRow.get(7)).toMatch(/^手机号码:/);
    expect(byRow.get(8)).toMatch(/^用人单位统一社会信用代码:.*尚未登记/);
    expect(byRow.get(9)).toMatch(/^毕业院校:/);
    expect(byRow.get(10)).toBe("姓名:姓名必填");
    expect(byRow.get(11)).toMatch(/^证件类型:/);
    const report = await readReport(result.errorReport.contentBase64);
    expect(report[0]).toEqual(["行号", "姓名", "列", "问题", "Problem"]);
    expect(report.slice(1).map((r) => Number(r[0]))).toEqual([3, 5, 6, 7, 8, 9, 10, 11]);
    expect(report.flat().join(" ")).not.toContain(demoResidentId("210804", "19880615", 123));
  });

  it("valid_rows: the good rows go in, the bad rows are reported", async () => {
    const before = await count("talents");
    const { bytes, good } = await mixed();
    const result = (await upload("talents", "valid_rows", bytes)).json();
    expect(result).toMatchObject({ rows: 10, imported: 2, rejectedRows: 8, errorCount: 8 });
    expect(await count("talents")).toBe(before + 2);
    expect((await office.get(`/api/registry/talents?q=${good}`)).json().items).toHaveLength(1);
    expect(
      (await office.get(`/api/registry/talents?q=${encodeURIComponent("重复")}`))
        .json()
        .items.map((i: { name: string }) => i.name),
    ).toEqual(["重复一"]);
  });

  it("an ID number stored as a number (lost digits) is reported, not imported", async () => {
    const result = (
      await upload(
        "talents",
        "valid_rows",
        await workbook(
          HEADER,
          [["数字号", "身份证", Number("210803198505051234"), "", "", "", "", ""]],
          false,
        ),
      )
    ).json();
    expect(result.imported).toBe(0);
    expect(result.errors[0].message.zh).toContain("文本格式");
  });
});

describe("concurrent imports", () => {
  it("the same workbook imported twice at once goes in once, never half", async () => {
    const before = await count("talents");
    const rows = Array.from({ length: 60 }, (_, i) => [
      `并发导入${i}`,
      "身份证",
      newId(),
      "",
      "",
      "",
      "",
      "",
    ]);
    const bytes = await workbook(HEADER, rows);
    const [a, b] = await Promise.all([
      upload("talents", "valid_rows", bytes),
      upload("talents", "valid_rows", bytes),
    ]);
    const imported = [a, b].map((r) => (r.statusCode === 200 ? r.json().imported : 0));
    // One import takes all 60 rows; the other finds them registered (or loses the race on the
    // unique index and rolls back whole): either way no row twice and no partial batch.
    expect(imported.sort((x, y) => x - y)).toEqual([0, 60]);
    for (const r of [a, b]) expect([200, 409]).toContain(r.statusCode);
    expect(await count("talents")).toBe(before + 60);
  });
});

describe("files refused as a whole", () => {
  it("wrong columns: names the missing and unknown ones, imports nothing", async () => {
    const before = await count("talents");
    const res = await upload(
      "talents",
      "valid_rows",
      await workbook(["名字", "证件号码", "备注"], [["甲", newId(), "x"]]),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe("IMPORT_BAD_COLUMNS");
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["/columns/名字", "/columns/备注", "/columns/姓名"].sort());
    expect(res.json().message.zh).toContain("缺少必填列“姓名”");
    expect(await count("talents")).toBe(before);
  });

  it("not an xlsx (a PDF, a CSV, a broken zip) is refused with a clear message", async () => {
    for (const bytes of [
      pdfBytes(),
      Buffer.from("姓名,证件号码\n甲,1\n"),
      Buffer.from("PK\u0003\u0004broken"),
    ]) {
      const res = await upload("talents", "valid_rows", bytes, "talents.xlsx");
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe("IMPORT_NOT_XLSX");
      expect(res.json().message.zh).toContain(".xlsx");
    }
    const empty = await upload("talents", "valid_rows", Buffer.alloc(0));
    expect(empty.statusCode).toBe(422);
    const noRows = await upload("talents", "valid_rows", await workbook(HEADER, []));
    expect(noRows.json().code).toBe("IMPORT_NO_ROWS");
  });

  it("a 100 MB file is refused (413) before it is read", async () => {
    const before = await count("talents");
    const res = await upload("talents", "valid_rows", Buffer.alloc(100 * 1024 * 1024, 0x41));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("IMPORT_TOO_LARGE");
    expect(res.json().message.zh).toContain("32 MB");
    expect(await count("talents")).toBe(before);
  });

  it("an unknown mode or kind is a 400", async () => {
    expect((await upload("talents", "some", await workbook(HEADER, [["甲", "", newId()]]))).statusCode).toBe(
      400,
    );
    expect(
      (await upload("people", "valid_rows", await workbook(HEADER, [["甲", "", newId()]]))).statusCode,
    ).toBe(400);
  });
});

describe("employer import", () => {
  it("checks codes and kinds, refuses duplicates, imports the rest", async () => {
    const before = await count("employers");
    const a = demoUscc("91", "210881", "55443322");
    const b = demoUscc("91", "210881", "55443323");
    const res = await upload(
      "employers",
      "valid_rows",
      await workbook(
        ["单位名称", "统一社会信用代码", "单位类型", "联系电话"],
        [
          ["新单位甲", a, "企业", "13912340000"],
          ["新单位乙", `${b.slice(0, 17)}${b[17] === "0" ? "1" : "0"}`, "企业", ""],
          ["新单位丙", a, "企业", ""],
          ["新单位丁", LIAOHAI, "企业", ""],
          ["新单位戊", b, "工厂", ""],
        ],
      ),
    );
    const result = res.json();
    expect(result).toMatchObject({ rows: 5, imported: 1, rejectedRows: 4 });
    expect(result.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      "3:统一社会信用代码",
      "4:统一社会信用代码",
      "5:统一社会信用代码",
      "6:单位类型",
    ]);
    expect(await count("employers")).toBe(before + 1);
  });
});
