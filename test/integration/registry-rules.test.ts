// Tier rule sets: the seeded A–E rules citing the reference policy, versions checked on save,
// explanations for a profile and for a registered talent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICY_DOC, TIER_RULE_SET } from "../../src/server/modules/registry/tier-rules.js";
import { createTestApp, type TestApp, type TestClient } from "../harness/app.js";

let t: TestApp;
let office: TestClient;
let talent: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  office = await t.login("office");
  talent = await t.login("talent");
});
afterAll(async () => {
  await t?.close();
});

describe("tier rule set", () => {
  it("is seeded as version 1 and cites the reference policy in every tier", async () => {
    const list = (await office.get("/api/registry/rule-sets")).json();
    expect(list.items.map((i: { code: string; version: number }) => [i.code, i.version])).toEqual([
      ["tier", 1],
    ]);
    const detail = (await office.get("/api/registry/rule-sets/tier")).json();
    expect(detail.current.kind).toBe("tier");
    for (const tier of detail.current.document.tiers) expect(tier.citation.doc).toBe(POLICY_DOC);
  });

  it("explains 刘洋's tier: C (a provincial award since 2015), citing measure 4, with A and B failed", async () => {
    const me = (await talent.get("/api/registry/me")).json();
    const res = await talent.get(`/api/registry/talents/${me.id}/tier-explain`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ruleSet).toMatchObject({ code: "tier", version: 1 });
    expect(body.explanation.result).toBe("C");
    const steps = body.explanation.steps.map(
      (s: { tier: string; result: string }) => `${s.tier}:${s.result}`,
    );
    expect(steps.slice(0, 3)).toEqual(["A:fail", "B:fail", "C:pass"]);
    const c = body.explanation.steps[2];
    expect(c.citation).toEqual({ doc: POLICY_DOC, measure: 4 });
    const award = c.conditions.find((x: { label: { zh: string } }) => x.label.zh.includes("省级奖项"));
    expect(award).toMatchObject({ result: "pass", actual: { matched: 1, undetermined: 0 } });
    // Other people's records stay hidden.
    const other = await t.rt.deps.database.db
      .selectFrom("talents")
      .select("id")
      .where("user_id", "is", null)
      .executeTakeFirstOrThrow();
    expect((await talent.get(`/api/registry/talents/${other.id}/tier-explain`)).statusCode).toBe(404);
  });

  it("checks a rule on save: bad fields and types come back with the path of the bad node, nothing saved", async () => {
    const bad = {
      kind: "tier",
      tiers: [
        { tier: "A", when: { field: "noSuchField", op: "eq", value: 1 } },
        { tier: "B", when: { field: "birthDate", op: "gt", value: "not a date" } },
      ],
    };
    const checked = (await office.post("/api/registry/rule-sets/check", { document: bad })).json();
    expect(checked.ok).toBe(false);
    expect(checked.errors.map((e: { path: string }) => e.path)).toEqual([
      "/tiers/0/when/field",
      "/tiers/1/when/value",
    ]);
    const saved = await office.post("/api/registry/rule-sets/tier", { title: "坏规则", document: bad });
    expect(saved.statusCode).toBe(422);
    expect(saved.json().code).toBe("RULE_INVALID");
    expect((await office.get("/api/registry/rule-sets/tier")).json().versions).toHaveLength(1);
  });

  it("saves a changed rule as version 2 and explains profiles with it; a different kind is refused", async () => {
    const stricter = structuredClone(TIER_RULE_SET) as unknown as {
      tiers: { tier: string; when: unknown }[];
    };
    stricter.tiers[4]!.when = { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } };
    const res = await office.post("/api/registry/rule-sets/tier", {
      title: "E 类仅限博士",
      document: stricter,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().version).toBe(2);
    const master = {
      educations: [{ degree: "硕士", school: "东北大学" }],
      awards: [],
      titles: [],
      skills: [],
      postdocs: [],
    };
    const explained = (await office.post("/api/registry/rule-sets/tier/explain", { profile: master })).json();
    expect(explained.ruleSet.version).toBe(2);
    expect(explained.explanation.result).toBe("none");
    const unknown = (await office.post("/api/registry/rule-sets/tier/explain", { profile: {} })).json();
    expect(unknown.explanation.result).toBe("unknown");
    const kind = await office.post("/api/registry/rule-sets/tier", {
      title: "x",
      document: { kind: "eligibility", when: { field: "fullTime", op: "eq", value: true } },
    });
    expect(kind.statusCode).toBe(422);
    expect(kind.json().code).toBe("RULE_SET_KIND_CHANGED");
    const audit = await t.rt.deps.database.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "registry.ruleSet.save")
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail!).version)).toEqual([1, 2]);
  });

  it("tries a draft on a registered talent without saving it, and keeps a note with each version", async () => {
    const me = (await talent.get("/api/registry/me")).json();
    // A draft where tier C needs a national award: 刘洋 (a provincial award) falls to none or below.
    const draft = structuredClone(TIER_RULE_SET) as unknown as { tiers: { tier: string; when: unknown }[] };
    const c = draft.tiers.findIndex((x) => x.tier === "C");
    draft.tiers[c]!.when = {
      count: "awards",
      where: { field: "level", op: "eq", value: "national" },
      op: "gte",
      value: 1,
    };
    const before = (await office.get("/api/registry/rule-sets/tier")).json().versions.length;
    const saved = (await office.post("/api/registry/rule-sets/tier/explain", { talentId: me.id })).json();
    const tried = await office.post("/api/registry/rule-sets/tier/explain", {
      talentId: me.id,
      document: draft,
    });
    expect(tried.statusCode, tried.body).toBe(200);
    expect(tried.json()).toMatchObject({ draft: true, talent: { id: me.id, name: me.name } });
    expect(saved.draft).toBeUndefined();
    expect(saved.explanation.result).toBe("C");
    expect(tried.json().explanation.result).not.toBe("C");
    const cStep = tried.json().explanation.steps.find((s: { tier: string }) => s.tier === "C");
    expect(cStep.result).toBe("fail");
    expect(cStep.conditions[0].actual).toMatchObject({ matched: 0 });
    expect((await office.get("/api/registry/rule-sets/tier")).json().versions).toHaveLength(before);

    const bad = structuredClone(draft);
    bad.tiers[c]!.when = { field: "nosuchField", op: "eq", value: 1 };
    const refused = await office.post("/api/registry/rule-sets/tier/explain", {
      talentId: me.id,
      document: bad,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("RULE_INVALID");
    expect(JSON.stringify(refused.json().errors)).toContain(`/tiers/${c}/when/field`);
    const both = await office.post("/api/registry/rule-sets/tier/explain", { talentId: me.id, profile: {} });
    expect(both.statusCode).toBe(422);
    expect(both.json().message ?? both.json().detail).toBeTruthy();
    const otherKind = await office.post("/api/registry/rule-sets/tier/explain", {
      profile: {},
      document: { kind: "eligibility", when: { field: "fullTime", op: "eq", value: true } },
    });
    expect(otherKind.json().code).toBe("RULE_SET_KIND_CHANGED");
    expect((await office.post("/api/registry/rule-sets/tier/explain", { talentId: "nope" })).statusCode).toBe(
      404,
    );

    const noted = await office.post("/api/registry/rule-sets/tier", {
      title: "C 类须国家级奖项",
      document: draft,
      note: "  试行：C 类收紧  ",
    });
    expect(noted.statusCode, noted.body).toBe(201);
    expect(noted.json().note).toBe("试行：C 类收紧");
    const versions = (await office.get("/api/registry/rule-sets/tier")).json().versions;
    expect(versions[0]).toMatchObject({ version: before + 1, note: "试行：C 类收紧" });
    expect(versions.at(-1).note).toBeNull();
  });

  it("is the talent office's: others may not read or save rule sets", async () => {
    expect((await talent.get("/api/registry/rule-sets")).statusCode).toBe(403);
    const hrss = await t.login("hrss");
    expect(
      (await hrss.post("/api/registry/rule-sets/tier", { title: "x", document: TIER_RULE_SET })).statusCode,
    ).toBe(403);
  });
});
