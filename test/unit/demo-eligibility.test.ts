import { describe, expect, it } from "vitest";
import { DEMO_ELIGIBILITY } from "../../src/server/demo/calculator.js";
import { DEMO_ITEMS, POLICY_DOC } from "../../src/server/demo/services.js";
import { MEASURE_ITEMS } from "../../src/server/demo/services-measures.js";
import { checkRule, compileRule, explain, talentCatalogue } from "../../src/server/engine/rules/index.js";

// Every demo catalogue item carries an eligibility rule (the calculator no longer says "yes" to an item
// without one), and every condition cites the policy by its title and a measure in the policy's own
// numbering, （一）…（二十三）, which is one of the measures the item is linked to.

const DIGITS = "一二三四五六七八九";
/** 1..99 in the policy's numbering: 12 → （十二）, 20 → （二十）, 23 → （二十三）. */
function policyNo(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const t = tens === 0 ? "" : tens === 1 ? "十" : `${DIGITS[tens - 1]}十`;
  return `（${t}${ones === 0 ? "" : DIGITS[ones - 1]}）`;
}

const org = () => "00000000-0000-0000-0000-000000000000";

describe("demo catalogue eligibility rules", () => {
  it("numbers measures as the policy does", () => {
    expect([1, 7, 10, 11, 12, 17, 20, 23].map(policyNo)).toEqual([
      "（一）",
      "（七）",
      "（十）",
      "（十一）",
      "（十二）",
      "（十七）",
      "（二十）",
      "（二十三）",
    ]);
  });

  it("every demo item has a valid rule whose every condition cites one of the item's measures", () => {
    expect(DEMO_ITEMS.length).toBeGreaterThan(0);
    for (const item of [...DEMO_ITEMS, ...MEASURE_ITEMS]) {
      const content = item.content(org);
      expect(content.eligibility, item.code).not.toBeNull();
      const checked = checkRule(content.eligibility, talentCatalogue, { kind: "eligibility" });
      expect(checked.errors, item.code).toEqual([]);
      const rule = compileRule(content.eligibility, talentCatalogue, "eligibility");
      const ex = explain(rule, {}, { asOf: "2026-06-30" });
      const allowed = item.measures.map(policyNo);
      expect(ex.citation, item.code).toMatchObject({ doc: POLICY_DOC });
      expect(allowed, item.code).toContain(ex.citation!.article);
      expect(ex.conditions.length, item.code).toBeGreaterThan(0);
      for (const c of ex.conditions) {
        expect(c.citation, `${item.code} ${c.path}`).toMatchObject({ doc: POLICY_DOC });
        expect(c.citation!.measure, `${item.code} ${c.path}`).toBeUndefined();
        expect(allowed, `${item.code} ${c.path}`).toContain(c.citation!.article);
        expect(c.label.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(c.label.en).toMatch(/^[\x20-\x7e–]+$/);
      }
      // The policy title is the one the item's legal basis names.
      expect(content.legalBasis).toContain(`《${POLICY_DOC}》`);
    }
  });

  it("no rule text numbers the policy's measures as 第N条", () => {
    const texts = JSON.stringify([
      ...[...DEMO_ITEMS, ...MEASURE_ITEMS].map((i) => i.content(org).eligibility),
      DEMO_ELIGIBILITY,
    ]);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts).not.toMatch(/第\s*\d+\s*条/);
  });

  it("the rules say what the policy says, on sample profiles", () => {
    const rule = (code: string) =>
      compileRule(
        DEMO_ITEMS.find((i) => i.code === code)!.content(org).eligibility,
        talentCatalogue,
        "eligibility",
      );
    const asOf = { asOf: "2026-06-30" };
    const postdoc = rule("RC-BSH-FGJ");
    const working = { engagement: "full_time" };
    expect(explain(postdoc, { ...working, postdocs: [] }, asOf).result).toBe("fail");
    expect(explain(postdoc, { ...working, postdocs: [{ completed: false }] }, asOf).result).toBe("fail");
    expect(explain(postdoc, { ...working, postdocs: [{ completed: true }] }, asOf).result).toBe("pass");
    const skills = rule("RC-JNJS-JS");
    expect(explain(skills, { category: "skills", skills: [], awards: [] }, asOf).result).toBe("fail");
    expect(
      explain(skills, { category: "skills", skills: [], awards: [{ level: "provincial" }] }, asOf).result,
    ).toBe("pass");
    const rd = rule("RC-GCCRC-RD");
    const none = { educations: [], titles: [], awards: [], patents: [], skills: [] };
    expect(explain(rd, { ...working, ...none }, asOf).result).toBe("fail");
    expect(explain(rd, { ...none, engagement: null, educations: [{ degree: "博士" }] }, asOf).result).toBe(
      "unknown",
    );
    expect(explain(rd, { ...working, ...none, educations: [{ degree: "博士" }] }, asOf).result).toBe("pass");
    const flexible = rule("RC-LXYC-BA");
    expect(explain(flexible, working, asOf).result).toBe("fail");
    expect(explain(flexible, { engagement: "advisor" }, asOf).result).toBe("pass");
    const medical = rule("RC-YLLS");
    expect(explain(medical, { tier: "D" }, asOf).result).toBe("fail");
    expect(explain(medical, { tier: "B" }, asOf).result).toBe("pass");
  });
});
