// The rule language for talent eligibility, tiers, subsidy amounts and suspensions: pure functions,
// no I/O. JSON shapes, semantics and rounding are documented in ./README.md. In short:
//   checkRule(json, catalogue)  → { ok, rule } | { ok: false, errors: [{ path, code, message: { zh, en } }] }
//   compileRule(json, catalogue) → CompiledRule (throws a 422 AppError when the rule is invalid)
//   evaluate(compiled, profile, { asOf }) → "pass" | "fail" | "unknown" | tier | fen | null
//   explain(compiled, profile, { asOf })  → the answer with every leaf condition and its citation
export { fieldLabel, talentCatalogue } from "./catalogue.js";
export { type CheckOptions, checkRule, MAX_DEPTH } from "./check.js";
export {
  allOf,
  anyOf,
  type CompiledRule,
  type CompiledRuleOf,
  compileChecked,
  compileRule,
  type Decision,
  type ExplanationOf,
  evaluate,
  explain,
  negate,
  pickTier,
} from "./compile.js";
export type * from "./types.js";
