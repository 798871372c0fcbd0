// The compiler: turns a checked rule into plain closures once, so one compiled rule serves many
// profiles. No user text is ever evaluated as code. Evaluation is three-valued and never throws on
// any profile: missing or unusable data makes a condition "unknown".
import { AppError, invalidFields } from "../../lib/errors.js";
import { fieldLabel } from "./catalogue.js";
import { checkRule } from "./check.js";
import type {
  AmountExplanation,
  Bilingual,
  Catalogue,
  Condition,
  ConditionExplanation,
  ConditionRuleExplanation,
  EvalOptions,
  Expr,
  LeafCondition,
  Op,
  Operand,
  Rule,
  RuleKind,
  TierExplanation,
  TierName,
  TreeExplanation,
  Verdict,
} from "./types.js";
import {
  ageOn,
  applyOp,
  type CalendarDate,
  divideRounded,
  readScalar,
  toCalendarDate,
  verdictOf,
} from "./values.js";

interface EvalContext {
  today: CalendarDate;
}

interface CompiledCondition {
  /** Fast path: the verdict only, short-circuiting where the logic allows. */
  test(scope: unknown, ctx: EvalContext): Verdict;
  /** Slow path: evaluates everything, records each leaf, returns the tree. */
  explain(scope: unknown, ctx: EvalContext, leaves: ConditionExplanation[]): TreeExplanation;
}

/** A leaf's verdict and the value it looked at. */
interface LeafOutcome {
  result: Verdict;
  actual: unknown;
}

const readMember = (scope: unknown, name: string): unknown =>
  typeof scope === "object" && scope !== null && !Array.isArray(scope) && Object.hasOwn(scope, name)
    ? (scope as Record<string, unknown>)[name]
    : undefined;

/** Kleene conjunction: any "fail" decides, else any "unknown" keeps it open. */
export function allOf(verdicts: Iterable<Verdict>): Verdict {
  let sawUnknown = false;
  for (const v of verdicts) {
    if (v === "fail") return "fail";
    if (v === "unknown") sawUnknown = true;
  }
  return sawUnknown ? "unknown" : "pass";
}

/** Kleene disjunction: any "pass" decides, else any "unknown" keeps it open. */
export function anyOf(verdicts: Iterable<Verdict>): Verdict {
  let sawUnknown = false;
  for (const v of verdicts) {
    if (v === "pass") return "pass";
    if (v === "unknown") sawUnknown = true;
  }
  return sawUnknown ? "unknown" : "fail";
}

export const negate = (v: Verdict): Verdict => (v === "pass" ? "fail" : v === "fail" ? "pass" : "unknown");

// ---- Labels generated when the rule gives none -----------------------------------------------

const OP_SYMBOL: Record<Op, Bilingual> = {
  eq: { zh: "=", en: "=" },
  ne: { zh: "≠", en: "≠" },
  lt: { zh: "<", en: "<" },
  lte: { zh: "≤", en: "≤" },
  gt: { zh: ">", en: ">" },
  gte: { zh: "≥", en: "≥" },
  in: { zh: "属于", en: "in" },
  between: { zh: "介于", en: "between" },
};

const showOperand = (op: Op, value: Operand): string =>
  Array.isArray(value) ? (op === "between" ? value.join("–") : value.join(", ")) : String(value);

function describe(node: Condition): Bilingual {
  if (node.label) return node.label;
  switch (node.kind) {
    case "all":
      return { zh: "同时满足以下全部条件", en: "all of the following" };
    case "any":
      return { zh: "满足以下任一条件", en: "any of the following" };
    case "not":
      return { zh: "不满足以下条件", en: "not the following" };
    case "exists": {
      const list = fieldLabel(node.list, node.spec);
      return { zh: `存在符合条件的${list.zh}`, en: `some ${list.en} match` };
    }
  }
  const symbol = OP_SYMBOL[node.op];
  const operand = showOperand(node.op, node.value);
  const subject: Bilingual =
    node.kind === "field"
      ? fieldLabel(node.field, node.spec)
      : node.kind === "age"
        ? {
            zh: `年龄（按${fieldLabel(node.field, node.spec).zh}）`,
            en: `age (from ${fieldLabel(node.field, node.spec).en})`,
          }
        : {
            zh: `符合条件的${fieldLabel(node.list, node.spec).zh}数量`,
            en: `number of ${fieldLabel(node.list, node.spec).en} matching`,
          };
  return { zh: `${subject.zh} ${symbol.zh} ${operand}`, en: `${subject.en} ${symbol.en} ${operand}` };
}

// ---- Conditions ------------------------------------------------------------------------------

export function compileCondition(node: Condition): CompiledCondition {
  const label = describe(node);
  const tree = (result: Verdict, children: TreeExplanation[]): TreeExplanation => ({
    path: node.path,
    kind: node.kind,
    label,
    ...(node.citation ? { citation: node.citation } : {}),
    result,
    children,
  });

  if (node.kind === "all" || node.kind === "any" || node.kind === "not") {
    const children = (node.kind === "not" ? [node.item] : node.items).map(compileCondition);
    const combine =
      node.kind === "all"
        ? allOf
        : node.kind === "any"
          ? anyOf
          : (vs: Iterable<Verdict>) => negate([...vs][0]!);
    return {
      test:
        node.kind === "not"
          ? (scope, ctx) => negate(children[0]!.test(scope, ctx))
          : (scope, ctx) => combine(lazyMap(children, (c) => c.test(scope, ctx))),
      explain(scope, ctx, leaves) {
        const explained = children.map((c) => c.explain(scope, ctx, leaves));
        return tree(combine(explained.map((e) => e.result)), explained);
      },
    };
  }

  const evaluate = compileLeaf(node);
  const expected = node.kind === "exists" ? { op: "exists" as const } : { op: node.op, value: node.value };
  return {
    test: (scope, ctx) => evaluate(scope, ctx).result,
    explain(scope, ctx, leaves) {
      const { result, actual } = evaluate(scope, ctx);
      leaves.push({
        path: node.path,
        label,
        ...(node.citation ? { citation: node.citation } : {}),
        result,
        actual,
        expected,
      });
      return tree(result, []);
    },
  };
}

/** Maps lazily, so allOf/anyOf stop evaluating children once the answer is decided. */
function* lazyMap<T, U>(items: readonly T[], f: (item: T) => U): Iterable<U> {
  for (const item of items) yield f(item);
}

function compileLeaf(node: LeafCondition): (scope: unknown, ctx: EvalContext) => LeafOutcome {
  switch (node.kind) {
    case "field": {
      const { field, spec, op, value } = node;
      return (scope) => {
        const raw = readMember(scope, field);
        const actual = readScalar(spec, raw);
        return actual === null
          ? { result: "unknown", actual: raw ?? null }
          : { result: verdictOf(applyOp(actual, op, value)), actual };
      };
    }
    case "age": {
      const { field, op, value } = node;
      return (scope, ctx) => {
        const raw = readMember(scope, field);
        const birth = toCalendarDate(raw);
        if (!birth) return { result: "unknown", actual: raw ?? null };
        const age = ageOn(birth, ctx.today);
        return { result: verdictOf(applyOp(age, op, value)), actual: age };
      };
    }
    case "count":
    case "exists": {
      const where = node.where ? compileCondition(node.where) : undefined;
      const decide =
        node.kind === "count"
          ? countVerdict(node.op, node.value)
          : (lo: number, hi: number): Verdict => (lo > 0 ? "pass" : hi > 0 ? "unknown" : "fail");
      const { list } = node;
      return (scope, ctx) => {
        const items = readMember(scope, list);
        if (!Array.isArray(items)) return { result: "unknown", actual: items ?? null };
        let matched = 0;
        let undetermined = 0;
        for (const item of items) {
          const v = where ? where.test(item, ctx) : "pass";
          if (v === "pass") matched++;
          else if (v === "unknown") undetermined++;
        }
        const actual = { matched, undetermined };
        return { result: decide(matched, matched + undetermined), actual };
      };
    }
  }
}

/**
 * A count is only known to lie in [lo, hi] when some items are undecided; the verdict is decided
 * only if the comparison gives the same answer for every count in that range.
 */
function countVerdict(op: Op, value: Operand) {
  return (lo: number, hi: number): Verdict => {
    const first = applyOp(lo, op, value);
    for (let n = lo + 1; n <= hi; n++) {
      if (applyOp(n, op, value) !== first) return "unknown";
    }
    return verdictOf(first);
  };
}

// ---- Money formulas --------------------------------------------------------------------------

interface AmountTrace {
  missing: { path: string; field: string }[];
  leaves: ConditionExplanation[];
}

type CompiledExpr = (profile: unknown, ctx: EvalContext, trace: AmountTrace | null) => bigint | null;

const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

function compileExpr(expr: Expr): CompiledExpr {
  switch (expr.kind) {
    case "const": {
      const fen = BigInt(expr.fen);
      return () => fen;
    }
    case "field": {
      const { field, path } = expr;
      return (profile, _ctx, trace) => {
        const raw = readMember(profile, field);
        // Money fields hold whole 分; anything else is as unusable as a missing value.
        if (typeof raw === "number" && Number.isSafeInteger(raw)) return BigInt(raw);
        trace?.missing.push({ path, field });
        return null;
      };
    }
    case "add":
    case "sub":
    case "min":
    case "max": {
      const parts = expr.items.map(compileExpr);
      const fold = FOLDS[expr.kind];
      return (profile, ctx, trace) => {
        const values = parts.map((part) => part(profile, ctx, trace));
        return values.every((v): v is bigint => v !== null) ? values.reduce(fold) : null;
      };
    }
    case "fraction": {
      const of = compileExpr(expr.of);
      const num = BigInt(expr.num);
      const den = BigInt(expr.den);
      const { round } = expr;
      return (profile, ctx, trace) => {
        const base = of(profile, ctx, trace);
        return base === null ? null : divideRounded(base * num, den, round);
      };
    }
    case "roundTo": {
      const of = compileExpr(expr.of);
      const unit = BigInt(expr.unit);
      const { mode } = expr;
      return (profile, ctx, trace) => {
        const base = of(profile, ctx, trace);
        return base === null ? null : divideRounded(base, unit, mode) * unit;
      };
    }
    case "if": {
      const cond = compileCondition(expr.cond);
      const yes = compileExpr(expr.yes);
      const no = compileExpr(expr.no);
      return (profile, ctx, trace) => {
        const v = trace ? cond.explain(profile, ctx, trace.leaves).result : cond.test(profile, ctx);
        return v === "pass" ? yes(profile, ctx, trace) : v === "fail" ? no(profile, ctx, trace) : null;
      };
    }
  }
}

const FOLDS: Record<"add" | "sub" | "min" | "max", (a: bigint, b: bigint) => bigint> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  // biome-ignore lint/complexity/useMathMinMax: Math.min does not take BigInt
  min: (a, b) => (a < b ? a : b),
  // biome-ignore lint/complexity/useMathMinMax: Math.max does not take BigInt
  max: (a, b) => (a > b ? a : b),
};

const toFen = (value: bigint | null): number | null =>
  value === null || value > MAX_FEN || value < -MAX_FEN ? null : Number(value);

// ---- Rules -----------------------------------------------------------------------------------

export type Decision<K extends RuleKind> = K extends "tier"
  ? TierExplanation["result"]
  : K extends "amount"
    ? number | null
    : Verdict;

export type ExplanationOf<K extends RuleKind> = K extends "tier"
  ? TierExplanation
  : K extends "amount"
    ? AmountExplanation
    : ConditionRuleExplanation;

/** A compiled rule of one kind; CompiledRule is the union over kinds, narrowed by `kind`. */
export interface CompiledRuleOf<K extends RuleKind> {
  readonly kind: K;
  readonly rule: Extract<Rule, { kind: K }>;
  /** @internal use evaluate() / explain() */
  readonly run: {
    decide(profile: unknown, ctx: EvalContext): Decision<K>;
    explain(profile: unknown, ctx: EvalContext): ExplanationOf<K>;
  };
}

export type CompiledRule =
  | CompiledRuleOf<"eligibility">
  | CompiledRuleOf<"suspension">
  | CompiledRuleOf<"tier">
  | CompiledRuleOf<"amount">;

/**
 * Checks unknown JSON and compiles it; throws a 422 AppError listing every error if it is invalid.
 * Passing the expected kind both checks it and types the result.
 */
export function compileRule<K extends RuleKind>(
  input: unknown,
  catalogue: Catalogue,
  kind: K,
): CompiledRuleOf<K>;
export function compileRule(input: unknown, catalogue: Catalogue): CompiledRule;
export function compileRule(input: unknown, catalogue: Catalogue, kind?: RuleKind): CompiledRule {
  const checked = checkRule(input, catalogue, kind === undefined ? {} : { kind });
  if (!checked.ok) throw invalidFields("RULE_INVALID", checked.errors);
  return compileChecked(checked.rule);
}

/** Compiles a rule that checkRule already accepted. */
export function compileChecked(rule: Rule): CompiledRule {
  switch (rule.kind) {
    case "eligibility":
      return { kind: rule.kind, rule, run: compileConditionRun(rule) };
    case "suspension":
      return { kind: rule.kind, rule, run: compileConditionRun(rule) };
    case "tier":
      return compileTierRule(rule);
    case "amount":
      return compileAmountRule(rule);
  }
}

/** Eligibility and suspension share their evaluation; only the meaning of "pass" differs. */
function compileConditionRun(
  rule: Extract<Rule, { kind: "eligibility" | "suspension" }>,
): CompiledRuleOf<"eligibility">["run"] {
  const when = compileCondition(rule.when);
  return {
    decide: (profile, ctx) => when.test(profile, ctx),
    explain(profile, ctx) {
      const conditions: ConditionExplanation[] = [];
      const tree = when.explain(profile, ctx, conditions);
      return {
        kind: rule.kind,
        result: tree.result,
        ...(rule.citation ? { citation: rule.citation } : {}),
        conditions,
        tree,
      };
    },
  };
}

/**
 * Tiers are tried best first and the first that passes is granted, but only if every better tier
 * failed outright: an undecided better tier might still apply once its data arrives, so the
 * answer is then "unknown" with the outcomes still possible.
 */
export function pickTier(results: readonly { tier: TierName; result: Verdict }[]): {
  result: TierExplanation["result"];
  possible: (TierName | "none")[];
} {
  const open: TierName[] = [];
  for (const { tier, result } of results) {
    if (result === "pass") {
      return open.length === 0
        ? { result: tier, possible: [tier] }
        : { result: "unknown", possible: [...open, tier] };
    }
    if (result === "unknown") open.push(tier);
  }
  return open.length === 0
    ? { result: "none", possible: ["none"] }
    : { result: "unknown", possible: [...open, "none"] };
}

function compileTierRule(rule: Extract<Rule, { kind: "tier" }>): CompiledRuleOf<"tier"> {
  const tiers = rule.tiers.map((entry) => ({ entry, when: compileCondition(entry.when) }));
  return {
    kind: "tier",
    rule,
    run: {
      decide(profile, ctx) {
        const results: { tier: TierName; result: Verdict }[] = [];
        for (const { entry, when } of tiers) {
          const result = when.test(profile, ctx);
          results.push({ tier: entry.tier, result });
          if (result === "pass") break;
        }
        return pickTier(results).result;
      },
      explain(profile, ctx) {
        const all: ConditionExplanation[] = [];
        const steps = tiers.map(({ entry, when }) => {
          const conditions: ConditionExplanation[] = [];
          const tree = when.explain(profile, ctx, conditions);
          all.push(...conditions);
          return {
            tier: entry.tier,
            result: tree.result,
            ...(entry.citation ? { citation: entry.citation } : {}),
            conditions,
            tree,
          };
        });
        return {
          kind: "tier",
          ...pickTier(steps),
          ...(rule.citation ? { citation: rule.citation } : {}),
          steps,
          conditions: all,
        };
      },
    },
  };
}

function compileAmountRule(rule: Extract<Rule, { kind: "amount" }>): CompiledRuleOf<"amount"> {
  const formula = compileExpr(rule.formula);
  return {
    kind: "amount",
    rule,
    run: {
      decide: (profile, ctx) => toFen(formula(profile, ctx, null)),
      explain(profile, ctx) {
        const trace: AmountTrace = { missing: [], leaves: [] };
        const fen = toFen(formula(profile, ctx, trace));
        return {
          kind: "amount",
          result: fen === null ? "unknown" : "known",
          fen,
          ...(rule.citation ? { citation: rule.citation } : {}),
          missing: trace.missing,
          conditions: trace.leaves,
        };
      },
    },
  };
}

// ---- Public evaluation -----------------------------------------------------------------------

function contextFor(options: EvalOptions): EvalContext {
  const today = toCalendarDate(options.asOf);
  if (!today) {
    throw new AppError("bad_request", "RULE_BAD_AS_OF", {
      zh: "评估日期必须是 YYYY-MM-DD 格式的真实日期",
      en: "asOf must be a real date as YYYY-MM-DD",
    });
  }
  return { today };
}

/** The bare answer, on the fast path: a verdict, a tier, or an amount in 分 (null when unknown). */
export function evaluate<C extends CompiledRule>(
  compiled: C,
  profile: unknown,
  options: EvalOptions,
): Decision<C["kind"]> {
  return compiled.run.decide(profile, contextFor(options)) as Decision<C["kind"]>;
}

/** The answer with every leaf condition, the value it saw, and the clause it comes from. */
export function explain<C extends CompiledRule>(
  compiled: C,
  profile: unknown,
  options: EvalOptions,
): ExplanationOf<C["kind"]> {
  return compiled.run.explain(profile, contextFor(options)) as ExplanationOf<C["kind"]>;
}
