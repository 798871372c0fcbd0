import { describe, expect, it } from "vitest";
import {
  allOf,
  anyOf,
  checkRule,
  compileRule,
  evaluate,
  explain,
  negate,
  talentCatalogue,
  type Verdict,
} from "../../src/server/engine/rules/index.js";
import { AppError } from "../../src/server/lib/errors.js";

const DOC = "某市高层次人才分类目录（2024年版）";
const asOf = "2025-06-30";

const eligibility = (when: unknown) => ({ kind: "eligibility", when });
const pathsAndCodes = (input: unknown) => {
  const checked = checkRule(input, talentCatalogue);
  return checked.errors.map((e) => [e.path, e.code]);
};

/** A catalogue-style tier rule: B national honours, C 2 provincial awards since 2015, D doctor + 副高. */
const tierRule = {
  kind: "tier",
  citation: { doc: DOC },
  tiers: [
    {
      tier: "B",
      citation: { doc: DOC, measure: 2 },
      label: { zh: "获国家级荣誉", en: "national honour" },
      when: { exists: "awards", where: { field: "level", op: "eq", value: "national" } },
    },
    {
      tier: "C",
      citation: { doc: DOC, measure: 3 },
      when: {
        count: "awards",
        where: {
          all: [
            { field: "level", op: "eq", value: "provincial" },
            { field: "year", op: "gte", value: 2015 },
          ],
        },
        op: "gte",
        value: 2,
      },
    },
    {
      tier: "D",
      citation: { doc: DOC, measure: 4, article: "第四条第一款" },
      when: {
        all: [
          { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } },
          { exists: "titles", where: { field: "level", op: "in", value: ["副高", "正高"] } },
          {
            age: "birthDate",
            op: "lte",
            value: 45,
            label: { zh: "年龄不超过45周岁", en: "aged 45 or under" },
          },
        ],
      },
    },
  ],
};

describe("realistic talent-catalogue rules", () => {
  const tiers = compileRule(tierRule, talentCatalogue, "tier");
  const doctor = {
    birthDate: "1985-03-01",
    educations: [{ degree: "博士", school: "浙江大学", major: "材料", year: 2012 }],
    titles: [{ name: "副研究员", level: "副高" }],
    awards: [{ name: "省科技进步奖", level: "provincial", year: 2016 }],
  };

  it("grants D to a doctor with a 副高 title aged 40, citing measure 4", () => {
    const result = explain(tiers, doctor, { asOf });
    expect(result.result).toBe("D");
    expect(result.possible).toEqual(["D"]);
    const ageLeaf = result.conditions.find((c) => c.path === "/tiers/2/when/all/2");
    expect(ageLeaf).toMatchObject({
      result: "pass",
      actual: 40,
      expected: { op: "lte", value: 45 },
      label: { zh: "年龄不超过45周岁", en: "aged 45 or under" },
      citation: { doc: DOC, measure: 4, article: "第四条第一款" },
    });
    const countLeaf = result.conditions.find((c) => c.path === "/tiers/1/when");
    expect(countLeaf).toMatchObject({ result: "fail", actual: { matched: 1, undetermined: 0 } });
  });

  it("grants C for two provincial awards since 2015, ignoring older ones", () => {
    const awards = [
      { level: "provincial", year: 2014 },
      { level: "provincial", year: 2015 },
      { level: "provincial", year: 2021 },
      { level: "city", year: 2022 },
    ];
    expect(evaluate(tiers, { awards }, { asOf })).toBe("C");
  });

  it("grants B for a national honour even when later tiers are undecidable", () => {
    expect(evaluate(tiers, { awards: [{ level: "national", year: 2020 }] }, { asOf })).toBe("B");
  });

  it("is unknown when a better tier is undecided, listing what is still possible", () => {
    const profile = { ...doctor, awards: [{ name: "某奖", year: 2018 }] }; // level missing
    const result = explain(tiers, profile, { asOf });
    expect(result.result).toBe("unknown");
    expect(result.possible).toEqual(["B", "D"]);
    expect(result.steps.map((s) => s.result)).toEqual(["unknown", "fail", "pass"]);
  });

  it("gives none when every tier fails, and unknown-or-none when data is missing", () => {
    const none = { birthDate: "1970-01-01", educations: [], titles: [], awards: [] };
    expect(evaluate(tiers, none, { asOf })).toBe("none");
    const result = explain(tiers, { birthDate: "1970-01-01" }, { asOf });
    expect(result.result).toBe("unknown");
    expect(result.possible).toEqual(["B", "C", "none"]);
  });

  it("computes age on the evaluation date, birthdays included", () => {
    const rule = compileRule(eligibility({ age: "birthDate", op: "lte", value: 45 }), talentCatalogue);
    expect(evaluate(rule, { birthDate: "1980-06-30" }, { asOf: "2025-06-29" })).toBe("pass"); // 44
    expect(evaluate(rule, { birthDate: "1979-06-30" }, { asOf: "2025-06-29" })).toBe("pass"); // 45
    expect(evaluate(rule, { birthDate: "1979-06-29" }, { asOf: "2025-06-29" })).toBe("fail"); // 46 today
    expect(evaluate(rule, { birthDate: "1979-06-29" }, { asOf: new Date("2025-06-28T12:00:00Z") })).toBe(
      "pass",
    );
    expect(evaluate(rule, {}, { asOf })).toBe("unknown");
    expect(evaluate(rule, { birthDate: "1980-02-30" }, { asOf })).toBe("unknown");
  });

  it("treats 29 February birthdays as turning on 1 March in common years", () => {
    const rule = compileRule(eligibility({ age: "birthDate", op: "gte", value: 18 }), talentCatalogue);
    expect(evaluate(rule, { birthDate: "2004-02-29" }, { asOf: "2022-02-28" })).toBe("fail");
    expect(evaluate(rule, { birthDate: "2004-02-29" }, { asOf: "2022-03-01" })).toBe("pass");
  });

  it("compares dates, enums and booleans", () => {
    const rule = compileRule(
      eligibility({
        all: [
          { field: "arrivalDate", op: "between", value: ["2023-01-01", "2024-12-31"] },
          { field: "tier", op: "in", value: ["A", "B", "C"] },
          { field: "fullTime", op: "eq", value: true },
        ],
      }),
      talentCatalogue,
    );
    const base = { arrivalDate: "2024-12-31", tier: "C", fullTime: true };
    expect(evaluate(rule, base, { asOf })).toBe("pass");
    expect(evaluate(rule, { ...base, arrivalDate: "2025-01-01" }, { asOf })).toBe("fail");
    expect(evaluate(rule, { ...base, fullTime: "yes" }, { asOf })).toBe("unknown");
    expect(evaluate(rule, { ...base, tier: "D", fullTime: null }, { asOf })).toBe("fail");
  });

  it("suspends benefits when the talent has left, and says unknown without data", () => {
    const rule = compileRule(
      {
        kind: "suspension",
        citation: { doc: DOC, measure: 20 },
        when: { field: "fullTime", op: "eq", value: false },
      },
      talentCatalogue,
    );
    const result = explain(rule, { fullTime: false }, { asOf });
    expect(result).toMatchObject({ kind: "suspension", result: "pass", citation: { doc: DOC, measure: 20 } });
    expect(result.conditions[0]).toMatchObject({ path: "/when", actual: false, citation: { measure: 20 } });
    expect(evaluate(rule, {}, { asOf })).toBe("unknown");
  });

  it("generates bilingual labels when the rule gives none", () => {
    const rule = compileRule(
      eligibility({ field: "salaryYearly", op: "gte", value: 50000000 }),
      talentCatalogue,
    );
    const [leaf] = explain(rule, { salaryYearly: 60000000 }, { asOf }).conditions;
    expect(leaf?.label).toEqual({
      zh: "上年度工资薪金（分） ≥ 50000000",
      en: "last year's salary (fen) ≥ 50000000",
    });
  });

  it("explains the whole tree, including short-circuited branches", () => {
    const rule = compileRule(
      eligibility({
        any: [
          { field: "tier", op: "eq", value: "A" },
          { not: { field: "industry", op: "eq", value: "金融" } },
        ],
      }),
      talentCatalogue,
      "eligibility",
    );
    const result = explain(rule, { tier: "A" }, { asOf });
    expect(result.result).toBe("pass");
    expect(result.tree.children.map((c) => c.result)).toEqual(["pass", "unknown"]);
    expect(result.tree.children[1]?.children[0]).toMatchObject({
      path: "/when/any/1/not",
      result: "unknown",
    });
    expect(result.conditions.map((c) => c.path)).toEqual(["/when/any/0", "/when/any/1/not"]);
  });
});

describe("three-valued logic", () => {
  const values: Verdict[] = ["pass", "fail", "unknown"];
  const allTable: Record<string, Verdict> = {
    "pass,pass": "pass",
    "pass,fail": "fail",
    "pass,unknown": "unknown",
    "fail,pass": "fail",
    "fail,fail": "fail",
    "fail,unknown": "fail",
    "unknown,pass": "unknown",
    "unknown,fail": "fail",
    "unknown,unknown": "unknown",
  };
  const anyTable: Record<string, Verdict> = {
    "pass,pass": "pass",
    "pass,fail": "pass",
    "pass,unknown": "pass",
    "fail,pass": "pass",
    "fail,fail": "fail",
    "fail,unknown": "unknown",
    "unknown,pass": "pass",
    "unknown,fail": "unknown",
    "unknown,unknown": "unknown",
  };

  // Drive real compiled rules: a boolean field gives pass/fail, and a missing one gives unknown.
  const leaf = (name: string) => ({ field: name, op: "eq", value: true });
  const catalogue = { a: { type: "boolean" }, b: { type: "boolean" } } as const;
  const profileFor = (a: Verdict, b: Verdict) => {
    const profile: Record<string, boolean> = {};
    if (a !== "unknown") profile.a = a === "pass";
    if (b !== "unknown") profile.b = b === "pass";
    return profile;
  };
  const allRule = compileRule(eligibility({ all: [leaf("a"), leaf("b")] }), catalogue);
  const anyRule = compileRule(eligibility({ any: [leaf("a"), leaf("b")] }), catalogue);
  const notRule = compileRule(eligibility({ not: leaf("a") }), catalogue);

  for (const a of values) {
    for (const b of values) {
      it(`all/any of ${a}, ${b}`, () => {
        expect(allOf([a, b])).toBe(allTable[`${a},${b}`]);
        expect(anyOf([a, b])).toBe(anyTable[`${a},${b}`]);
        expect(evaluate(allRule, profileFor(a, b), { asOf })).toBe(allTable[`${a},${b}`]);
        expect(evaluate(anyRule, profileFor(a, b), { asOf })).toBe(anyTable[`${a},${b}`]);
        expect(explain(allRule, profileFor(a, b), { asOf }).result).toBe(allTable[`${a},${b}`]);
      });
    }
    it(`not ${a}`, () => {
      expect(evaluate(notRule, profileFor(a, "unknown"), { asOf })).toBe(negate(a));
    });
  }

  it("counts with undecided items only decide when every possible count agrees", () => {
    const rule = (op: string, value: unknown) =>
      compileRule(
        eligibility({ count: "awards", where: { field: "level", op: "eq", value: "provincial" }, op, value }),
        talentCatalogue,
      );
    const awards = [{ level: "provincial" }, { level: "provincial" }, { name: "no level" }]; // 2..3
    expect(evaluate(rule("gte", 2), { awards }, { asOf })).toBe("pass");
    expect(evaluate(rule("gte", 3), { awards }, { asOf })).toBe("unknown");
    expect(evaluate(rule("gte", 4), { awards }, { asOf })).toBe("fail");
    expect(evaluate(rule("in", [2, 3]), { awards }, { asOf })).toBe("pass");
    expect(evaluate(rule("eq", 1), { awards }, { asOf })).toBe("fail");
    expect(evaluate(rule("gte", 0), {}, { asOf })).toBe("unknown");
    expect(evaluate(rule("eq", 0), { awards: [] }, { asOf })).toBe("pass");
  });
});

describe("checkRule errors", () => {
  it("accepts the catalogue examples", () => {
    expect(checkRule(tierRule, talentCatalogue)).toMatchObject({ ok: true, errors: [] });
  });

  it("reports every error with its JSON pointer", () => {
    const rule = {
      kind: "eligibility",
      when: {
        all: [
          { field: "salary", op: "gte", value: 1 },
          { field: "salaryYearly", op: "gte", value: "500000" },
          { field: "arrivalDate", op: "gt", value: "2024-02-30" },
          { field: "birthDate", op: "lt", value: "last year" },
          { field: "taxYearly", op: "between", value: [10, 5] },
          { field: "tier", op: "in", value: [] },
          { field: "gender", op: "eq", value: "other" },
          { field: "industry", op: "gt", value: "a" },
          { count: "awards", where: { field: "level", op: "eq", value: "global" }, op: "gte", value: 1.5 },
          { exists: "educations", where: { field: "degree", op: "eq", value: "博士" }, feild: 1 },
          { field: "awards", op: "eq", value: 1 },
          { age: "name", op: "lte", value: 45 },
          { any: [] },
          { field: "fullTime", op: "equals", value: true },
          { not: { all: [{ field: "tier" }] } },
          { field: "tier", op: "eq", value: "A", any: [] },
          "tier = A",
        ],
      },
    };
    expect(pathsAndCodes(rule)).toEqual([
      ["/when/all/0/field", "RULE_UNKNOWN_FIELD"],
      ["/when/all/1/value", "RULE_TYPE_MISMATCH"],
      ["/when/all/2/value", "RULE_BAD_DATE"],
      ["/when/all/3/value", "RULE_BAD_DATE"],
      ["/when/all/4/value", "RULE_EMPTY_RANGE"],
      ["/when/all/5/value", "RULE_EMPTY_IN"],
      ["/when/all/6/value", "RULE_NOT_IN_ENUM"],
      ["/when/all/7/op", "RULE_IMPOSSIBLE_OP"],
      ["/when/all/8/where/value", "RULE_NOT_IN_ENUM"],
      ["/when/all/8/value", "RULE_TYPE_MISMATCH"],
      ["/when/all/9/feild", "RULE_UNKNOWN_KEY"],
      ["/when/all/10/field", "RULE_LIST_FIELD"],
      ["/when/all/11/age", "RULE_NOT_A_DATE"],
      ["/when/all/12/any", "RULE_EMPTY_GROUP"],
      ["/when/all/13/op", "RULE_BAD_OP"],
      ["/when/all/14/not/all/0/op", "RULE_BAD_OP"],
      ["/when/all/14/not/all/0/value", "RULE_MISSING"],
      ["/when/all/15", "RULE_BAD_NODE"],
      ["/when/all/16", "RULE_BAD_NODE"],
    ]);
  });

  it("gives bilingual messages", () => {
    const [error] = checkRule(
      eligibility({ field: "gender", op: "eq", value: "other" }),
      talentCatalogue,
    ).errors;
    expect(error?.message.zh).toContain("不在可选值");
    expect(error?.message.en).toContain('"other" is not one of male, female');
  });

  it("checks the rule envelope, labels, citations and tiers", () => {
    expect(pathsAndCodes(null)).toEqual([["", "RULE_NOT_OBJECT"]]);
    expect(pathsAndCodes({ kind: "bonus" })).toEqual([["/kind", "RULE_BAD_KIND"]]);
    expect(pathsAndCodes({ kind: "eligibility" })).toEqual([["/when", "RULE_MISSING"]]);
    expect(
      pathsAndCodes({
        kind: "tier",
        label: { zh: "分类" },
        citation: { doc: "", measure: 0 },
        tiers: [
          { tier: "C", when: { field: "tier", op: "eq", value: "C" } },
          { tier: "B", when: { field: "tier", op: "eq", value: "B" } },
          { tier: "F", when: { field: "tier", op: "eq", value: "A" }, citation: { doc: DOC, para: 1 } },
        ],
      }),
    ).toEqual([
      ["/label", "RULE_BAD_LABEL"],
      ["/citation/doc", "RULE_BAD_CITATION"],
      ["/citation/measure", "RULE_BAD_CITATION"],
      ["/tiers/1/tier", "RULE_TIER_ORDER"],
      ["/tiers/2/tier", "RULE_BAD_TIER"],
      ["/tiers/2/citation/para", "RULE_UNKNOWN_KEY"],
    ]);
  });

  it("checks amount formulas", () => {
    expect(
      pathsAndCodes({
        kind: "amount",
        formula: {
          add: [
            { field: "birthDate" },
            12.5,
            { fraction: [1, 0], of: { field: "taxYearly" }, round: "bankers" },
            { sub: [1] },
            { roundTo: 100 },
            { if: { field: "tier", op: "eq", value: "A" }, yes: 1 },
            "100",
          ],
        },
      }),
    ).toEqual([
      ["/formula/add/0/field", "RULE_NOT_A_NUMBER"],
      ["/formula/add/1", "RULE_BAD_INTEGER"],
      ["/formula/add/2/fraction/1", "RULE_BAD_INTEGER"],
      ["/formula/add/2/round", "RULE_BAD_ROUND"],
      ["/formula/add/3/sub", "RULE_BAD_EXPR"],
      ["/formula/add/4/of", "RULE_MISSING"],
      ["/formula/add/5/no", "RULE_MISSING"],
      ["/formula/add/6", "RULE_BAD_EXPR"],
    ]);
  });

  it("escapes JSON-pointer members and refuses very deep documents", () => {
    expect(pathsAndCodes(eligibility({ field: "a/b~c", op: "eq", value: 1 }))).toEqual([
      ["/when/field", "RULE_UNKNOWN_FIELD"],
    ]);
    expect(
      pathsAndCodes({ kind: "eligibility", "x/y": 1, when: { field: "fullTime", op: "eq", value: true } }),
    ).toEqual([["/x~1y", "RULE_UNKNOWN_KEY"]]);
    let deep: unknown = { field: "fullTime", op: "eq", value: true };
    for (let i = 0; i < 100; i++) deep = { not: deep };
    expect(pathsAndCodes(eligibility(deep)).map(([, code]) => code)).toEqual(["RULE_TOO_DEEP"]);
  });

  it("insists on the expected kind when asked", () => {
    const rule = eligibility({ field: "fullTime", op: "eq", value: true });
    expect(
      checkRule(rule, talentCatalogue, { kind: "suspension" }).errors.map((e) => [e.path, e.code]),
    ).toEqual([["/kind", "RULE_WRONG_KIND"]]);
    expect(checkRule(rule, talentCatalogue, { kind: "eligibility" }).ok).toBe(true);
  });

  it("compileRule refuses invalid rules with a 422 listing the errors", () => {
    try {
      compileRule(eligibility({ field: "nope", op: "eq", value: 1 }), talentCatalogue);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(422);
      expect((error as AppError).fieldErrors[0]?.path).toBe("/when/field");
    }
  });
});

describe("amounts in 分", () => {
  const citation = { doc: DOC, measure: 12 };
  // 10% of last year's income tax, rounded down to whole 元, capped at 50,000 元.
  const taxRebate = compileRule(
    {
      kind: "amount",
      citation,
      formula: {
        min: [
          {
            roundTo: 100,
            mode: "floor",
            of: { fraction: [1, 10], of: { field: "taxYearly" }, round: "floor" },
          },
          5000000,
        ],
      },
    },
    talentCatalogue,
    "amount",
  );

  it("takes 10% of the tax, rounds down to 元, and caps at 50,000 元", () => {
    expect(evaluate(taxRebate, { taxYearly: 12345678 }, { asOf })).toBe(1234500);
    expect(evaluate(taxRebate, { taxYearly: 49999999 }, { asOf })).toBe(4999900);
    expect(evaluate(taxRebate, { taxYearly: 90000000 }, { asOf })).toBe(5000000);
    expect(evaluate(taxRebate, { taxYearly: 0 }, { asOf })).toBe(0);
  });

  it("is unknown when inputs are missing or not whole 分, naming the field", () => {
    expect(explain(taxRebate, {}, { asOf })).toEqual({
      kind: "amount",
      result: "unknown",
      fen: null,
      citation,
      missing: [{ path: "/formula/min/0/of/of", field: "taxYearly" }],
      conditions: [],
    });
    expect(evaluate(taxRebate, { taxYearly: 100.5 }, { asOf })).toBeNull();
  });

  it.each([
    ["half_up", 15, 2],
    ["half_up", 14, 1],
    ["half_up", -15, -2],
    ["floor", 19, 1],
    ["floor", -11, -2],
    ["ceil", 11, 2],
    ["ceil", -19, -1],
  ])("rounds %s: %i/10 → %i", (round, tax, expected) => {
    const rule = compileRule(
      { kind: "amount", formula: { fraction: [1, 10], of: { field: "taxYearly" }, round } },
      talentCatalogue,
    );
    expect(evaluate(rule, { taxYearly: tax }, { asOf })).toBe(expected);
  });

  it("branches on conditions and explains them", () => {
    const rule = compileRule(
      {
        kind: "amount",
        formula: {
          if: { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } },
          yes: { add: [3000000, { sub: [{ field: "salaryYearly" }, { field: "taxYearly" }] }] },
          no: { max: [1000000, 0] },
        },
      },
      talentCatalogue,
      "amount",
    );
    const doctor = { educations: [{ degree: "博士" }], salaryYearly: 500, taxYearly: 200 };
    expect(evaluate(rule, doctor, { asOf })).toBe(3000300);
    expect(evaluate(rule, { educations: [] }, { asOf })).toBe(1000000);
    const unknown = explain(rule, {}, { asOf });
    expect(unknown.fen).toBeNull();
    expect(unknown.conditions[0]).toMatchObject({ path: "/formula/if", result: "unknown", actual: null });
  });

  it("never returns imprecise numbers: beyond 2^53 is unknown", () => {
    const rule = compileRule(
      { kind: "amount", formula: { add: [Number.MAX_SAFE_INTEGER, { field: "taxYearly" }] } },
      talentCatalogue,
    );
    expect(evaluate(rule, { taxYearly: 0 }, { asOf })).toBe(Number.MAX_SAFE_INTEGER);
    expect(evaluate(rule, { taxYearly: 1 }, { asOf })).toBeNull();
  });
});

describe("evaluation options", () => {
  it("refuses an invalid asOf", () => {
    const rule = compileRule(eligibility({ field: "fullTime", op: "eq", value: true }), talentCatalogue);
    expect(() => evaluate(rule, {}, { asOf: "2025-13-01" })).toThrow(AppError);
  });
});
