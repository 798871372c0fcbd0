// The policy calculator (pure, no I/O): for a talent profile — possibly partial, e.g. an anonymous
// visitor's answers to a short form — and the published service items, says per item whether the
// talent is eligible, nearly eligible (and exactly what is missing), or not eligible, with the
// clauses behind each answer. See README.md for the definition of "nearly eligible".
import {
  type Bilingual,
  type Catalogue,
  type Citation,
  type CompiledRuleOf,
  type Condition,
  type ConditionExplanation,
  checkRule,
  compileChecked,
  type EvalOptions,
  type Expr,
  evaluate,
  explain,
  type FieldSpec,
  type Rule,
  type TreeExplanation,
  type Verdict,
} from "../rules/index.js";

/** Leaf conditions that may change for an item to count as "nearly eligible" (default). */
export const DEFAULT_NEAR_LIMIT = 2;

export type Standing = "eligible" | "nearly" | "not_eligible";

/** A published item as the calculator sees it (a subset of the catalogue's CatalogueItem). */
export interface CalculatorItem {
  code: string;
  name: string;
  kind: string;
  version: number;
  versionId: string;
  ownerOrg: { id: string; name: string };
  applicants: string[];
  /** engine/rules "eligibility" rule JSON; null: anyone qualifies. */
  eligibility: unknown | null;
  /** engine/rules "amount" rule JSON; null: no amount. */
  amountRule: unknown | null;
}

/** A leaf condition to change: its verdict now ("unknown": the data is missing) and the one needed. */
export interface MissingCondition {
  path: string;
  label: Bilingual;
  citation?: Citation;
  result: Verdict;
  /** The verdict the condition must take: "pass", or "fail" for a condition under a `not`. */
  needed: "pass" | "fail";
  actual: unknown;
  expected: ConditionExplanation["expected"];
}

export interface ItemOutcome {
  code: string;
  name: string;
  kind: string;
  version: number;
  versionId: string;
  ownerOrg: { id: string; name: string };
  applicants: string[];
  standing: Standing;
  /** The eligibility rule's own answer ("pass" when the item has no rule). */
  result: Verdict;
  /** The rule's citation (the clause the whole rule comes from), if any. */
  citation?: Citation;
  /** Fewest leaf conditions that must change for the rule to pass (0 when eligible). */
  changesNeeded: number;
  /** Those conditions (for "nearly"; for "not_eligible" too, so the page can say why). */
  missing: MissingCondition[];
  /** Every leaf condition with its verdict, actual value and clause. */
  conditions: ConditionExplanation[];
  /** The estimated amount in 分 when the item has an amount rule and the profile decides it. */
  amountFen: number | null;
}

export interface CompiledItem {
  item: CalculatorItem;
  eligibility: CompiledRuleOf<"eligibility"> | null;
  amount: CompiledRuleOf<"amount"> | null;
}

/** Compiles an item's rules once; an invalid stored rule is reported, not thrown (the item is skipped). */
export function compileItem(
  item: CalculatorItem,
  catalogue: Catalogue,
): { ok: true; compiled: CompiledItem } | { ok: false; code: string } {
  const el = compileOf(item.eligibility, catalogue, "eligibility");
  const am = compileOf(item.amountRule, catalogue, "amount");
  if (el === undefined || am === undefined) return { ok: false, code: item.code };
  return {
    ok: true,
    compiled: {
      item,
      eligibility: el as CompiledRuleOf<"eligibility"> | null,
      amount: am as CompiledRuleOf<"amount"> | null,
    },
  };
}

function compileOf(json: unknown, catalogue: Catalogue, kind: "eligibility" | "amount") {
  if (json === null || json === undefined) return null;
  const checked = checkRule(json, catalogue, { kind });
  return checked.ok ? compileChecked(checked.rule) : undefined;
}

// ---- Audience: who applies ------------------------------------------------------------------------

/** Who the calculator answers for: a talent (applies in person) or an employer. */
export type Audience = "talent" | "employer";
export const AUDIENCES: readonly Audience[] = ["talent", "employer"];

/** The item's applicant kinds that route the given audience: talent → "talent"; employer → "employer", "employer_for_staff". */
const ROUTES: Record<Audience, readonly string[]> = {
  talent: ["talent"],
  employer: ["employer", "employer_for_staff"],
};

/** Whether the audience may apply for an item with these applicant kinds. */
export const appliesTo = (applicants: readonly string[], audience: Audience): boolean =>
  applicants.some((a) => ROUTES[audience].includes(a));

/** The items the audience applies for, in the given order. */
export const forAudience = (items: readonly CompiledItem[], audience: Audience): CompiledItem[] =>
  items.filter((c) => appliesTo(c.item.applicants, audience));

// ---- "Nearly eligible": fewest leaf changes ------------------------------------------------------

const LEAF_KINDS = new Set(["field", "age", "count", "exists"]);

/** A leaf to change and the verdict it must take (under a `not`, a leaf may have to fail). */
export interface LeafChange {
  path: string;
  to: "pass" | "fail";
}

export interface Cost {
  /** Fewest leaves to change so that the node passes / fails, and one such set of changes. */
  pass: number;
  passSet: LeafChange[];
  fail: number;
  failSet: LeafChange[];
}

/**
 * Over the explanation tree: a leaf costs 0 to keep its verdict and 1 to change it (to pass or to
 * fail); `all` passes when every child passes (sum) and fails when one fails (min); `any` the
 * reverse; `not` swaps. Exact for the tree's verdicts, treating leaves as independent.
 */
export function changeCost(tree: TreeExplanation): Cost {
  if (LEAF_KINDS.has(tree.kind)) {
    return {
      pass: tree.result === "pass" ? 0 : 1,
      passSet: tree.result === "pass" ? [] : [{ path: tree.path, to: "pass" }],
      fail: tree.result === "fail" ? 0 : 1,
      failSet: tree.result === "fail" ? [] : [{ path: tree.path, to: "fail" }],
    };
  }
  const kids = tree.children.map(changeCost);
  if (tree.kind === "not") {
    const k = kids[0]!;
    return { pass: k.fail, passSet: k.failSet, fail: k.pass, failSet: k.passSet };
  }
  const sum = (key: "pass" | "fail") => ({
    n: kids.reduce((s, k) => s + k[key], 0),
    set: kids.flatMap((k) => (key === "pass" ? k.passSet : k.failSet)),
  });
  const min = (key: "pass" | "fail") => {
    let best = kids[0]!;
    for (const k of kids) if (k[key] < best[key]) best = k;
    return { n: best[key], set: key === "pass" ? best.passSet : best.failSet };
  };
  const p = tree.kind === "all" ? sum("pass") : min("pass");
  const f = tree.kind === "all" ? min("fail") : sum("fail");
  return { pass: p.n, passSet: p.set, fail: f.n, failSet: f.set };
}

/** The tree's verdict with some leaves' verdicts replaced (used by tests and to double-check). */
export function verdictWith(tree: TreeExplanation, overrides: ReadonlyMap<string, Verdict>): Verdict {
  if (LEAF_KINDS.has(tree.kind)) return overrides.get(tree.path) ?? tree.result;
  const vs = tree.children.map((c) => verdictWith(c, overrides));
  if (tree.kind === "not") return vs[0] === "pass" ? "fail" : vs[0] === "fail" ? "pass" : "unknown";
  if (tree.kind === "all") return vs.includes("fail") ? "fail" : vs.includes("unknown") ? "unknown" : "pass";
  return vs.includes("pass") ? "pass" : vs.includes("unknown") ? "unknown" : "fail";
}

export interface AssessOptions extends EvalOptions {
  /** At most this many leaf changes make an item "nearly" eligible (default 2; 0 disables). */
  nearLimit?: number;
}

/** One item's outcome for one profile. */
export function assessItem(c: CompiledItem, profile: unknown, options: AssessOptions): ItemOutcome {
  const limit = options.nearLimit ?? DEFAULT_NEAR_LIMIT;
  const { item } = c;
  const base = {
    code: item.code,
    name: item.name,
    kind: item.kind,
    version: item.version,
    versionId: item.versionId,
    ownerOrg: item.ownerOrg,
    applicants: item.applicants,
  };
  const amountFen = c.amount ? evaluate(c.amount, profile, options) : null;
  if (!c.eligibility) {
    return {
      ...base,
      standing: "eligible",
      result: "pass",
      changesNeeded: 0,
      missing: [],
      conditions: [],
      amountFen,
    };
  }
  const ex = explain(c.eligibility, profile, options);
  const cost = changeCost(ex.tree);
  const byPath = new Map(ex.conditions.map((cond) => [cond.path, cond]));
  const missing: MissingCondition[] =
    ex.result === "pass"
      ? []
      : cost.passSet.map(({ path, to }) => {
          const cond = byPath.get(path)!;
          return {
            path,
            needed: to,
            label: cond.label,
            ...(cond.citation ? { citation: cond.citation } : {}),
            result: cond.result,
            actual: cond.actual,
            expected: cond.expected,
          };
        });
  const standing: Standing =
    ex.result === "pass" ? "eligible" : cost.pass <= limit ? "nearly" : "not_eligible";
  return {
    ...base,
    standing,
    result: ex.result,
    ...(ex.citation ? { citation: ex.citation } : {}),
    changesNeeded: ex.result === "pass" ? 0 : cost.pass,
    missing,
    conditions: ex.conditions,
    amountFen: standing === "eligible" ? amountFen : null,
  };
}

export interface CalculatorResult {
  eligible: ItemOutcome[];
  nearly: ItemOutcome[];
  notEligible: ItemOutcome[];
}

/** Every item's outcome, grouped; "nearly" sorted by fewest changes, then code. */
export function assessAll(
  items: readonly CompiledItem[],
  profile: unknown,
  options: AssessOptions,
): CalculatorResult {
  const out: CalculatorResult = { eligible: [], nearly: [], notEligible: [] };
  for (const c of items) {
    const o = assessItem(c, profile, options);
    if (o.standing === "eligible") out.eligible.push(o);
    else if (o.standing === "nearly") out.nearly.push(o);
    else out.notEligible.push(o);
  }
  const byCode = (a: ItemOutcome, b: ItemOutcome) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  out.eligible.sort(byCode);
  out.nearly.sort((a, b) => a.changesNeeded - b.changesNeeded || byCode(a, b));
  out.notEligible.sort(byCode);
  return out;
}

// ---- Questions for an anonymous visitor ----------------------------------------------------------

export interface Question {
  field: string;
  label: Bilingual;
  type: FieldSpec["type"];
  values?: string[];
  unit?: "fen" | "year";
  /** For lists: the item fields the rules read (all of the list's fields, in catalogue order). */
  of?: { field: string; label: Bilingual; type: string; values?: string[]; unit?: string }[];
}

function fieldsOfCondition(node: Condition, into: Set<string>) {
  switch (node.kind) {
    case "all":
    case "any":
      for (const c of node.items) fieldsOfCondition(c, into);
      return;
    case "not":
      fieldsOfCondition(node.item, into);
      return;
    case "field":
    case "age":
      into.add(node.field);
      return;
    case "count":
    case "exists":
      into.add(node.list);
      return;
  }
}

function fieldsOfExpr(e: Expr, into: Set<string>) {
  switch (e.kind) {
    case "const":
      return;
    case "field":
      into.add(e.field);
      return;
    case "fraction":
    case "roundTo":
      fieldsOfExpr(e.of, into);
      return;
    case "if":
      fieldsOfCondition(e.cond, into);
      fieldsOfExpr(e.yes, into);
      fieldsOfExpr(e.no, into);
      return;
    default:
      for (const x of e.items) fieldsOfExpr(x, into);
  }
}

/** The top-level profile fields a checked rule reads. */
export function fieldsOfRule(rule: Rule): Set<string> {
  const into = new Set<string>();
  if (rule.kind === "eligibility" || rule.kind === "suspension") fieldsOfCondition(rule.when, into);
  else if (rule.kind === "tier") for (const t of rule.tiers) fieldsOfCondition(t.when, into);
  else fieldsOfExpr(rule.formula, into);
  return into;
}

/** The fields the items' eligibility rules read, in catalogue order, with labels and types. */
export function questionsFor(items: readonly CompiledItem[], catalogue: Catalogue): Question[] {
  const used = new Set<string>();
  for (const c of items) if (c.eligibility) for (const f of fieldsOfRule(c.eligibility.rule)) used.add(f);
  const out: Question[] = [];
  for (const [field, spec] of Object.entries(catalogue)) {
    if (!used.has(field)) continue;
    const label = spec.label ?? { zh: field, en: field };
    if (spec.type === "list") {
      out.push({
        field,
        label,
        type: "list",
        of: Object.entries(spec.of).map(([f, s]) => ({
          field: f,
          label: s.label ?? { zh: f, en: f },
          type: s.type,
          ...(s.values ? { values: [...s.values] } : {}),
          ...(s.unit ? { unit: s.unit } : {}),
        })),
      });
    } else {
      out.push({
        field,
        label,
        type: spec.type,
        ...(spec.values ? { values: [...spec.values] } : {}),
        ...(spec.unit ? { unit: spec.unit } : {}),
      });
    }
  }
  return out;
}

// ---- Anonymous answers ---------------------------------------------------------------------------

export interface AnswerError {
  path: string;
  message: Bilingual;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function realDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function scalarError(spec: FieldSpec, v: unknown): Bilingual | null {
  switch (spec.type) {
    case "string":
      return typeof v === "string" && v.length <= 200
        ? null
        : { zh: "应为不超过 200 字的文本", en: "must be text of at most 200 characters" };
    case "number":
      return typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER
        ? null
        : { zh: "应为数字", en: "must be a number" };
    case "boolean":
      return typeof v === "boolean" ? null : { zh: "应为是或否", en: "must be true or false" };
    case "date":
      return typeof v === "string" && realDate(v)
        ? null
        : { zh: "应为 YYYY-MM-DD 格式的日期", en: "must be a date as YYYY-MM-DD" };
    case "enum":
      return typeof v === "string" && (spec.values ?? []).includes(v)
        ? null
        : { zh: "不是可选的值", en: "is not one of the allowed values" };
    default:
      return { zh: "类型错误", en: "wrong type" };
  }
}

/**
 * Checks a visitor's answers against the catalogue: known fields only, values of the field's type,
 * lists of at most 20 items. A missing or null answer is allowed (the rule says "unknown").
 */
export function checkAnswers(catalogue: Catalogue, answers: Record<string, unknown>): AnswerError[] {
  const errors: AnswerError[] = [];
  for (const [field, value] of Object.entries(answers)) {
    const path = `/answers/${field}`;
    const spec = Object.hasOwn(catalogue, field) ? catalogue[field] : undefined;
    if (!spec) {
      errors.push({ path, message: { zh: "未知的字段", en: "unknown field" } });
      continue;
    }
    if (value === null) continue;
    if (spec.type !== "list") {
      const e = scalarError(spec, value);
      if (e) errors.push({ path, message: e });
      continue;
    }
    if (!Array.isArray(value) || value.length > 20) {
      errors.push({
        path,
        message: { zh: "应为不超过 20 项的列表", en: "must be a list of at most 20 items" },
      });
      continue;
    }
    value.forEach((entry, i) => {
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
        errors.push({ path: `${path}/${i}`, message: { zh: "应为对象", en: "must be an object" } });
        return;
      }
      for (const [k, v] of Object.entries(entry)) {
        const s = Object.hasOwn(spec.of, k) ? spec.of[k] : undefined;
        if (!s) {
          errors.push({ path: `${path}/${i}/${k}`, message: { zh: "未知的字段", en: "unknown field" } });
          continue;
        }
        if (v === null) continue;
        const e = scalarError(s, v);
        if (e) errors.push({ path: `${path}/${i}/${k}`, message: e });
      }
    });
  }
  return errors;
}
