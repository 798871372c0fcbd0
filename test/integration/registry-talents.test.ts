// The talent and employer registry: encryption at rest (a marker ID number never reaches the
// database file), masked lists, blind-index search, reveal with reason (audited), identity checks,
// own-record editing, employers' view of their staff, tiers and the rule-language profile.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoResidentId, demoUscc } from "../../src/server/demo/registry.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { testDbKind } from "../harness/test-database.js";

let t: TestApp;
let office: TestClient;
let hrss: TestClient;
let employer: TestClient;
let talent: TestClient;

// A marker no seed or other test would write: a valid 身份证 number, a phone and a bank account.
const MARKER_ID = demoResidentId("210811", "19770707", 777);
const MARKER_PHONE = "13977770777";
const MARKER_BANK = "6217777777707770777";

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
  hrss = await t.login("hrss");
  employer = await t.login("employer");
  talent = await t.login("talent");
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;

async function employerId(name: string): Promise<string> {
  return (await db().selectFrom("employers").select("id").where("name", "=", name).executeTakeFirstOrThrow())
    .id;
}

let markerTalentId = "";

describe("personal data at rest", () => {
  it("stores the marker only encrypted: not in the database file, its WAL, or any row", async () => {
    const res = await office.post("/api/registry/talents", {
      name: "标记人员",
      idType: "resident",
      idNumber: MARKER_ID,
      phone: MARKER_PHONE,
      bankAccount: MARKER_BANK,
      educations: [{ degree: "硕士", school: "东北大学" }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    markerTalentId = body.id;
    expect(body.idNumberMasked).toBe(`${MARKER_ID.slice(0, 4)}**********${MARKER_ID.slice(-4)}`);
    expect(body.phoneMasked).toBe("139****0777");
    expect(body.gender).toBe("male");
    expect(body.birthDate).toBe("1977-07-07");
    expect(res.body).not.toContain(MARKER_ID);
    expect(res.body).not.toContain(MARKER_PHONE);

    // Every table that might hold it, as the database returns it.
    const rows = JSON.stringify([
      await db().selectFrom("talents").selectAll().execute(),
      await db().selectFrom("audit_log").selectAll().execute(),
    ]);
    for (const marker of [MARKER_ID, MARKER_PHONE, MARKER_BANK]) expect(rows).not.toContain(marker);

    if (testDbKind() === "sqlite") {
      const file = t.rt.config.databaseUrl.replace(/^sqlite:/, "");
      const bytes = Buffer.concat(
        [file, `${file}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)),
      );
      expect(bytes.length).toBeGreaterThan(0);
      // The masked form is there (it is computed, not stored, so not even that) — only ciphertext.
      for (const marker of [MARKER_ID, MARKER_PHONE, MARKER_BANK]) {
        expect(bytes.includes(Buffer.from(marker, "utf8"))).toBe(false);
        expect(bytes.includes(Buffer.from(marker, "utf16le"))).toBe(false);
      }
      // A sanity check that the scan can find what is there: the name is stored in clear.
      expect(bytes.includes(Buffer.from("标记人员", "utf8"))).toBe(true);
    }
  });

  it("lists show masked values only, and an exact ID number finds the record through its blind index", async () => {
    const res = await office.get(`/api/registry/talents?q=${MARKER_ID}`);
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0].id).toBe(markerTalentId);
    expect(res.body).not.toContain(MARKER_ID);
    // A lowercase x or spaces do not matter; a different number finds nothing.
    expect(
      (await office.get(`/api/registry/talents?q=${MARKER_ID.slice(0, 17)}0`)).json().items,
    ).toHaveLength(0);
    const byPhone = (await office.get(`/api/registry/talents?q=${MARKER_PHONE}`)).json();
    expect(byPhone.items.map((i: { id: string }) => i.id)).toEqual([markerTalentId]);
    const byName = (await office.get(`/api/registry/talents?q=${encodeURIComponent("标记")}`)).json();
    expect(byName.items.map((i: { id: string }) => i.id)).toEqual([markerTalentId]);
    const all = await hrss.get("/api/registry/talents?limit=200");
    expect(all.statusCode).toBe(200);
    for (const item of all.json().items) expect(item.idNumberMasked).toMatch(/^.{4}\*+.{4}$/);
  });

  it("pages by keyset without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/registry/talents?limit=7${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await office.get(url)).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(38);
  });
});

describe("reveal", () => {
  it("needs a reason, gives the full values to the talent office and audits the reason", async () => {
    const none = await office.post(`/api/registry/talents/${markerTalentId}/reveal`, {
      fields: ["idNumber"],
    });
    expect(none.statusCode).toBe(400);
    const res = await office.post(`/api/registry/talents/${markerTalentId}/reveal`, {
      reason: "核对补贴发放银行账户",
      fields: ["idNumber", "phone", "bankAccount"],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ idNumber: MARKER_ID, phone: MARKER_PHONE, bankAccount: MARKER_BANK });
    const audit = await db()
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "registry.talent.reveal")
      .where("object_id", "=", markerTalentId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.result).toBe("ok");
    expect(JSON.parse(audit[0]!.detail!)).toEqual({
      fields: ["idNumber", "phone", "bankAccount"],
      reason: "核对补贴发放银行账户",
    });
    expect(audit[0]!.detail).not.toContain(MARKER_ID);
  });

  it("is refused to departments and employers (403) and to another talent (404, audited)", async () => {
    const body = { reason: "想看看而已", fields: ["idNumber"] };
    expect((await hrss.post(`/api/registry/talents/${markerTalentId}/reveal`, body)).statusCode).toBe(403);
    expect((await employer.post(`/api/registry/talents/${markerTalentId}/reveal`, body)).statusCode).toBe(
      403,
    );
    expect((await talent.post(`/api/registry/talents/${markerTalentId}/reveal`, body)).statusCode).toBe(404);
    const denied = await db()
      .selectFrom("audit_log")
      .select("result")
      .where("action", "=", "registry.talent.reveal")
      .where("result", "=", "denied")
      .execute();
    expect(denied.length).toBe(1);
  });

  it("lets a talent see their own full values", async () => {
    const me = (await talent.get("/api/registry/me")).json();
    const res = await talent.post(`/api/registry/talents/${me.id}/reveal`, {
      reason: "本人查看",
      fields: ["phone"],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ phone: "13804171234" });
  });
});

describe("identity checks", () => {
  it("refuses a bad 身份证, a birth date or gender that disagrees with it, and a second record for it", async () => {
    const bad = await office.post("/api/registry/talents", {
      name: "甲",
      idType: "resident",
      idNumber: `${MARKER_ID.slice(0, 17)}${MARKER_ID[17] === "0" ? "1" : "0"}`,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe("/idNumber");
    expect(bad.json().message.zh).toContain("校验码");

    const other = demoResidentId("210802", "19900101", 222);
    const mismatch = await office.post("/api/registry/talents", {
      name: "乙",
      idType: "resident",
      idNumber: other,
      gender: "male",
      birthDate: "1990-01-02",
    });
    expect(mismatch.statusCode).toBe(422);
    expect(
      mismatch
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["/birthDate", "/gender"]);

    const twice = await office.post("/api/registry/talents", {
      name: "丙",
      idType: "resident",
      idNumber: MARKER_ID.toLowerCase(),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("TALENT_EXISTS");

    const passport = await office.post("/api/registry/talents", {
      name: "John Smith",
      idType: "passport",
      idNumber: "E12345678",
    });
    expect(passport.statusCode).toBe(422);
    const ok = await office.post("/api/registry/talents", {
      name: "John Smith",
      idType: "passport",
      idNumber: "e12345678",
      gender: "male",
      birthDate: "1980-02-29",
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().idNumberMasked).toBe("E123*5678");
    const count = await db()
      .selectFrom("talents")
      .select(db().fn.countAll().as("n"))
      .where("name", "in", ["甲", "乙", "丙"])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("refuses a bad phone or bank account with the field's path", async () => {
    const res = await office.patch(`/api/registry/talents/${markerTalentId}`, {
      phone: "12345",
      bankAccount: "abc",
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["/bankAccount", "/phone"]);
  });
});

describe("concurrency", () => {
  it("five simultaneous registrations of one ID number create exactly one record", async () => {
    const id = demoResidentId("210881", "19920202", 555);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        office.post("/api/registry/talents", { name: `并发${i}`, idType: "resident", idNumber: id }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409]);
    const found = (await office.get(`/api/registry/talents?q=${id}`)).json().items;
    expect(found).toHaveLength(1);
  });
});

describe("own record", () => {
  it("a talent reads and edits their own record but not the tier", async () => {
    const me = await talent.get("/api/registry/me");
    expect(me.statusCode).toBe(200);
    const record = me.json();
    expect(record.name).toBe("刘洋");
    expect(record.educations.map((e: { degree: string }) => e.degree)).toEqual(["学士", "博士"]);
    expect(record.abilities).toEqual({ update: false, setTier: false, reveal: true });

    const edit = await talent.patch("/api/registry/me", {
      skills: [{ name: "化学检验员", level: "技师", year: 2020 }],
      industry: "新材料",
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().skills).toEqual([{ name: "化学检验员", level: "技师", year: 2020 }]);
    expect((await talent.patch("/api/registry/me", { tier: "A" })).statusCode).toBe(400);
    expect((await talent.patch("/api/registry/me", { idNumber: MARKER_ID })).statusCode).toBe(400);
    // Read through the id route too, and nobody else's.
    expect((await talent.get(`/api/registry/talents/${record.id}`)).statusCode).toBe(200);
    expect((await talent.get(`/api/registry/talents/${markerTalentId}`)).statusCode).toBe(404);
    expect((await talent.get("/api/registry/talents")).statusCode).toBe(403);
  });

  it("the rule-language profile of the talent account follows the catalogue", async () => {
    const profile = await t.rt.services.registry.profiles.profileOfUser(await t.userId("talent"));
    expect(profile).toMatchObject({
      name: "刘洋",
      gender: "male",
      birthDate: "1988-06-15",
      category: "applied_research",
      fullTime: true,
      engagement: "full_time",
      salaryYearly: 38_000_000,
      taxYearly: 5_600_000,
    });
    expect(profile!.educations).toContainEqual({
      degree: "博士",
      school: "大连理工大学",
      major: "材料学",
      year: 2016,
    });
    expect(profile!.titles).toEqual([{ name: "高级工程师", level: "副高" }]);
    expect(JSON.stringify(profile)).not.toContain("13804171234");
    expect(await t.rt.services.registry.profiles.profileOfUser(await t.userId("hrss"))).toBeNull();
  });
});

describe("tiers", () => {
  it("the talent office records a tier with history; the talent cannot", async () => {
    const res = await office.post(`/api/registry/talents/${markerTalentId}/tier`, {
      tier: "D",
      recognisedOn: "2026-06-30",
      note: "市级人才认定",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().tier).toBe("D");
    const withdrawn = await office.post(`/api/registry/talents/${markerTalentId}/tier`, {
      tier: "none",
      recognisedOn: "2026-07-01",
    });
    expect(withdrawn.json().tier).toBeNull();
    expect(withdrawn.json().tierHistory.map((h: { tier: string }) => h.tier)).toEqual(["none", "D"]);
    expect(withdrawn.json().tierHistory[1].recordedBy.name).toBe("王立新");
    expect(
      (
        await talent.post(`/api/registry/talents/${markerTalentId}/tier`, {
          tier: "A",
          recognisedOn: "2026-06-30",
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe("employers", () => {
  it("an employer sees its own record and its own staff, masked, and nobody else's", async () => {
    const mine = await employer.get("/api/registry/employers/mine");
    expect(mine.statusCode).toBe(200);
    expect(mine.json().name).toBe("营口辽海新材料科技有限公司");
    expect(mine.json().contactPhoneMasked).toBe("139****1234");
    const staff = (await employer.get("/api/registry/talents?limit=200")).json().items as {
      id: string;
      employer: { name: string } | null;
      name: string;
    }[];
    expect(staff.length).toBeGreaterThan(0);
    expect(staff.some((s) => s.name === "刘洋")).toBe(true);
    for (const s of staff) expect(s.employer?.name).toBe("营口辽海新材料科技有限公司");
    expect((await employer.get(`/api/registry/talents/${markerTalentId}`)).statusCode).toBe(404);
    expect(
      (await employer.get(`/api/registry/employers/${await employerId("营口市中心医院")}`)).statusCode,
    ).toBe(404);
    expect((await employer.get(`/api/registry/employers/${mine.json().id}`)).statusCode).toBe(200);
    expect((await employer.get("/api/registry/employers")).statusCode).toBe(403);
  });

  it("a flexibly engaged talent is visible to the engaging employer's accounts", async () => {
    const institute = await employerId("营口市新材料产业研究院");
    await office.patch(`/api/registry/talents/${markerTalentId}`, {
      engagements: [{ employerId: institute, kind: "advisor", startsOn: "2025-01-01", endsOn: "2027-12-31" }],
    });
    const detail = (await office.get(`/api/registry/talents/${markerTalentId}`)).json();
    expect(detail.engagements).toEqual([
      {
        employerId: institute,
        employerName: "营口市新材料产业研究院",
        kind: "advisor",
        startsOn: "2025-01-01",
        endsOn: "2027-12-31",
      },
    ]);
    expect((await employer.get(`/api/registry/talents/${markerTalentId}`)).statusCode).toBe(404);
  });

  it("validates the 统一社会信用代码 and refuses duplicates", async () => {
    const good = demoUscc("91", "210803", "77665544");
    const bad = `${good.slice(0, 17)}${good[17] === "0" ? "1" : "0"}`;
    const refused = await office.post("/api/registry/employers", {
      name: "测试公司",
      uscc: bad,
      kind: "enterprise",
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe("/uscc");
    const created = await office.post("/api/registry/employers", {
      name: "测试公司",
      uscc: good.toLowerCase(),
      kind: "enterprise",
      contactPhone: "13912345678",
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().uscc).toBe(good);
    expect(created.json().contactPhoneMasked).toBe("139****5678");
    const again = await office.post("/api/registry/employers", {
      name: "另一家",
      uscc: good,
      kind: "enterprise",
    });
    expect(again.statusCode).toBe(409);
    const list = (await hrss.get(`/api/registry/employers?q=${good}`)).json();
    expect(list.items.map((e: { name: string }) => e.name)).toEqual(["测试公司"]);
  });

  it("detail reads by others are audited; reading one's own record is not", async () => {
    const before = await db()
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "registry.talent.read")
      .execute();
    await hrss.get(`/api/registry/talents/${markerTalentId}`);
    const after = await db()
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "registry.talent.read")
      .execute();
    expect(after.length).toBe(before.length + 1);
  });
});
