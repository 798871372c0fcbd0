import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MEASURE_ITEMS } from "../../src/server/demo/services-measures.js";
import { compileRule, evaluate, talentCatalogue } from "../../src/server/engine/rules/index.js";
import { profilesPage } from "../../src/server/modules/registry/profile.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";
import { addTalent, publishItem } from "../harness/calculator.js";

const doc = "营口市人才新政";
const POLICY = "营口市关于进一步深化人才发展体制机制改革的实施意见";
const TALENT_ONLY = ["RC-BSH-FGJ", "RC-ZNRX", "RC-POJY", "RC-YLLS", "RC-BSSH"];
/** The measures' items (seeds/services-measures.ts) by who applies. */
const applicantsOf = (code: string) =>
  MEASURE_ITEMS.find((i) => i.code === code)!.content(() => "ORG").applicants;
const MEASURE_TALENT = MEASURE_ITEMS.map((i) => i.code).filter((c) => applicantsOf(c).includes("talent"));
const MEASURE_EMPLOYER = MEASURE_ITEMS.map((i) => i.code).filter((c) =>
  applicantsOf(c).some((a) => a === "employer" || a === "employer_for_staff"),
);
const all = (r: Result) => [...r.eligible, ...r.nearly, ...r.notEligible];
/** The policy's measures in the policy's own numbering; never "第12条". */
const noArticleNumbers = (r: unknown) => expect(JSON.stringify(r)).not.toMatch(/第\s*\d+\s*条/);
const PHD_RULE = {
  kind: "eligibility",
  citation: { doc, measure: 5 },
  when: {
    all: [
      {
        exists: "educations",
        where: { field: "degree", op: "eq", value: "博士" },
        citation: { doc, measure: 5, article: "第一款" },
      },
      { field: "salaryYearly", op: "gte", value: 30_000_000 },
    ],
  },
};
const AMOUNT_RULE = {
  kind: "amount",
  formula: { min: [{ fraction: [1, 10], of: { field: "taxYearly" }, round: "floor" }, 5_000_000] },
};

interface Outcome {
  code: string;
  applicants: string[];
  standing: string;
  changesNeeded: number;
  missing: { path: string; result: string; label: { zh: string }; citation?: unknown }[];
  conditions: unknown[];
  citation?: unknown;
  amountFen: number | null;
}
interface Result {
  asOf: string;
  audience: string;
  eligible: Outcome[];
  nearly: Outcome[];
  notEligible: Outcome[];
  profileFound?: boolean;
}

let t: TestApp;
let anon: TestClient;

beforeAll(async () => {
  t = await createTestApp({ start: "2026-06-15T02:00:00.000Z" });
  anon = t.anonymous();
  await publishItem(t, "RC-TEST-PHD", {
    name: "博士安家补贴",
    eligibility: PHD_RULE,
    amountRule: AMOUNT_RULE,
  });
});
afterAll(async () => t?.close());

describe("policy calculator", () => {
  it("asks for the fields the published rules read, with labels and types", async () => {
    const res = await anon.get("/api/calculator/questions");
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      questions: { field: string; type: string; label: { zh: string } }[];
      items: number;
    };
    // A talent's items: the demo catalogue's talent routes (all but the employer-only 柔性引进人才备案),
    // 博士人才生活补贴 and RC-TEST-PHD, and the measures' items a talent applies for.
    expect(MEASURE_TALENT.length).toBeGreaterThan(0);
    expect(body.items).toBe(9 + MEASURE_TALENT.length);
    const fields = body.questions.map((q) => q.field);
    expect(fields).toEqual([
      "birthDate",
      "category",
      "tier",
      "engagement",
      "salaryYearly",
      "fullTime",
      "educations",
      "titles",
      "awards",
      "skills",
      "postdocs",
      "patents",
    ]);
    expect(body.questions[6]).toMatchObject({ type: "list", label: { zh: "学历学位" } });
    expect(body.questions[0]).toMatchObject({ type: "date", label: { zh: "出生日期" } });
    // An employer's items: 高层次人才认定, 技能竞赛获奖 (for staff), 柔性引进人才备案, 科技项目.
    const employer = (await anon.get("/api/calculator/questions?audience=employer")).json() as typeof body;
    expect(employer.items).toBe(4 + MEASURE_EMPLOYER.length);
    // The measures' employer items add the staff member's age, tier and full-time work.
    expect(employer.questions.map((q) => q.field)).toEqual([
      "birthDate",
      "category",
      "tier",
      "engagement",
      "fullTime",
      "educations",
      "titles",
      "awards",
      "skills",
      "patents",
    ]);
    expect((await anon.get("/api/calculator/questions?audience=nobody")).statusCode).toBe(400);
  });

  it("an anonymous visitor sees eligible items, and nearly eligible ones with what is missing", async () => {
    const res = await anon.post("/api/calculator", {
      answers: { educations: [{ degree: "博士", school: "大连理工大学" }] },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Result;
    expect(body.asOf).toBe("2026-06-15");
    expect(body.audience).toBe("talent");
    // Every item has its rule: a doctorate alone does not open the science project funds (七).
    const kjqd = body.nearly.find((o) => o.code === "RC-KJQD")!;
    expect(kjqd.missing.map((m) => m.label.zh)).toEqual([
      "属于创新型科技人才（基础研究或应用研究）",
      "在本市用人单位工作（全职或柔性）",
    ]);
    expect(kjqd.missing.map((m) => m.citation)).toEqual([
      { doc: POLICY, article: "（七）" },
      { doc: POLICY, article: "（七）" },
    ]);
    const phd = body.nearly.find((o) => o.code === "RC-TEST-PHD")!;
    expect(phd).toMatchObject({ standing: "nearly", changesNeeded: 1, citation: { doc, measure: 5 } });
    expect(phd.missing).toEqual([
      expect.objectContaining({ path: "/when/all/1", result: "unknown", citation: { doc, measure: 5 } }),
    ]);
    expect(phd.missing[0]!.label.zh).toContain("上年度工资薪金");
    expect(phd.conditions).toHaveLength(2);

    const full = (
      await anon.post("/api/calculator", {
        answers: { educations: [{ degree: "博士" }], salaryYearly: 40_000_000, taxYearly: 3_000_000 },
      })
    ).json() as Result;
    const ok = full.eligible.find((o) => o.code === "RC-TEST-PHD")!;
    expect(ok).toMatchObject({ standing: "eligible", missing: [], amountFen: 300_000 });

    const low = (
      await anon.post("/api/calculator", {
        answers: { educations: [{ degree: "硕士" }], salaryYearly: 100 },
        nearLimit: 1,
      })
    ).json() as Result;
    expect(low.notEligible.map((o) => o.code)).toContain("RC-TEST-PHD");
    const none = (await anon.post("/api/calculator", { answers: {}, nearLimit: 1 })).json() as Result;
    expect(none.notEligible.map((o) => o.code)).toContain("RC-TEST-PHD");
  });

  it("refuses bad answers with a bilingual problem naming each field", async () => {
    const res = await anon.post("/api/calculator", {
      answers: { birthDate: "1990-02-30", tier: "Z", nope: 1, educations: [{ degree: "博士", x: 1 }] },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; title: string; detail: string; errors: { path: string }[] };
    expect(body.code).toBe("ANSWERS_INVALID");
    expect(body.errors.map((e) => e.path).sort()).toEqual(
      ["/answers/birthDate", "/answers/educations/0/x", "/answers/nope", "/answers/tier"].sort(),
    );
    expect(body.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(body.title).toContain("Invalid answers");
    const notObject = await anon.post("/api/calculator", { answers: "x" });
    expect(notObject.statusCode).toBe(400);
    const extra = await anon.post("/api/calculator", { answers: {}, evil: 1 });
    expect(extra.statusCode).toBe(400);
  });

  it("a logged-in talent gets the answer for their registry record", async () => {
    const talent = await t.login("talent");
    const res = await talent.get("/api/calculator/me");
    expect(res.statusCode).toBe(200);
    const body = res.json() as Result;
    expect(body.profileFound).toBe(true);
    // 刘洋: 博士, salary 380,000 元, tax 56,000 元 → 10% = 5,600 元.
    expect(body.eligible.find((o) => o.code === "RC-TEST-PHD")).toMatchObject({ amountFen: 560_000 });
    // The demo item: doctorate, full-time, 38 years old; 10% of 56,000 元 in whole 元.
    expect(body.eligible.find((o) => o.code === "RC-BSSH")).toMatchObject({
      amountFen: 560_000,
      citation: { doc: "演示政策：博士人才生活补贴实施细则", article: "第三条" },
    });

    const other = await addTalent(t, { name: "赵敏", gender: "female" } as never, "talent_nodata");
    expect(other.userId).toEqual(expect.any(String));
    const bare = await t.login("talent_nodata");
    const mine = (await bare.get("/api/calculator/me")).json() as Result;
    expect(mine.profileFound).toBe(true);
    expect(mine.nearly.concat(mine.notEligible).map((o) => o.code)).toContain("RC-TEST-PHD");
  });

  it("the demo talent sees only talent items, with a truthful count and what is missing", async () => {
    const talent = await t.login("talent");
    const body = (await talent.get("/api/calculator/me")).json() as Result;
    expect(body.audience).toBe("talent");
    const items = all(body);
    expect(items.length).toBe(9 + MEASURE_TALENT.length);
    for (const o of items) expect(o.applicants, o.code).toContain("talent");
    expect(items.map((o) => o.code)).not.toContain("RC-LXYC-BA");
    // 刘洋: doctorate, full-time at 辽海, completed postdoc, applied research, not yet recognised.
    expect(body.eligible.map((o) => o.code)).toEqual([
      "RC-BSH-FGJ",
      "RC-BSSH",
      // (十九) 创业担保贷款贴息 and 创业孵化补贴: a doctorate working in the city.
      "RC-CYDB-TX",
      "RC-CYFH-BZ",
      "RC-GCCRC-RD",
      "RC-KJQD",
      "RC-TEST-PHD",
    ]);
    expect(body.eligible.length).toBeLessThan(items.length);
    // Not a skilled worker: 技能竞赛获奖 is one condition away, cited as the policy numbers it.
    const skills = body.nearly.find((o) => o.code === "RC-JNJS-JS")!;
    expect(skills).toMatchObject({ changesNeeded: 1, citation: { doc: POLICY, article: "（十七）" } });
    expect(skills.missing).toHaveLength(1);
    expect(skills.missing[0]).toMatchObject({
      result: "fail",
      citation: { doc: POLICY, article: "（十七）" },
    });
    expect(skills.missing[0]!.label.zh).toBe("属于技能人才");
    // Not recognised (tier unknown): 子女入学 needs the recognition, (十四).
    const school = body.nearly.find((o) => o.code === "RC-ZNRX")!;
    expect(school.missing).toEqual([
      expect.objectContaining({
        result: "unknown",
        label: { zh: "经认定的引进人才（A–E 类）", en: "a recognised introduced talent (tier A–E)" },
        citation: { doc: POLICY, article: "（十四）" },
      }),
    ]);
    noArticleNumbers(body);
    // A talent may not pose as an employer.
    expect((await talent.get("/api/calculator/me?audience=employer")).statusCode).toBe(403);
  });

  it("an employer user sees only the items an employer applies for", async () => {
    const employer = await t.login("employer");
    const res = await employer.get("/api/calculator/me");
    expect(res.statusCode).toBe(200);
    const body = res.json() as Result;
    expect(body.audience).toBe("employer");
    const codes = all(body).map((o) => o.code);
    expect(codes.sort()).toEqual(
      ["RC-GCCRC-RD", "RC-JNJS-JS", "RC-KJQD", "RC-LXYC-BA", ...MEASURE_EMPLOYER].sort(),
    );
    for (const o of all(body))
      expect(
        o.applicants.some((a) => a === "employer" || a === "employer_for_staff"),
        o.code,
      ).toBe(true);
    for (const code of TALENT_ONLY) expect(codes).not.toContain(code);
    // Nothing is known of the talent concerned: nothing is "可以享受", each lists what must hold.
    expect(body.eligible).toEqual([]);
    const flexible = all(body).find((o) => o.code === "RC-LXYC-BA")!;
    expect(flexible.missing).toEqual([
      expect.objectContaining({ result: "unknown", citation: { doc: POLICY, article: "（十三）" } }),
    ]);
    noArticleNumbers(body);
    expect((await employer.get("/api/calculator/me?audience=talent")).statusCode).toBe(403);
  });

  it("an anonymous visitor chooses talent or employer; talent is the default", async () => {
    const answers = { engagement: "advisor", category: "skills", awards: [{ level: "city" }] };
    const asTalent = (await anon.post("/api/calculator", { answers })).json() as Result;
    expect(asTalent.audience).toBe("talent");
    const talentCodes = all(asTalent).map((o) => o.code);
    expect(talentCodes.length).toBe(9 + MEASURE_TALENT.length);
    expect(talentCodes).not.toContain("RC-LXYC-BA");
    expect(asTalent.eligible.map((o) => o.code)).toEqual(["RC-JNJS-JS"]);

    const asEmployer = (
      await anon.post("/api/calculator", { answers, audience: "employer" })
    ).json() as Result;
    expect(asEmployer.audience).toBe("employer");
    const employerCodes = all(asEmployer).map((o) => o.code);
    expect(employerCodes.length).toBe(4 + MEASURE_EMPLOYER.length);
    for (const code of TALENT_ONLY) expect(employerCodes).not.toContain(code);
    expect(asEmployer.eligible.map((o) => o.code)).toEqual(["RC-JNJS-JS", "RC-LXYC-BA"]);
    noArticleNumbers(asTalent);
    noArticleNumbers(asEmployer);
    expect((await anon.post("/api/calculator", { answers, audience: "officer" })).statusCode).toBe(400);
  });

  it("budget simulation: qualifying talents and totals under the published and a proposed rule", async () => {
    const office = await t.login("office");
    const proposed = {
      ...PHD_RULE,
      when: { all: [PHD_RULE.when.all[0], { field: "salaryYearly", op: "gte", value: 10_000_000 }] },
    };
    const res = await office.post("/api/calculator/simulation", {
      itemCode: "RC-TEST-PHD",
      eligibility: proposed,
    });
    expect(res.statusCode).toBe(200);
    const sim = res.json() as {
      talents: number;
      current: { qualifying: number; totalFen: number; amountUnknown: number };
      proposed: { qualifying: number; totalFen: number };
      gained: number;
      lost: number;
    };
    // An independent count over the registry's own profile reader.
    const db = t.rt.deps.database.db;
    const profiles = await profilesPage(db, null, 10_000, "2026-06-15");
    const cur = compileRule(PHD_RULE, talentCatalogue, "eligibility");
    const next = compileRule(proposed, talentCatalogue, "eligibility");
    const amount = compileRule(AMOUNT_RULE, talentCatalogue, "amount");
    const asOf = { asOf: "2026-06-15" };
    const q1 = profiles.filter((p) => evaluate(cur, p.profile, asOf) === "pass");
    const q2 = profiles.filter((p) => evaluate(next, p.profile, asOf) === "pass");
    expect(sim.talents).toBe(profiles.length);
    expect(sim.current.qualifying).toBe(q1.length);
    expect(sim.proposed.qualifying).toBe(q2.length);
    expect(q1.length).toBeGreaterThan(0);
    expect(q2.length).toBeGreaterThan(q1.length);
    expect(sim.current.totalFen).toBe(q1.reduce((s, p) => s + (evaluate(amount, p.profile, asOf) ?? 0), 0));
    expect(sim.proposed.totalFen).toBe(q2.reduce((s, p) => s + (evaluate(amount, p.profile, asOf) ?? 0), 0));
    expect(sim.gained).toBe(q2.length - q1.length);
    expect(sim.lost).toBe(0);

    const bad = await office.post("/api/calculator/simulation", {
      itemCode: "RC-TEST-PHD",
      eligibility: { kind: "eligibility", when: { field: "nope", op: "eq", value: 1 } },
    });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { errors: { path: string }[] }).errors[0]!.path).toBe("/eligibility/when/field");
    const missing = await office.post("/api/calculator/simulation", { itemCode: "RC-NOPE" });
    expect(missing.statusCode).toBe(404);
  });

  it("rate-limits anonymous calculations per IP", async () => {
    let limited = 0;
    for (let i = 0; i < 70; i++) {
      const r = await anon.post("/api/calculator", { answers: {} });
      if (r.statusCode === 429) limited++;
      else expect(r.statusCode).toBe(200);
    }
    expect(limited).toBeGreaterThan(0);
  });
});
