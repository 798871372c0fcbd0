// Types of the rule language: the field catalogue it is checked against, the checked syntax tree,
// and the explanations evaluation returns. The JSON shapes are documented in README.md.
import type { Bilingual, FieldError } from "../../lib/errors.js";

export type { Bilingual };

/** Three-valued answer: missing data gives "unknown", never a silent "fail". */
export type Verdict = "pass" | "fail" | "unknown";

/** The policy clause a rule or condition comes from, e.g. measure 12 of a city's talent measures. */
export interface Citation {
  doc: string;
  measure?: number;
  article?: string;
}

// ---- Field catalogue -------------------------------------------------------------------------

export type ScalarType = "string" | "number" | "date" | "boolean" | "enum";

export interface ScalarField {
  type: ScalarType;
  label?: Bilingual;
  /** Only for "enum": the allowed values. */
  values?: readonly string[];
  /** Documentation only, e.g. "fen" for money in 分 (integers). */
  unit?: "fen" | "year";
}

export interface ListField {
  type: "list";
  label?: Bilingual;
  /** Fields of each item; items hold scalars only, so lists do not nest. */
  of: Readonly<Record<string, ScalarField>>;
}

export type FieldSpec = ScalarField | ListField;

/** The talent-profile fields a rule may mention; passed in so the language is not tied to one profile. */
export type Catalogue = Readonly<Record<string, FieldSpec>>;

// ---- Checked syntax tree ---------------------------------------------------------------------

export type CompareOp = "eq" | "ne" | "lt" | "lte" | "gt" | "gte";
export type Op = CompareOp | "in" | "between";
export type Scalar = string | number | boolean;
/** A single value, the list for "in", or [min, max] for "between". */
export type Operand = Scalar | readonly Scalar[];

interface NodeBase {
  /** JSON pointer of this node inside the rule document. */
  path: string;
  label?: Bilingual;
  /** Own citation, or the nearest one above it. */
  citation?: Citation;
}

export type Condition =
  | (NodeBase & { kind: "all"; items: Condition[] })
  | (NodeBase & { kind: "any"; items: Condition[] })
  | (NodeBase & { kind: "not"; item: Condition })
  | (NodeBase & { kind: "field"; field: string; spec: ScalarField; op: Op; value: Operand })
  | (NodeBase & { kind: "age"; field: string; spec: ScalarField; op: Op; value: Operand })
  | (NodeBase & { kind: "count"; list: string; spec: ListField; where?: Condition; op: Op; value: Operand })
  | (NodeBase & { kind: "exists"; list: string; spec: ListField; where?: Condition });

export type LeafCondition = Extract<Condition, { kind: "field" | "age" | "count" | "exists" }>;

export type RoundMode = "half_up" | "floor" | "ceil";

/** Money formula; every value is an integer number of 分. */
export type Expr =
  | { kind: "const"; path: string; fen: number }
  | { kind: "field"; path: string; field: string }
  | { kind: "add"; path: string; items: Expr[] }
  | { kind: "sub"; path: string; items: [Expr, Expr] }
  | { kind: "min"; path: string; items: Expr[] }
  | { kind: "max"; path: string; items: Expr[] }
  | { kind: "fraction"; path: string; num: number; den: number; of: Expr; round: RoundMode }
  | { kind: "roundTo"; path: string; unit: number; of: Expr; mode: RoundMode }
  | { kind: "if"; path: string; cond: Condition; yes: Expr; no: Expr };

export type TierName = "A" | "B" | "C" | "D" | "E";

export interface TierEntry {
  path: string;
  tier: TierName;
  when: Condition;
  label?: Bilingual;
  citation?: Citation;
}

interface RuleBase {
  id?: string;
  label?: Bilingual;
  citation?: Citation;
}

export type Rule =
  | (RuleBase & { kind: "eligibility"; when: Condition })
  | (RuleBase & { kind: "suspension"; when: Condition })
  | (RuleBase & { kind: "tier"; tiers: TierEntry[] })
  | (RuleBase & { kind: "amount"; formula: Expr });

export type RuleKind = Rule["kind"];

// ---- Checking --------------------------------------------------------------------------------

export interface RuleError extends FieldError {
  /** Stable code, e.g. RULE_UNKNOWN_FIELD. */
  code: string;
}

export type CheckResult = { ok: true; rule: Rule; errors: [] } | { ok: false; errors: RuleError[] };

// ---- Explanations ----------------------------------------------------------------------------

export interface ConditionExplanation {
  path: string;
  label: Bilingual;
  citation?: Citation;
  result: Verdict;
  /** What the profile held: the field value, the computed age, or { matched, undetermined } for lists. */
  actual: unknown;
  expected: { op: Op | "exists"; value?: Operand };
}

export interface TreeExplanation {
  path: string;
  kind: Condition["kind"];
  label: Bilingual;
  citation?: Citation;
  result: Verdict;
  children: TreeExplanation[];
}

export interface ConditionRuleExplanation {
  kind: "eligibility" | "suspension";
  /** For suspension, "pass" means benefits are suspended. */
  result: Verdict;
  citation?: Citation;
  conditions: ConditionExplanation[];
  tree: TreeExplanation;
}

export interface TierStepExplanation {
  tier: TierName;
  result: Verdict;
  citation?: Citation;
  conditions: ConditionExplanation[];
  tree: TreeExplanation;
}

export interface TierExplanation {
  kind: "tier";
  /** The tier granted, "none" when no tier applies, "unknown" when missing data could change the answer. */
  result: TierName | "none" | "unknown";
  /**
   * Outcomes still possible, best first: [result] when decided; when "unknown", the undecided tiers
   * before the first passing one, then that tier, or "none" if no tier passed.
   */
  possible: (TierName | "none")[];
  citation?: Citation;
  steps: TierStepExplanation[];
  conditions: ConditionExplanation[];
}

export interface AmountExplanation {
  kind: "amount";
  result: "known" | "unknown";
  /** Integer 分, or null when unknown. */
  fen: number | null;
  citation?: Citation;
  /** Fields whose absence (or unusable value) made the amount unknown. */
  missing: { path: string; field: string }[];
  conditions: ConditionExplanation[];
}

export type Explanation = ConditionRuleExplanation | TierExplanation | AmountExplanation;

export interface EvalOptions {
  /** The evaluation date, "YYYY-MM-DD" (or a Date, read in UTC); ages are computed on this day. */
  asOf: string | Date;
}
