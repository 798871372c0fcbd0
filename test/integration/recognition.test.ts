// An approved recognition sticks (issue 14 item 1): final approval of 高层次人才认定 (RC-GCCRC-RD),
// 出站博士后副高级职称直接认定 (RC-BSH-FGJ) or 技能竞赛获奖直接认定技师 (RC-JNJS-JS) writes the fact to
// the talent's registry record in the approval's own transaction (registry/recognition-hooks.ts),
// where the calculator reads it at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validTo } from "../../src/server/modules/registry/recognition-hooks.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { decide, readyApplication, recognitionForm, submit } from "../harness/services.js";

let t: TestApp;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  t = await createTestApp({ start: "2026-12-01T02:00:00.000Z" });
  for (const u of ["talent", "employer", "hrss", "hrss_leader", "science"]) c[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.rt.deps.database.db;
const talentRow = async () => {
  const user = await db()
    .selectFrom("users")
    .select("id")
    .where("username", "=", "talent")
    .executeTakeFirstOrThrow();
  return db().selectFrom("talents").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
};

describe("an approved recognition writes its outcome to the registry", () => {
  it("validity ends the day before the anniversary", () => {
    expect(validTo("2026-12-01", 5)).toBe("2031-11-30");
    expect(validTo("2028-02-29", 1)).toBe("2029-02-27");
    expect(validTo("2026-01-01", 5)).toBe("2030-12-31");
  });

  it("高层次人才认定: nothing changes before the last step; after it the tier is on the record with validity, audited", async () => {
    const before = await talentRow();
    expect(before.tier).toBeNull();
    const calc0 = (await c.talent!.get("/api/calculator/me")).json() as { eligible: { code: string }[] };
    expect(calc0.eligible.length).toBeGreaterThan(0);
    expect(calc0.eligible.map((o) => o.code)).not.toContain("RC-ZNRX");
    const app = await readyApplication(c.talent!, "RC-GCCRC-RD", { ...recognitionForm(), category: "B类" });
    expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
    expect((await decide(c.hrss!, app.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(200);
    expect((await decide(c.science!, app.id, { action: "approve", stepIndex: 1 })).statusCode).toBe(200);
    expect((await talentRow()).tier).toBe(before.tier);
    const res = await decide(c.hrss!, app.id, { action: "approve", stepIndex: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("approved");

    const after = await talentRow();
    expect(after.tier).toBe("B");
    const tiers = await db()
      .selectFrom("talent_tiers")
      .selectAll()
      .where("application_id", "=", app.id)
      .execute();
    expect(tiers).toHaveLength(1);
    expect(tiers[0]).toMatchObject({
      talent_id: after.id,
      tier: "B",
      source: "application",
      recognised_on: "2026-12-01",
      valid_from: "2026-12-01",
      valid_to: "2031-11-30",
    });
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("object_id", "=", after.id)
      .where("action", "=", "registry.talent.recognised")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toContain(app.id);

    // The calculator reads the new tier at once: 子女入学 (RC-ZNRX) needed a recognised tier.
    const calc = (await c.talent!.get("/api/calculator/me")).json() as { eligible: { code: string }[] };
    expect(calc.eligible.map((o) => o.code)).toContain("RC-ZNRX");
    expect((await c.talent!.get("/api/registry/me")).json().tier).toBe("B");
  });

  it("an employer applying for staff without a registry record is refused (409) and nothing changes", async () => {
    const app = await readyApplication(
      c.employer!,
      "RC-GCCRC-RD",
      {
        ...recognitionForm(),
        name: "王强",
        idNumber: "210802199203034566",
      },
      { beneficiaryName: "王强" },
    );
    expect((await submit(c.employer!, app.id)).statusCode).toBe(200);
    expect((await decide(c.hrss!, app.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(200);
    expect((await decide(c.science!, app.id, { action: "approve", stepIndex: 1 })).statusCode).toBe(200);
    const res = await decide(c.hrss!, app.id, { action: "approve", stepIndex: 1 });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe("RECOGNITION_NO_RECORD");
    expect((await c.hrss!.get(`/api/applications/${app.id}`)).json().status).toBe("in_review");
  });

  it("出站博士后副高级职称直接认定: the title with its level is on the record, from the application", async () => {
    const { name, idNumber, mobile } = recognitionForm();
    const app = await readyApplication(c.talent!, "RC-BSH-FGJ", {
      name,
      idNumber,
      mobile,
      employer: "营口辽海新材料科技有限公司",
      station: "大连理工大学材料科学与工程博士后流动站",
      exitDate: "2026-06-30",
      series: "工程",
    });
    expect((await submit(c.talent!, app.id)).statusCode).toBe(200);
    expect((await decide(c.hrss!, app.id, { action: "approve", stepIndex: 0 })).statusCode).toBe(200);
    const res = await decide(c.hrss_leader!, app.id, { action: "approve", stepIndex: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe("approved");
    const titles = await db()
      .selectFrom("talent_titles")
      .selectAll()
      .where("application_id", "=", app.id)
      .execute();
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatchObject({
      talent_id: (await talentRow()).id,
      name: "工程",
      level: "副高级",
      year: 2026,
    });
    // A repeated final decision is refused and writes nothing more.
    expect((await decide(c.hrss_leader!, app.id, { action: "approve", stepIndex: 1 })).statusCode).toBe(409);
    expect(
      await db().selectFrom("talent_titles").select("id").where("application_id", "=", app.id).execute(),
    ).toHaveLength(1);
  });
});
