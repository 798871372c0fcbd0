import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appliesTo,
  assessAll,
  assessItem,
  type CalculatorItem,
  type CompiledItem,
  changeCost,
  checkAnswers,
  compileItem,
  questionsFor,
  verdictWith,
} from "../../src/server/engine/calculator/index.js";
import { type Catalogue, evaluate, explain, talentCatalogue } from "../../src/server/engine/rules/index.js";

const AS_OF = { asOf: "2026-06-30" };
const doc = "某市人才新政";

function item(code: string, eligibility: unknown, amountRule: unknown = null): CalculatorItem {
  return {
    code,
    name: `事项 ${code}`,
    kind: "payment",
    version: 1,
    versionId: `v-${code}`,
    ownerOrg: { id: "org", name: "市人才办" },
    applicants: ["talent"],
    eligibility,
    amountRule,
  };
}

function compiled(it: CalculatorItem, catalogue: Catalogue = talentCatalogue): CompiledItem {
  const c = compileItem(it, catalogue);
  if (!c.ok) throw new Error(`invalid rule in ${it.code}`);
  return c.compiled;
}

const housing = item(
  "HOUSING",
  {
    kind: "eligibility",
    citation: { doc, measure: 7 },
    when: {
      all: [
        { age: "birthDate", op: "lte", value: 45, citation: { doc, measure: 7, article: "第一款" } },
        { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } },
        { field: "fullTime", op: "eq", value: true },
      ],
    },
  },
  { kind: "amount", formula: 5000000 },
);
const skills = item("SKILLS", {
  kind: "eligibility",
  citation: { doc, measure: 9 },
  when: {
    any: [
      { exists: "skills", where: { field: "level", op: "in", value: ["高级技师", "技师"] } },
      { field: "tier", op: "in", value: ["A", "B", "C"] },
    ],
  },
});
const tax = item("TAX", {
  kind: "eligibility",
  when: {
    all: [
      { field: "taxYearly", op: "gte", value: 1000000 },
      { field: "salaryYearly", op: "gte", value: 30000000 },
      { field: "category", op: "eq", value: "management" },
      { field: "fullTime", op: "eq", value: true },
    ],
  },
});
const open = item("OPEN", null);

describe("policy calculator", () => {
  const items = [housing, skills, tax, open].map((i) => compiled(i));

  it("groups items into eligible, nearly eligible and not eligible, with what is missing", () => {
    const profile = {
      birthDate: "1990-05-01",
      educations: [{ degree: "博士", school: "大连理工大学", major: "化工", year: 2018 }],
    };
    const r = assessAll(items, profile, AS_OF);
    expect(r.eligible.map((o) => o.code)).toEqual(["OPEN"]);
    // HOUSING: age and doctorate pass; full-time unknown → one condition missing.
    expect(r.nearly.map((o) => o.code)).toEqual(["HOUSING", "SKILLS"]);
    const h = r.nearly[0]!;
    expect(h.result).toBe("unknown");
    expect(h.changesNeeded).toBe(1);
    expect(h.missing).toEqual([
      expect.objectContaining({
        path: "/when/all/2",
        result: "unknown",
        needed: "pass",
        actual: null,
        citation: { doc, measure: 7 },
        expected: { op: "eq", value: true },
      }),
    ]);
    expect(h.citation).toEqual({ doc, measure: 7 });
    expect(h.conditions).toHaveLength(3);
    expect(h.amountFen).toBeNull(); // amounts only for eligible items
    // TAX: four conditions unknown → not eligible, but still lists them.
    expect(r.notEligible.map((o) => o.code)).toEqual(["TAX"]);
    expect(r.notEligible[0]!.changesNeeded).toBe(4);
    expect(r.notEligible[0]!.missing).toHaveLength(4);
  });

  it("reports an eligible item's amount and no missing conditions", () => {
    const o = assessItem(
      items[0]!,
      { birthDate: "1990-05-01", fullTime: true, educations: [{ degree: "博士" }] },
      AS_OF,
    );
    expect(o).toMatchObject({ standing: "eligible", result: "pass", missing: [], amountFen: 5000000 });
  });

  it("picks the cheapest branch of an any", () => {
    const o = assessItem(items[1]!, { tier: "D", skills: [] }, AS_OF);
    expect(o.standing).toBe("nearly");
    expect(o.changesNeeded).toBe(1);
    expect(o.missing).toHaveLength(1);
    expect(o.missing[0]!.result).toBe("fail");
  });

  it("respects the near limit", () => {
    const profile = { taxYearly: 2000000, salaryYearly: 100, category: "skills", fullTime: true };
    expect(assessItem(items[2]!, profile, AS_OF).standing).toBe("nearly");
    expect(assessItem(items[2]!, profile, { ...AS_OF, nearLimit: 1 }).standing).toBe("not_eligible");
    expect(assessItem(items[2]!, profile, { ...AS_OF, nearLimit: 0 }).standing).toBe("not_eligible");
  });

  it("under a not, a condition must fail", () => {
    const c = compiled(
      item("NOT", { kind: "eligibility", when: { not: { field: "tier", op: "eq", value: "A" } } }),
    );
    const o = assessItem(c, { tier: "A" }, AS_OF);
    expect(o.standing).toBe("nearly");
    expect(o.missing).toEqual([expect.objectContaining({ result: "pass", needed: "fail" })]);
  });

  it("skips an item whose stored rule is invalid", () => {
    expect(
      compileItem(
        item("BAD", { kind: "eligibility", when: { field: "nope", op: "eq", value: 1 } }),
        talentCatalogue,
      ).ok,
    ).toBe(false);
  });

  it("asks for exactly the fields the rules read, in catalogue order", () => {
    const q = questionsFor(items, talentCatalogue);
    expect(q.map((x) => x.field)).toEqual([
      "birthDate",
      "category",
      "tier",
      "salaryYearly",
      "taxYearly",
      "fullTime",
      "educations",
      "skills",
    ]);
    expect(q.find((x) => x.field === "tier")).toMatchObject({
      type: "enum",
      values: ["A", "B", "C", "D", "E"],
      label: { zh: "认定层次", en: "recognised tier" },
    });
    expect(q.find((x) => x.field === "educations")!.of!.map((f) => f.field)).toEqual([
      "degree",
      "school",
      "major",
      "year",
    ]);
  });

  it("checks a visitor's answers", () => {
    expect(checkAnswers(talentCatalogue, { birthDate: "1990-01-01", tier: null, educations: [] })).toEqual(
      [],
    );
    const errors = checkAnswers(talentCatalogue, {
      birthDate: "1990-02-30",
      tier: "Z",
      fullTime: "yes",
      salaryYearly: "1",
      nope: 1,
      educations: [{ degree: "博士", x: 1 }, 3],
      skills: {},
    });
    expect(errors.map((e) => e.path).sort()).toEqual(
      [
        "/answers/birthDate",
        "/answers/tier",
        "/answers/fullTime",
        "/answers/salaryYearly",
        "/answers/nope",
        "/answers/educations/0/x",
        "/answers/educations/1",
        "/answers/skills",
      ].sort(),
    );
    expect(errors[0]!.message.zh).toBeTruthy();
    expect(errors[0]!.message.en).toBeTruthy();
  });
});

// ---- Properties on generated rules and profiles ------------------------------------------------

// Numeric fields f0..f7; each leaf reads its own field, so the listed changes can be made
// independently by setting that field, and the claim "fixing the missing conditions makes the item
// eligible" can be checked on a real profile.
const FIELDS = ["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7"] as const;
const numCatalogue: Catalogue = Object.fromEntries(FIELDS.map((f) => [f, { type: "number" }]));
const OPS = ["eq", "lt", "lte", "gt", "gte"] as const;
type Op = (typeof OPS)[number];
type Leaf = { field: string; op: Op; value: number };
type Node = Leaf | { all: Node[] } | { any: Node[] } | { not: Node };

const leafArb = fc.record({ op: fc.constantFrom(...OPS), value: fc.integer({ min: 0, max: 5 }) });
const shapeArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArb,
    fc.record({ all: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;

/** Numbers the leaves' fields in order; null when the rule needs more fields than there are. */
function assignFields(shape: unknown): Node | null {
  let next = 0;
  const walk = (n: Record<string, unknown>): Node | null => {
    if ("op" in n) {
      if (next >= FIELDS.length) return null;
      return { field: FIELDS[next++]!, op: n.op as Op, value: n.value as number };
    }
    if ("not" in n) {
      const c = walk(n.not as Record<string, unknown>);
      return c && { not: c };
    }
    const key = "all" in n ? "all" : "any";
    const kids = (n[key] as Record<string, unknown>[]).map(walk);
    if (kids.some((k) => k === null)) return null;
    return key === "all" ? { all: kids as Node[] } : { any: kids as Node[] };
  };
  return walk(shape as Record<string, unknown>);
}

function leafAt(node: Node, pointer: string): Leaf {
  let n: unknown = { when: node };
  for (const part of pointer.split("/").slice(1)) n = (n as Record<string, unknown>)[part];
  return n as Leaf;
}

const valueFor = (leaf: Leaf, to: "pass" | "fail"): number => {
  const v = leaf.value;
  const pass = { eq: v, lt: v - 1, lte: v, gt: v + 1, gte: v }[leaf.op];
  const fail = { eq: v + 1, lt: v, lte: v + 1, gt: v, gte: v - 1 }[leaf.op];
  return to === "pass" ? pass : fail;
};

const profileArb = fc.dictionary(
  fc.constantFrom(...FIELDS),
  fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(null)),
);

describe("calculator properties", () => {
  it("eligible ⇔ the rule passes; fixing the listed conditions makes a not-yet-eligible item pass", () => {
    fc.assert(
      fc.property(shapeArb, profileArb, (shape, profile) => {
        const when = assignFields(shape);
        fc.pre(when !== null);
        const c = compiled(item("P", { kind: "eligibility", when }), numCatalogue);
        const o = assessItem(c, profile, { ...AS_OF, nearLimit: FIELDS.length });
        const verdict = evaluate(c.eligibility!, profile, AS_OF);
        expect(o.result).toBe(verdict);
        expect(o.standing === "eligible").toBe(verdict === "pass");
        if (verdict === "pass") {
          expect(o.missing).toEqual([]);
          return;
        }
        expect(o.standing).toBe("nearly"); // every rule here can be met with ≤ 8 changes
        expect(o.missing).toHaveLength(o.changesNeeded);
        const fixed: Record<string, unknown> = { ...profile };
        for (const m of o.missing) {
          const leaf = leafAt(when!, m.path);
          fixed[leaf.field] = valueFor(leaf, m.needed);
        }
        expect(evaluate(c.eligibility!, fixed, AS_OF)).toBe("pass");
      }),
      { numRuns: 500 },
    );
  });

  it("changes fewer than the reported number never make the rule pass (minimality, on the tree)", () => {
    fc.assert(
      fc.property(shapeArb, profileArb, (shape, profile) => {
        const when = assignFields(shape);
        fc.pre(when !== null);
        const c = compiled(item("P", { kind: "eligibility", when }), numCatalogue);
        const ex = explain(c.eligibility!, profile, AS_OF);
        const cost = changeCost(ex.tree);
        expect(verdictWith(ex.tree, new Map())).toBe(ex.result);
        const leaves = ex.conditions.map((x) => x.path);
        fc.pre(leaves.length <= 6);
        // Every assignment of pass/fail to the leaves that passes changes at least cost.pass leaves.
        const current = new Map(ex.conditions.map((x) => [x.path, x.result]));
        for (let mask = 0; mask < 3 ** leaves.length; mask++) {
          let m = mask;
          const overrides = new Map<string, "pass" | "fail" | "unknown">();
          let changed = 0;
          for (const p of leaves) {
            const v = (["pass", "fail", "unknown"] as const)[m % 3]!;
            m = Math.floor(m / 3);
            overrides.set(p, v);
            if (v !== current.get(p)) changed++;
          }
          if (verdictWith(ex.tree, overrides) === "pass") expect(changed).toBeGreaterThanOrEqual(cost.pass);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("calculator audience", () => {
  it("a talent applies in person; an employer for itself or for its staff", () => {
    expect(appliesTo(["talent"], "talent")).toBe(true);
    expect(appliesTo(["talent"], "employer")).toBe(false);
    expect(appliesTo(["employer"], "talent")).toBe(false);
    expect(appliesTo(["employer"], "employer")).toBe(true);
    expect(appliesTo(["employer_for_staff"], "employer")).toBe(true);
    expect(appliesTo(["employer_for_staff"], "talent")).toBe(false);
    expect(appliesTo(["talent", "employer_for_staff"], "talent")).toBe(true);
    expect(appliesTo([], "talent")).toBe(false);
  });
});
