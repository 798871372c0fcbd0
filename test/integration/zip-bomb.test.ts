// Zip bombs through the Excel import: a ≈150 KB workbook whose entries would inflate to gigabytes
// is refused with a problem before anything is inflated past the caps, and nothing is imported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { bombSheet, buildZip, deflated } from "../harness/zip.js";

let t: TestApp;
let office: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
});
afterAll(async () => {
  await t?.close();
});

const talents = async () => {
  const db = t.rt.deps.database.db;
  return Number(
    (await db.selectFrom("talents").select(db.fn.countAll().as("n")).executeTakeFirstOrThrow()).n,
  );
};

const upload = (bytes: Buffer) =>
  office.request("POST", "/api/registry/import/talents?mode=valid_rows&filename=bomb.xlsx", bytes, {
    "content-type": "application/octet-stream",
  });

const workbookXml = deflated(
  '<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>',
);
const relsXml = deflated(
  '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
);
const sheet = bombSheet(60);

describe("zip bombs", () => {
  it("refuses a 150 KB workbook whose overlapping entries inflate to gigabytes (413)", async () => {
    const copies = Array.from({ length: 50 }, (_, i) => ({
      name: `xl/worksheets/sheet${i + 2}.xml`,
      ...sheet,
      sameDataAs: "xl/worksheets/sheet1.xml",
    }));
    const bomb = buildZip([
      { name: "xl/workbook.xml", ...workbookXml },
      { name: "xl/_rels/workbook.xml.rels", ...relsXml },
      { name: "xl/worksheets/sheet1.xml", ...sheet },
      ...copies,
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(sheet.size * 51).toBeGreaterThan(3_000_000_000);
    const before = await talents();
    const started = Date.now();
    const res = await upload(bomb);
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().code).toBe("UPLOAD_INFLATES_TOO_MUCH");
    expect(JSON.stringify(res.json())).toMatch(/解压|inflate/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await talents()).toBe(before);
  });

  it("refuses an entry that inflates past the size its headers declare (a lying bomb)", async () => {
    const bomb = buildZip([
      { name: "xl/workbook.xml", ...workbookXml },
      { name: "xl/_rels/workbook.xml.rels", ...relsXml },
      { name: "xl/worksheets/sheet1.xml", ...sheet, declaredSize: 2_048 },
    ]);
    const res = await upload(bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("UPLOAD_INFLATES_TOO_MUCH");
  });

  it("refuses a ratio beyond any office document even under the output cap", async () => {
    const small = bombSheet(20);
    const bomb = buildZip([
      { name: "xl/workbook.xml", ...workbookXml },
      { name: "xl/_rels/workbook.xml.rels", ...relsXml },
      { name: "xl/worksheets/sheet1.xml", ...small },
    ]);
    expect(small.size / small.deflated.length).toBeGreaterThan(300);
    const res = await upload(bomb);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("UPLOAD_INFLATES_TOO_MUCH");
  });
});
