// `rencai import talents FILE.xlsx`: the command line runs the same import as the web page, prints
// a summary, writes the error report next to the file and exits 1 when rows were bad.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/server/db/connect.js";
import { demoResidentId } from "../../src/server/demo/registry.js";
import { createTestDatabaseUrl, type TestDatabase } from "../harness/test-database.js";

const run = promisify(execFile);
let target: TestDatabase;
let dir: string;

beforeAll(async () => {
  target = await createTestDatabaseUrl();
  dir = await mkdtemp(join(tmpdir(), "rencai-cli-import-"));
});
afterAll(async () => {
  await target?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "src/server/main.ts", ...args], {
      env: { ...process.env, DATABASE_URL: target.url, DATA_DIR: dir, LOG_LEVEL: "silent" },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function talentCount(): Promise<number> {
  const database = openDatabase(target.url);
  try {
    const row = await database.db
      .selectFrom("talents")
      .select(database.db.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

describe("rencai import talents", () => {
  it("imports the valid rows, reports the bad one and writes the report next to the file", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("人才");
    sheet.addRow(["姓名", "证件号码", "手机号码"]);
    sheet.addRow(["命令行甲", demoResidentId("210802", "19800101", 101), "13900000001"]);
    sheet.addRow(["命令行乙", demoResidentId("210802", "19800101", 102), ""]);
    sheet.addRow(["命令行丙", "210802198001011", ""]);
    const file = join(dir, "talents.xlsx");
    await writeFile(file, Buffer.from(await book.xlsx.writeBuffer()));

    const all = await cli(["import", "talents", file]);
    expect(all.code).toBe(1);
    expect(all.out).toContain("3 rows: 0 imported, 1 rejected");
    expect(all.out).toContain("row 4 [证件号码]");
    expect(await talentCount()).toBe(0);

    const valid = await cli(["import", "talents", file, "--mode", "valid-rows"]);
    expect(valid.code).toBe(1);
    expect(valid.out).toContain("3 rows: 2 imported, 1 rejected");
    expect(existsSync(join(dir, "talents.errors.xlsx"))).toBe(true);
    expect(await talentCount()).toBe(2);
  }, 120_000);

  it("refuses a file that is not an .xlsx, in Chinese and English", async () => {
    const file = join(dir, "not.xlsx");
    await writeFile(file, "姓名,证件号码\n");
    const res = await cli(["import", "talents", file]);
    expect(res.code).toBe(1);
    expect(res.out).toContain("不是 Excel 工作簿");
    expect(res.out).toContain("not an Excel workbook");
  }, 60_000);
});
