import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Catalogue,
  checkRule,
  compileRule,
  evaluate,
  explain,
  type Verdict,
} from "../../src/server/engine/rules/index.js";

// A small catalogue and small value domains, so random comparisons land on both sides often.
const catalogue: Catalogue = {
  n: { type: "number" },
  d: { type: "date" },
  s: { type: "string" },
  e: { type: "enum", values: ["x", "y", "z"] },
  b: { type: "boolean" },
  items: {
    type: "list",
    of: { k: { type: "enum", values: ["x", "y"] }, v: { type: "number" }, d: { type: "date" } },
  },
};

const DATES = ["1980-02-29", "1985-06-30", "1990-01-01", "2000-12-31", "2010-07-15"];
const AS_OF = ["2020-02-28", "2020-06-30", "2025-01-01"];
const NUMERIC_OPS = ["eq", "ne", "lt", "lte", "gt", "gte", "in", "between"] as const;

type Json = Record<string, unknown>;

const operandFor = (op: string, one: fc.Arbitrary<unknown>, order: (a: unknown, b: unknown) => boolean) => {
  if (op === "in") return fc.array(one, { minLength: 1, maxLength: 3 });
  if (op === "between") return fc.tuple(one, one).map(([a, b]) => (order(a, b) ? [a, b] : [b, a]));
  return one;
};
const le = (a: unknown, b: unknown) => (a as number | string) <= (b as number | string);

function comparison(key: string, name: string, ops: readonly string[], one: fc.Arbitrary<unknown>) {
  return fc
    .constantFrom(...ops)
    .chain((op) => operandFor(op, one, le).map((value): Json => ({ [key]: name, op, value })));
}

const itemLeaf = fc.oneof(
  comparison("field", "k", ["eq", "ne", "in"], fc.constantFrom("x", "y")),
  comparison("field", "v", NUMERIC_OPS, fc.integer({ min: -2, max: 2 })),
  comparison("field", "d", NUMERIC_OPS, fc.constantFrom(...DATES)),
);
const itemCondition = fc.oneof(
  itemLeaf,
  fc.array(itemLeaf, { minLength: 1, maxLength: 2 }).map((all): Json => ({ all })),
  itemLeaf.map((c): Json => ({ not: c })),
);

const leaf: fc.Arbitrary<Json> = fc.oneof(
  comparison("field", "n", NUMERIC_OPS, fc.integer({ min: -3, max: 3 })),
  comparison("field", "d", NUMERIC_OPS, fc.constantFrom(...DATES)),
  comparison("field", "s", ["eq", "ne", "in"], fc.constantFrom("a", "b", "c")),
  comparison("field", "e", ["eq", "ne", "in"], fc.constantFrom("x", "y", "z")),
  comparison("field", "b", ["eq", "ne"], fc.boolean()),
  comparison("age", "d", NUMERIC_OPS, fc.integer({ min: 9, max: 46 })),
  fc
    .tuple(
      comparison("count", "items", NUMERIC_OPS, fc.integer({ min: 0, max: 3 })),
      fc.option(itemCondition),
    )
    .map(([c, where]) => (where ? { ...c, where } : c)),
  fc.option(itemCondition).map((where): Json => (where ? { exists: "items", where } : { exists: "items" })),
);

const { condition } = fc.letrec<{ condition: Json }>((tie) => ({
  condition: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("condition"), { minLength: 1, maxLength: 3 }).map((all): Json => ({ all })),
    fc.array(tie("condition"), { minLength: 1, maxLength: 3 }).map((any): Json => ({ any })),
    tie("condition").map((c): Json => ({ not: c })),
  ),
}));

/** A field value: usually the right type, sometimes null, absent, or the wrong type. */
const maybe = (right: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: right },
    fc.constant(null),
    fc.constantFrom("2024-02-30", "?", 7, true, {}),
  );

const itemArb = fc.record(
  {
    k: maybe(fc.constantFrom("x", "y")),
    v: maybe(fc.integer({ min: -2, max: 2 })),
    d: maybe(fc.constantFrom(...DATES)),
  },
  { requiredKeys: [] },
);
const profileArb = fc.record(
  {
    n: maybe(fc.integer({ min: -3, max: 3 })),
    d: maybe(fc.constantFrom(...DATES)),
    s: maybe(fc.constantFrom("a", "b", "c")),
    e: maybe(fc.constantFrom("x", "y", "z")),
    b: maybe(fc.boolean()),
    items: maybe(fc.array(fc.oneof({ weight: 5, arbitrary: itemArb }, fc.constant(null)), { maxLength: 4 })),
  },
  { requiredKeys: [] },
);

// ---- A straightforward reference interpreter over the JSON, written independently ----------

const has = (scope: unknown, key: string): unknown =>
  scope && typeof scope === "object" && !Array.isArray(scope) && Object.hasOwn(scope, key)
    ? (scope as Json)[key]
    : undefined;

function realDate(value: unknown): string | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value ? value : undefined;
}

function typedValue(spec: { type: string }, value: unknown): unknown {
  if (spec.type === "number") return typeof value === "number" ? value : undefined;
  if (spec.type === "date") return realDate(value);
  if (spec.type === "boolean") return typeof value === "boolean" ? value : undefined;
  return typeof value === "string" ? value : undefined;
}

function compare(actual: unknown, op: string, value: unknown): boolean {
  const a = actual as number | string;
  const v = value as number | string;
  switch (op) {
    case "eq":
      return actual === value;
    case "ne":
      return actual !== value;
    case "lt":
      return a < v;
    case "lte":
      return a <= v;
    case "gt":
      return a > v;
    case "gte":
      return a >= v;
    case "in":
      return (value as unknown[]).includes(actual);
    default: {
      const [min, max] = value as (number | string)[];
      return a >= min! && a <= max!;
    }
  }
}

function ageOn(birth: string, on: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m * 100 + d < bm * 100 + bd ? 1 : 0);
}

function reference(node: Json, scope: unknown, fields: Catalogue, asOf: string): Verdict {
  if ("all" in node) {
    const vs = (node.all as Json[]).map((c) => reference(c, scope, fields, asOf));
    return vs.includes("fail") ? "fail" : vs.includes("unknown") ? "unknown" : "pass";
  }
  if ("any" in node) {
    const vs = (node.any as Json[]).map((c) => reference(c, scope, fields, asOf));
    return vs.includes("pass") ? "pass" : vs.includes("unknown") ? "unknown" : "fail";
  }
  if ("not" in node) {
    const v = reference(node.not as Json, scope, fields, asOf);
    return v === "unknown" ? v : v === "pass" ? "fail" : "pass";
  }
  if ("field" in node) {
    const name = node.field as string;
    const actual = typedValue(fields[name] as { type: string }, has(scope, name));
    if (actual === undefined) return "unknown";
    return compare(actual, node.op as string, node.value) ? "pass" : "fail";
  }
  if ("age" in node) {
    const birth = realDate(has(scope, node.age as string));
    if (birth === undefined) return "unknown";
    return compare(ageOn(birth, asOf), node.op as string, node.value) ? "pass" : "fail";
  }
  const listName = (node.count ?? node.exists) as string;
  const items = has(scope, listName);
  if (!Array.isArray(items)) return "unknown";
  const spec = fields[listName];
  const itemFields = spec?.type === "list" ? spec.of : {};
  const where = node.where as Json | undefined;
  const vs = items.map((item) => (where ? reference(where, item, itemFields, asOf) : "pass"));
  const lo = vs.filter((v) => v === "pass").length;
  const hi = lo + vs.filter((v) => v === "unknown").length;
  const outcomes = new Set<boolean>();
  for (let n = lo; n <= hi; n++)
    outcomes.add("exists" in node ? n >= 1 : compare(n, node.op as string, node.value));
  return outcomes.size === 2 ? "unknown" : outcomes.has(true) ? "pass" : "fail";
}

// ---- Properties --------------------------------------------------------------------------------

const eligibility = (when: unknown) => ({ kind: "eligibility", when });
const anythingEverything = {
  withBigInt: true,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  withDate: true,
} as const;
const decide = (when: Json, profile: unknown, asOf: string) =>
  evaluate(compileRule(eligibility(when), catalogue), profile, { asOf });
const runs = { numRuns: 300 };

describe("rule language properties", () => {
  it("the checker never throws on arbitrary JSON or values", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(anythingEverything)), (input) => {
        const a = checkRule(input, catalogue);
        const b = checkRule(eligibility(input), catalogue);
        const c = checkRule({ kind: "amount", formula: input }, catalogue);
        return [a, b, c].every((r) => r.ok === (r.errors.length === 0));
      }),
      runs,
    );
  });

  it("generated rules are accepted by the checker", () => {
    fc.assert(
      fc.property(condition, (when) => {
        expect(checkRule(eligibility(when), catalogue).errors).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  // Break generated rules in random places; whatever the checker still accepts must run anywhere.
  const mutated = fc
    .tuple(condition, fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }))
    .map(([when, edits]) => {
      const copy = structuredClone(when);
      const nodes: Json[] = [];
      const walk = (x: unknown) => {
        if (x && typeof x === "object") {
          if (!Array.isArray(x)) nodes.push(x as Json);
          for (const v of Object.values(x)) walk(v);
        }
      };
      walk(copy);
      for (const [at, value] of edits) {
        const node = nodes[at % nodes.length]!;
        const keys = [...Object.keys(node), "where", "value", "op"];
        node[keys[at % keys.length]!] = value;
      }
      return copy;
    });

  it("every rule the checker accepts evaluates and explains any profile without throwing", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        mutated,
        fc.oneof(profileArb, fc.anything(anythingEverything)),
        fc.constantFrom(...AS_OF),
        (when, profile, asOf) => {
          const checked = checkRule(eligibility(when), catalogue);
          if (!checked.ok) return;
          accepted++;
          const rule = compileRule(eligibility(when), catalogue);
          const fast = evaluate(rule, profile, { asOf });
          const explained = explain(rule, profile, { asOf });
          expect(explained.result).toBe(fast);
        },
      ),
      runs,
    );
    // The mutations must leave enough valid rules for the property to mean something.
    expect(accepted).toBeGreaterThan(30);
  });

  it("compiled evaluation equals the reference interpreter", () => {
    fc.assert(
      fc.property(condition, profileArb, fc.constantFrom(...AS_OF), (when, profile, asOf) => {
        expect(decide(when, profile, asOf)).toBe(reference(when, profile, catalogue, asOf));
      }),
      runs,
    );
  });

  it("not(not(r)) ≡ r", () => {
    fc.assert(
      fc.property(condition, profileArb, fc.constantFrom(...AS_OF), (r, profile, asOf) => {
        expect(decide({ not: { not: r } }, profile, asOf)).toBe(decide(r, profile, asOf));
      }),
      runs,
    );
  });

  it("De Morgan's laws hold under three-valued logic", () => {
    fc.assert(
      fc.property(condition, condition, profileArb, fc.constantFrom(...AS_OF), (a, b, profile, asOf) => {
        expect(decide({ not: { all: [a, b] } }, profile, asOf)).toBe(
          decide({ any: [{ not: a }, { not: b }] }, profile, asOf),
        );
        expect(decide({ not: { any: [a, b] } }, profile, asOf)).toBe(
          decide({ all: [{ not: a }, { not: b }] }, profile, asOf),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("tiers grant the first passing tier only when every better tier failed", () => {
    fc.assert(
      fc.property(fc.array(condition, { minLength: 1, maxLength: 4 }), profileArb, (whens, profile) => {
        const names = ["A", "B", "C", "D", "E"];
        const rule = compileRule(
          { kind: "tier", tiers: whens.map((when, i) => ({ tier: names[i], when })) },
          catalogue,
        );
        const verdicts = whens.map((when) => reference(when, profile, catalogue, "2025-01-01"));
        const firstPass = verdicts.indexOf("pass");
        const decided =
          firstPass < 0
            ? verdicts.every((v) => v === "fail")
            : !verdicts.slice(0, firstPass).includes("unknown");
        const expected = !decided ? "unknown" : firstPass < 0 ? "none" : names[firstPass];
        expect(evaluate(rule, profile, { asOf: "2025-01-01" })).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("fractions round exactly: floor ≤ half_up ≤ ceil, within one 分, matching BigInt arithmetic", () => {
    const fraction = (round: string, num: number, den: number) =>
      compileRule(
        { kind: "amount", formula: { fraction: [num, den], of: { field: "n" }, round } },
        catalogue,
      );
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        (n, num, den) => {
          const [lo, mid, hi] = ["floor", "half_up", "ceil"].map(
            (round) => evaluate(fraction(round, num, den), { n }, { asOf: "2025-01-01" }) as number,
          ) as [number, number, number];
          expect(lo <= mid && mid <= hi && hi - lo <= 1).toBe(true);
          const exact = BigInt(n) * BigInt(num);
          const floorRef = exact >= 0n ? exact / BigInt(den) : -((-exact + BigInt(den) - 1n) / BigInt(den));
          expect(BigInt(lo)).toBe(floorRef);
          expect(hi - lo).toBe(exact % BigInt(den) === 0n ? 0 : 1);
        },
      ),
      runs,
    );
  });
});
