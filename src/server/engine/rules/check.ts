// The checker: reads unknown JSON into a typed rule, or returns every error it finds, each with the
// JSON pointer of the offending member and a bilingual message. It never throws.
import type {
  Bilingual,
  Catalogue,
  CheckResult,
  Citation,
  Condition,
  Expr,
  FieldSpec,
  ListField,
  Op,
  Operand,
  RoundMode,
  Rule,
  RuleError,
  RuleKind,
  Scalar,
  ScalarField,
  TierEntry,
  TierName,
} from "./types.js";
import { isIsoDate } from "./values.js";

/** Deeper documents are refused rather than risk the stack on hostile input. */
export const MAX_DEPTH = 40;

const RULE_KINDS = ["eligibility", "suspension", "tier", "amount"] as const;
const CONDITION_KEYS = ["all", "any", "not", "field", "age", "count", "exists"] as const;
const EXPR_KEYS = ["field", "add", "sub", "min", "max", "fraction", "roundTo", "if"] as const;
const TIER_NAMES: readonly TierName[] = ["A", "B", "C", "D", "E"];
const ROUND_MODES: readonly RoundMode[] = ["half_up", "floor", "ceil"];
const ALL_OPS: readonly Op[] = ["eq", "ne", "lt", "lte", "gt", "gte", "in", "between"];
const EQUALITY_OPS: readonly Op[] = ["eq", "ne", "in"];

/** Counts are compared like numbers but must be whole and non-negative. */
const COUNT_SPEC: ScalarField = { type: "number" };
const AGE_SPEC: ScalarField = { type: "number" };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const own = (object: Json, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

/** Appends a member to a JSON pointer, escaping "~" and "/" (RFC 6901). */
export const pointer = (path: string, key: string | number) =>
  `${path}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;

/** A short rendering of a bad value for messages; input is untrusted, so this must not throw. */
function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? `"${value}"` : (JSON.stringify(value) ?? String(value));
  } catch {
    text = typeof value; // BigInt, cycles, objects without toString
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

class Problems {
  readonly list: RuleError[] = [];

  add(path: string, code: string, message: Bilingual): null {
    this.list.push({ path, code, message });
    return null;
  }
}

interface Ctx {
  problems: Problems;
  catalogue: Catalogue;
}

export interface CheckOptions {
  /** The kind the caller expects, e.g. "tier" for a tier slot; another kind is an error at /kind. */
  kind?: RuleKind;
}

export function checkRule(input: unknown, catalogue: Catalogue, options: CheckOptions = {}): CheckResult {
  const ctx: Ctx = { problems: new Problems(), catalogue };
  const rule = readRule(input, ctx);
  if (rule && options.kind !== undefined && rule.kind !== options.kind) {
    ctx.problems.add("/kind", "RULE_WRONG_KIND", {
      zh: `此处需要 ${options.kind} 规则，收到 ${rule.kind}`,
      en: `Expected a ${options.kind} rule, got ${rule.kind}`,
    });
  }
  if (rule && ctx.problems.list.length === 0) return { ok: true, rule, errors: [] };
  if (ctx.problems.list.length === 0) {
    ctx.problems.add("", "RULE_INVALID", { zh: "规则无效", en: "The rule is invalid" });
  }
  return { ok: false, errors: ctx.problems.list };
}

function readRule(input: unknown, ctx: Ctx): Rule | null {
  const { problems } = ctx;
  if (!isObject(input)) {
    return problems.add("", "RULE_NOT_OBJECT", {
      zh: "规则必须是 JSON 对象",
      en: "A rule must be a JSON object",
    });
  }
  const kind = own(input, "kind");
  if (!RULE_KINDS.some((k) => k === kind)) {
    return problems.add("/kind", "RULE_BAD_KIND", {
      zh: `规则类型必须是 ${RULE_KINDS.join("、")} 之一`,
      en: `kind must be one of ${RULE_KINDS.join(", ")}`,
    });
  }
  const body = kind === "tier" ? "tiers" : kind === "amount" ? "formula" : "when";
  rejectUnknownKeys(input, "", ["kind", "id", "label", "citation", body], ctx);
  const id = own(input, "id");
  if (id !== undefined && typeof id !== "string") {
    problems.add("/id", "RULE_TYPE_MISMATCH", { zh: "id 必须是字符串", en: "id must be a string" });
  }
  const label = readLabel(input, "", ctx);
  const citation = readCitation(input, "", ctx);
  const base = {
    ...(typeof id === "string" ? { id } : {}),
    ...(label ? { label } : {}),
    ...(citation ? { citation } : {}),
  };
  if (kind === "eligibility" || kind === "suspension") {
    const when = readRequired(input, "", "when", ctx, (v, p) =>
      readCondition(v, p, ctx.catalogue, citation, 1, ctx),
    );
    return when ? { kind, ...base, when } : null;
  }
  if (kind === "tier") {
    const tiers = readTiers(own(input, "tiers"), "/tiers", citation, ctx);
    return tiers ? { kind, ...base, tiers } : null;
  }
  const formula = readRequired(input, "", "formula", ctx, (v, p) => readExpr(v, p, citation, 1, ctx));
  return formula ? { kind: "amount", ...base, formula } : null;
}

function readRequired<T>(
  node: Json,
  path: string,
  key: string,
  ctx: Ctx,
  read: (value: unknown, path: string) => T | null,
): T | null {
  const value = own(node, key);
  if (value === undefined) {
    return ctx.problems.add(pointer(path, key), "RULE_MISSING", {
      zh: `缺少 ${key}`,
      en: `${key} is required`,
    });
  }
  return read(value, pointer(path, key));
}

function rejectUnknownKeys(node: Json, path: string, allowed: readonly string[], ctx: Ctx): void {
  for (const key of Object.keys(node)) {
    if (!allowed.includes(key)) {
      ctx.problems.add(pointer(path, key), "RULE_UNKNOWN_KEY", {
        zh: `不认识的键 ${show(key)}，可用：${allowed.join("、")}`,
        en: `Unknown key ${show(key)}; expected one of ${allowed.join(", ")}`,
      });
    }
  }
}

function readLabel(node: Json, path: string, ctx: Ctx): Bilingual | undefined {
  const value = own(node, "label");
  if (value === undefined) return undefined;
  const at = pointer(path, "label");
  const zh = isObject(value) ? own(value, "zh") : undefined;
  const en = isObject(value) ? own(value, "en") : undefined;
  if (!isObject(value) || typeof zh !== "string" || typeof en !== "string" || !zh || !en) {
    ctx.problems.add(at, "RULE_BAD_LABEL", {
      zh: "label 必须是 { zh, en }，两者均为非空字符串",
      en: "label must be { zh, en } with two non-empty strings",
    });
    return undefined;
  }
  rejectUnknownKeys(value, at, ["zh", "en"], ctx);
  return { zh, en };
}

/** The node's own citation, else the one inherited from above (so every leaf can cite its clause). */
function readCitation(node: Json, path: string, ctx: Ctx, inherited?: Citation): Citation | undefined {
  const value = own(node, "citation");
  if (value === undefined) return inherited;
  const at = pointer(path, "citation");
  if (!isObject(value)) {
    ctx.problems.add(at, "RULE_BAD_CITATION", {
      zh: "citation 必须是 { doc, measure?, article? }",
      en: "citation must be { doc, measure?, article? }",
    });
    return inherited;
  }
  rejectUnknownKeys(value, at, ["doc", "measure", "article"], ctx);
  const doc = own(value, "doc");
  const measure = own(value, "measure");
  const article = own(value, "article");
  let valid = true;
  if (typeof doc !== "string" || doc.trim() === "") {
    valid = false;
    ctx.problems.add(pointer(at, "doc"), "RULE_BAD_CITATION", {
      zh: "citation.doc 必须是政策文件编号或标题",
      en: "citation.doc must be the policy document's id or title",
    });
  }
  if (measure !== undefined && !(Number.isSafeInteger(measure) && (measure as number) >= 1)) {
    valid = false;
    ctx.problems.add(pointer(at, "measure"), "RULE_BAD_CITATION", {
      zh: "citation.measure 必须是正整数（第几条措施）",
      en: "citation.measure must be a positive integer (the measure number)",
    });
  }
  if (article !== undefined && typeof article !== "string") {
    valid = false;
    ctx.problems.add(pointer(at, "article"), "RULE_BAD_CITATION", {
      zh: "citation.article 必须是字符串",
      en: "citation.article must be a string",
    });
  }
  if (!valid || typeof doc !== "string") return inherited;
  return {
    doc,
    ...(typeof measure === "number" ? { measure } : {}),
    ...(typeof article === "string" ? { article } : {}),
  };
}

function tooDeep(path: string, ctx: Ctx): null {
  return ctx.problems.add(path, "RULE_TOO_DEEP", {
    zh: `规则嵌套超过 ${MAX_DEPTH} 层`,
    en: `The rule nests deeper than ${MAX_DEPTH} levels`,
  });
}

// ---- Conditions ------------------------------------------------------------------------------

function readCondition(
  value: unknown,
  path: string,
  scope: Readonly<Record<string, FieldSpec>>,
  inherited: Citation | undefined,
  depth: number,
  ctx: Ctx,
): Condition | null {
  const { problems } = ctx;
  if (depth > MAX_DEPTH) return tooDeep(path, ctx);
  if (!isObject(value)) {
    return problems.add(path, "RULE_BAD_NODE", {
      zh: "条件必须是 JSON 对象",
      en: "A condition must be a JSON object",
    });
  }
  const present = CONDITION_KEYS.filter((key) => Object.hasOwn(value, key));
  const [kind] = present;
  if (kind === undefined || present.length > 1) {
    return problems.add(path, "RULE_BAD_NODE", {
      zh: `条件必须恰好包含 ${CONDITION_KEYS.join("、")} 之一`,
      en: `A condition must have exactly one of ${CONDITION_KEYS.join(", ")}`,
    });
  }
  const label = readLabel(value, path, ctx);
  const citation = readCitation(value, path, ctx, inherited);
  const base = { path, ...(label ? { label } : {}), ...(citation ? { citation } : {}) };
  const meta = ["label", "citation"];
  const child = (v: unknown, p: string, s = scope) => readCondition(v, p, s, citation, depth + 1, ctx);

  switch (kind) {
    case "all":
    case "any": {
      rejectUnknownKeys(value, path, [kind, ...meta], ctx);
      const items = readNonEmptyArray(own(value, kind), pointer(path, kind), ctx);
      if (!items) return null;
      const checked = items.map((item, i) => child(item, pointer(pointer(path, kind), i)));
      return checked.every(isPresent) ? { kind, ...base, items: checked } : null;
    }
    case "not": {
      rejectUnknownKeys(value, path, ["not", ...meta], ctx);
      const item = child(own(value, "not"), pointer(path, "not"));
      return item ? { kind, ...base, item } : null;
    }
    case "field": {
      rejectUnknownKeys(value, path, ["field", "op", "value", ...meta], ctx);
      const spec = readScalarField(value, path, "field", scope, ctx);
      const comparison = spec ? readComparison(value, path, spec.spec, "value", ctx) : null;
      return spec && comparison ? { kind, ...base, field: spec.name, spec: spec.spec, ...comparison } : null;
    }
    case "age": {
      rejectUnknownKeys(value, path, ["age", "op", "value", ...meta], ctx);
      const spec = readScalarField(value, path, "age", scope, ctx);
      if (spec && spec.spec.type !== "date") {
        problems.add(pointer(path, "age"), "RULE_NOT_A_DATE", {
          zh: `年龄只能按日期字段计算，${spec.name} 是 ${spec.spec.type}`,
          en: `age needs a date field; ${spec.name} is ${spec.spec.type}`,
        });
        readComparison(value, path, AGE_SPEC, "age", ctx);
        return null;
      }
      const comparison = readComparison(value, path, AGE_SPEC, "age", ctx);
      return spec && comparison ? { kind, ...base, field: spec.name, spec: spec.spec, ...comparison } : null;
    }
    case "count":
    case "exists": {
      const allowed =
        kind === "count" ? ["count", "where", "op", "value", ...meta] : ["exists", "where", ...meta];
      rejectUnknownKeys(value, path, allowed, ctx);
      const list = readListField(value, path, kind, scope, ctx);
      const whereRaw = own(value, "where");
      const where =
        list && whereRaw !== undefined ? child(whereRaw, pointer(path, "where"), list.spec.of) : undefined;
      const comparison = kind === "count" ? readComparison(value, path, COUNT_SPEC, "count", ctx) : undefined;
      if (!list || where === null || comparison === null) return null;
      const shared = { ...base, list: list.name, spec: list.spec, ...(where ? { where } : {}) };
      return kind === "count" && comparison
        ? { kind, ...shared, ...comparison }
        : { kind: "exists", ...shared };
    }
  }
}

const isPresent = <T>(value: T | null): value is T => value !== null;

function readNonEmptyArray(value: unknown, path: string, ctx: Ctx): unknown[] | null {
  if (!Array.isArray(value)) {
    return ctx.problems.add(path, "RULE_TYPE_MISMATCH", { zh: "此处应为数组", en: "Expected an array" });
  }
  if (value.length === 0) {
    return ctx.problems.add(path, "RULE_EMPTY_GROUP", {
      zh: "数组不能为空",
      en: "The array must not be empty",
    });
  }
  // Holes in sparse arrays become undefined here, so they are reported rather than skipped.
  return Array.from(value);
}

function lookupField(
  value: Json,
  path: string,
  key: string,
  scope: Readonly<Record<string, FieldSpec>>,
  ctx: Ctx,
) {
  const name = own(value, key);
  const at = pointer(path, key);
  if (typeof name !== "string") {
    return ctx.problems.add(at, "RULE_TYPE_MISMATCH", {
      zh: "字段名必须是字符串",
      en: "A field name must be a string",
    });
  }
  const spec = Object.hasOwn(scope, name) ? scope[name] : undefined;
  if (!spec) {
    const known = Object.keys(scope).join(", ");
    return ctx.problems.add(at, "RULE_UNKNOWN_FIELD", {
      zh: `未知字段 ${show(name)}（可用：${known}）`,
      en: `Unknown field ${show(name)} (known: ${known})`,
    });
  }
  return { name, spec, at };
}

function readScalarField(
  value: Json,
  path: string,
  key: string,
  scope: Readonly<Record<string, FieldSpec>>,
  ctx: Ctx,
) {
  const found = lookupField(value, path, key, scope, ctx);
  if (!found) return null;
  if (found.spec.type === "list") {
    return ctx.problems.add(found.at, "RULE_LIST_FIELD", {
      zh: `${found.name} 是列表，请用 count 或 exists`,
      en: `${found.name} is a list; use count or exists`,
    });
  }
  return { name: found.name, spec: found.spec };
}

function readListField(
  value: Json,
  path: string,
  key: string,
  scope: Readonly<Record<string, FieldSpec>>,
  ctx: Ctx,
) {
  const found = lookupField(value, path, key, scope, ctx);
  if (!found) return null;
  if (found.spec.type !== "list") {
    return ctx.problems.add(found.at, "RULE_NOT_A_LIST", {
      zh: `${found.name} 不是列表，不能计数`,
      en: `${found.name} is not a list`,
    });
  }
  return { name: found.name, spec: found.spec as ListField };
}

/** op and value, checked against the field's type; `subject` says what is compared, for messages. */
function readComparison(
  node: Json,
  path: string,
  spec: ScalarField,
  subject: string,
  ctx: Ctx,
): { op: Op; value: Operand } | null {
  const { problems } = ctx;
  const op = own(node, "op");
  const opPath = pointer(path, "op");
  const valuePath = pointer(path, "value");
  const allowedOps =
    spec.type === "boolean"
      ? ["eq", "ne"]
      : spec.type === "string" || spec.type === "enum"
        ? EQUALITY_OPS
        : ALL_OPS;
  const raw = own(node, "value");
  if (!ALL_OPS.some((o) => o === op)) {
    problems.add(opPath, "RULE_BAD_OP", {
      zh: `op 必须是 ${ALL_OPS.join("、")} 之一`,
      en: `op must be one of ${ALL_OPS.join(", ")}`,
    });
  } else if (!allowedOps.includes(op as Op)) {
    problems.add(opPath, "RULE_IMPOSSIBLE_OP", {
      zh: `${spec.type} 类型不能用 ${show(op)} 比较`,
      en: `A ${spec.type} cannot be compared with ${show(op)}`,
    });
  }
  if (raw === undefined) {
    problems.add(valuePath, "RULE_MISSING", { zh: "缺少 value", en: "value is required" });
    return null;
  }
  if (!allowedOps.includes(op as Op)) return null;
  const isCount = subject === "count";
  if (op === "in" || op === "between") {
    if (!Array.isArray(raw)) {
      return problems.add(valuePath, "RULE_TYPE_MISMATCH", {
        zh: op === "in" ? "in 的 value 必须是数组" : "between 的 value 必须是 [最小值, 最大值]",
        en: op === "in" ? "value for in must be an array" : "value for between must be [min, max]",
      });
    }
    if (op === "in" && raw.length === 0) {
      return problems.add(valuePath, "RULE_EMPTY_IN", {
        zh: "in 的列表为空，条件永远不成立",
        en: "in with an empty list can never hold",
      });
    }
    if (op === "between" && raw.length !== 2) {
      return problems.add(valuePath, "RULE_BAD_BETWEEN", {
        zh: "between 的 value 必须恰好是 [最小值, 最大值]",
        en: "value for between must be exactly [min, max]",
      });
    }
    const items = Array.from(raw, (item, i) =>
      readScalarValue(item, pointer(valuePath, i), spec, isCount, ctx),
    );
    if (!items.every(isPresent)) return null;
    const [min, max] = items;
    if (op === "between" && min !== undefined && max !== undefined && min > max) {
      return problems.add(valuePath, "RULE_EMPTY_RANGE", {
        zh: `between 的最小值 ${show(min)} 大于最大值 ${show(max)}`,
        en: `between has min ${show(min)} greater than max ${show(max)}`,
      });
    }
    return { op, value: items };
  }
  const single = readScalarValue(raw, valuePath, spec, isCount, ctx);
  return single === null ? null : { op: op as Op, value: single };
}

function readScalarValue(
  value: unknown,
  path: string,
  spec: ScalarField,
  isCount: boolean,
  ctx: Ctx,
): Scalar | null {
  const mismatch = (zh: string, en: string) =>
    ctx.problems.add(path, "RULE_TYPE_MISMATCH", {
      zh: `${zh}，收到 ${show(value)}`,
      en: `${en}, got ${show(value)}`,
    });
  switch (spec.type) {
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value))
        return mismatch("应为数字", "Expected a number");
      if (isCount && !(Number.isSafeInteger(value) && value >= 0)) {
        return mismatch("计数应为非负整数", "A count must be a non-negative integer");
      }
      return value;
    case "date":
      if (!isIsoDate(value)) {
        return ctx.problems.add(path, "RULE_BAD_DATE", {
          zh: `应为 YYYY-MM-DD 格式的真实日期，收到 ${show(value)}`,
          en: `Expected a real date as YYYY-MM-DD, got ${show(value)}`,
        });
      }
      return value;
    case "boolean":
      return typeof value === "boolean" ? value : mismatch("应为 true 或 false", "Expected true or false");
    case "string":
      return typeof value === "string" ? value : mismatch("应为字符串", "Expected a string");
    case "enum": {
      if (typeof value !== "string") return mismatch("应为字符串", "Expected a string");
      const allowed = spec.values ?? [];
      if (!allowed.includes(value)) {
        return ctx.problems.add(path, "RULE_NOT_IN_ENUM", {
          zh: `${show(value)} 不在可选值 ${allowed.join("、")} 中`,
          en: `${show(value)} is not one of ${allowed.join(", ")}`,
        });
      }
      return value;
    }
  }
}

// ---- Tiers -----------------------------------------------------------------------------------

function readTiers(
  value: unknown,
  path: string,
  inherited: Citation | undefined,
  ctx: Ctx,
): TierEntry[] | null {
  const items = readNonEmptyArray(value, path, ctx);
  if (!items) return null;
  const entries: TierEntry[] = [];
  let valid = true;
  let previous = -1;
  items.forEach((item, i) => {
    const at = pointer(path, i);
    if (!isObject(item)) {
      valid = false;
      ctx.problems.add(at, "RULE_BAD_NODE", {
        zh: "等级项必须是 { tier, when }",
        en: "A tier must be { tier, when }",
      });
      return;
    }
    rejectUnknownKeys(item, at, ["tier", "when", "label", "citation"], ctx);
    const tier = own(item, "tier");
    const rank = TIER_NAMES.indexOf(tier as TierName);
    if (rank < 0) {
      ctx.problems.add(pointer(at, "tier"), "RULE_BAD_TIER", {
        zh: `tier 必须是 ${TIER_NAMES.join("、")} 之一`,
        en: `tier must be one of ${TIER_NAMES.join(", ")}`,
      });
    } else if (rank <= previous) {
      // First match wins, so the list must run from the best tier down, each once.
      ctx.problems.add(pointer(at, "tier"), "RULE_TIER_ORDER", {
        zh: "等级必须从高到低（A 在前）且不重复",
        en: "Tiers must run from best to lowest (A first) without repeats",
      });
    } else {
      previous = rank;
    }
    const label = readLabel(item, at, ctx);
    const citation = readCitation(item, at, ctx, inherited);
    const when = readRequired(item, at, "when", ctx, (v, p) =>
      readCondition(v, p, ctx.catalogue, citation, 1, ctx),
    );
    const name = TIER_NAMES[rank];
    if (!when || name === undefined) {
      valid = false;
      return;
    }
    entries.push({
      path: at,
      tier: name,
      when,
      ...(label ? { label } : {}),
      ...(citation ? { citation } : {}),
    });
  });
  return valid ? entries : null;
}

// ---- Money formulas --------------------------------------------------------------------------

function readMoneyInteger(
  value: unknown,
  path: string,
  what: Bilingual,
  positive: boolean,
  ctx: Ctx,
): number | null {
  if (typeof value === "number" && Number.isSafeInteger(value) && (!positive || value > 0)) return value;
  return ctx.problems.add(path, "RULE_BAD_INTEGER", {
    zh: `${what.zh}必须是${positive ? "正" : ""}整数，收到 ${show(value)}`,
    en: `${what.en} must be a${positive ? " positive" : "n"} integer, got ${show(value)}`,
  });
}

function readRoundMode(node: Json, path: string, key: string, ctx: Ctx): RoundMode | null {
  const mode = own(node, key);
  if (mode === undefined) return "half_up";
  const found = ROUND_MODES.find((m) => m === mode);
  if (found) return found;
  return ctx.problems.add(pointer(path, key), "RULE_BAD_ROUND", {
    zh: `${key} 必须是 ${ROUND_MODES.join("、")} 之一`,
    en: `${key} must be one of ${ROUND_MODES.join(", ")}`,
  });
}

function readExpr(
  value: unknown,
  path: string,
  citation: Citation | undefined,
  depth: number,
  ctx: Ctx,
): Expr | null {
  const { problems } = ctx;
  if (depth > MAX_DEPTH) return tooDeep(path, ctx);
  if (typeof value === "number") {
    const fen = readMoneyInteger(value, path, { zh: "金额（分）", en: "An amount in fen" }, false, ctx);
    return fen === null ? null : { kind: "const", path, fen };
  }
  if (!isObject(value)) {
    return problems.add(path, "RULE_BAD_EXPR", {
      zh: "公式必须是整数（分）或对象",
      en: "A formula must be an integer (fen) or an object",
    });
  }
  const present = EXPR_KEYS.filter((key) => Object.hasOwn(value, key));
  const [kind] = present;
  if (kind === undefined || present.length > 1) {
    return problems.add(path, "RULE_BAD_EXPR", {
      zh: `公式必须恰好包含 ${EXPR_KEYS.join("、")} 之一`,
      en: `A formula must have exactly one of ${EXPR_KEYS.join(", ")}`,
    });
  }
  const sub = (v: unknown, p: string) => readExpr(v, p, citation, depth + 1, ctx);
  const required = (key: string) => readRequired(value, path, key, ctx, sub);
  switch (kind) {
    case "field": {
      rejectUnknownKeys(value, path, ["field"], ctx);
      const found = lookupField(value, path, "field", ctx.catalogue, ctx);
      if (!found) return null;
      if (found.spec.type !== "number") {
        return problems.add(found.at, "RULE_NOT_A_NUMBER", {
          zh: `公式只能引用数字字段，${found.name} 是 ${found.spec.type}`,
          en: `A formula can only use number fields; ${found.name} is ${found.spec.type}`,
        });
      }
      return { kind, path, field: found.name };
    }
    case "add":
    case "min":
    case "max":
    case "sub": {
      rejectUnknownKeys(value, path, [kind], ctx);
      const at = pointer(path, kind);
      const items = readNonEmptyArray(own(value, kind), at, ctx);
      if (!items) return null;
      if (kind === "sub" && items.length !== 2) {
        return problems.add(at, "RULE_BAD_EXPR", {
          zh: "sub 需要恰好两项 [a, b]",
          en: "sub takes exactly [a, b]",
        });
      }
      const exprs = items.map((item, i) => sub(item, pointer(at, i)));
      if (!exprs.every(isPresent)) return null;
      const [a, b] = exprs;
      if (kind === "sub") return a && b ? { kind, path, items: [a, b] } : null;
      return { kind, path, items: exprs };
    }
    case "fraction": {
      rejectUnknownKeys(value, path, ["fraction", "of", "round"], ctx);
      const at = pointer(path, "fraction");
      const pair = own(value, "fraction");
      const [rawNum, rawDen] = Array.isArray(pair) && pair.length === 2 ? pair : [undefined, undefined];
      if (rawNum === undefined) {
        problems.add(at, "RULE_BAD_EXPR", {
          zh: "fraction 必须是 [分子, 分母]",
          en: "fraction must be [num, den]",
        });
      }
      const num =
        rawNum === undefined
          ? null
          : readMoneyInteger(rawNum, pointer(at, 0), { zh: "分子", en: "num" }, false, ctx);
      const den =
        rawDen === undefined
          ? null
          : readMoneyInteger(rawDen, pointer(at, 1), { zh: "分母", en: "den" }, true, ctx);
      const round = readRoundMode(value, path, "round", ctx);
      const of = required("of");
      return num !== null && den !== null && round && of ? { kind, path, num, den, of, round } : null;
    }
    case "roundTo": {
      rejectUnknownKeys(value, path, ["roundTo", "of", "mode"], ctx);
      const unit = readMoneyInteger(
        own(value, "roundTo"),
        pointer(path, "roundTo"),
        { zh: "取整单位（分）", en: "roundTo (fen)" },
        true,
        ctx,
      );
      const mode = readRoundMode(value, path, "mode", ctx);
      const of = required("of");
      return unit !== null && mode && of ? { kind, path, unit, of, mode } : null;
    }
    case "if": {
      rejectUnknownKeys(value, path, ["if", "yes", "no"], ctx);
      const cond = readCondition(
        own(value, "if"),
        pointer(path, "if"),
        ctx.catalogue,
        citation,
        depth + 1,
        ctx,
      );
      const yes = required("yes");
      const no = required("no");
      return cond && yes && no ? { kind, path, cond, yes, no } : null;
    }
  }
}
