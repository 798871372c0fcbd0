import { type Static, Type } from "@sinclair/typebox";
import { isCalendarDate } from "../../lib/dates.js";
import type { FieldError } from "../../lib/errors.js";
import { checkBankAccountNumber, checkMobile, checkResidentId } from "../../lib/validators.js";

// The form of a service item: a JSON-schema subset the web renders as an Ant Design form and the
// server checks submissions against (validateForm, pure, written here rather than trusting a generic
// validator so the messages are bilingual and the subset stays small). Supported per field:
// string (minLength, maxLength, pattern, x-widget textarea), date (string + format "date", minimum,
// maximum), enum (string + enum), integer and number (minimum, maximum), boolean, and arrays of
// strings (items.enum / items.maxLength, minItems, maxItems), and personal data (string + format
// "idCard" | "phone" | "bankAccount"): checked like the registry (GB 11643 check digit and a real
// birth date; a mainland mobile; 12-30 digits), stored sealed and shown masked (applications/
// form-pii.ts). The top level is an object with `required` and additionalProperties false: unknown
// fields are refused.

const FIELD_NAME = "^[A-Za-z][A-Za-z0-9_]{0,39}$";
const DATE = "^\\d{4}-\\d{2}-\\d{2}$";
const common = {
  title: Type.String({ minLength: 1, maxLength: 60 }),
  description: Type.Optional(Type.String({ maxLength: 300 })),
};
const strict = { additionalProperties: false } as const;

export const StringField = Type.Object(
  {
    type: Type.Literal("string"),
    ...common,
    minLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    "x-widget": Type.Optional(Type.Literal("textarea")),
  },
  strict,
);
export const DateField = Type.Object(
  {
    type: Type.Literal("string"),
    format: Type.Literal("date"),
    ...common,
    minimum: Type.Optional(Type.String({ pattern: DATE })),
    maximum: Type.Optional(Type.String({ pattern: DATE })),
  },
  strict,
);
/** The kinds of personal data a form may ask for (issue 12 item 3). */
export const PERSONAL_KINDS = ["idCard", "phone", "bankAccount"] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];
export const PersonalField = Type.Object(
  {
    type: Type.Literal("string"),
    format: Type.Union(PERSONAL_KINDS.map((k) => Type.Literal(k))),
    ...common,
  },
  strict,
);
export const EnumField = Type.Object(
  {
    type: Type.Literal("string"),
    enum: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 100 }),
    ...common,
  },
  strict,
);
export const NumberField = Type.Object(
  {
    type: Type.Union([Type.Literal("integer"), Type.Literal("number")]),
    ...common,
    minimum: Type.Optional(Type.Number()),
    maximum: Type.Optional(Type.Number()),
  },
  strict,
);
export const BooleanField = Type.Object({ type: Type.Literal("boolean"), ...common }, strict);
export const StringArrayField = Type.Object(
  {
    type: Type.Literal("array"),
    items: Type.Object(
      {
        type: Type.Literal("string"),
        enum: Type.Optional(
          Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 100 }),
        ),
        maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      },
      strict,
    ),
    ...common,
    minItems: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    maxItems: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  strict,
);

export const FieldSchema = Type.Union([
  DateField,
  PersonalField,
  EnumField,
  StringField,
  NumberField,
  BooleanField,
  StringArrayField,
]);
export type FieldSchema = Static<typeof FieldSchema>;

/** The subset's description: what the talent office may write as an item's form (and what the UI renders). */
export const FormSchema = Type.Object(
  {
    type: Type.Literal("object"),
    properties: Type.Record(Type.String({ pattern: FIELD_NAME }), FieldSchema, { maxProperties: 60 }),
    required: Type.Optional(Type.Array(Type.String({ pattern: FIELD_NAME }), { maxItems: 60 })),
    additionalProperties: Type.Literal(false),
  },
  { ...strict, $id: "FormSchema" },
);
export type FormSchema = Static<typeof FormSchema>;

/** Checks a form schema beyond its shape: required names exist, bounds are ordered, patterns compile. */
export function checkFormSchema(schema: FormSchema, path = "/form"): FieldError[] {
  const errors: FieldError[] = [];
  const names = Object.keys(schema.properties);
  for (const [i, name] of (schema.required ?? []).entries())
    if (!names.includes(name))
      errors.push({
        path: `${path}/required/${i}`,
        message: { zh: `必填字段 ${name} 未定义`, en: `Required field ${name} is not defined` },
      });
  for (const [name, field] of Object.entries(schema.properties)) {
    const at = `${path}/properties/${name}`;
    const bad = (zh: string, en: string) =>
      errors.push({ path: at, message: { zh: `${field.title}：${zh}`, en: `${name}: ${en}` } });
    if ("pattern" in field && field.pattern !== undefined) {
      try {
        new RegExp(field.pattern, "u");
      } catch {
        bad("正则表达式无效", "the pattern is not a valid regular expression");
      }
    }
    if (
      "minLength" in field &&
      field.minLength !== undefined &&
      field.maxLength !== undefined &&
      field.minLength > field.maxLength
    )
      bad("最小长度大于最大长度", "minLength exceeds maxLength");
    if (
      field.type !== "array" &&
      "minimum" in field &&
      field.minimum !== undefined &&
      field.maximum !== undefined &&
      field.minimum > field.maximum
    )
      bad("最小值大于最大值", "minimum exceeds maximum");
    if (
      field.type === "array" &&
      field.minItems !== undefined &&
      field.maxItems !== undefined &&
      field.minItems > field.maxItems
    )
      bad("最少项数大于最多项数", "minItems exceeds maxItems");
  }
  return errors;
}

const chars = (s: string) => Array.from(s).length;

/** The personal-data kind of a field, or null for every other field. */
export function personalKindOf(field: FieldSchema): PersonalKind | null {
  return "format" in field && (PERSONAL_KINDS as readonly string[]).includes(field.format)
    ? (field.format as PersonalKind)
    : null;
}

/** The form's personal-data fields by name. */
export function personalFieldsOf(schema: FormSchema): Map<string, PersonalKind> {
  const out = new Map<string, PersonalKind>();
  for (const [name, field] of Object.entries(schema.properties)) {
    const kind = personalKindOf(field);
    if (kind !== null) out.set(name, kind);
  }
  return out;
}

/** The stored (normalised) value of a personal-data field, or the bilingual reason it is refused. */
export function checkPersonalValue(
  kind: PersonalKind,
  raw: string,
  today: Date,
): { ok: true; value: string } | { ok: false; reason: { zh: string; en: string } } {
  switch (kind) {
    case "idCard": {
      const check = checkResidentId(raw, today);
      return check.ok
        ? { ok: true, value: raw.trim().toUpperCase() }
        : { ok: false, reason: { zh: `无效：${check.reason.zh}`, en: `is invalid: ${check.reason.en}` } };
    }
    case "phone": {
      const check = checkMobile(raw);
      return check.ok
        ? { ok: true, value: check.value }
        : { ok: false, reason: { zh: `无效：${check.reason.zh}`, en: `is invalid: ${check.reason.en}` } };
    }
    case "bankAccount": {
      const check = checkBankAccountNumber(raw);
      return check.ok
        ? { ok: true, value: check.value }
        : { ok: false, reason: { zh: `无效：${check.reason.zh}`, en: `is invalid: ${check.reason.en}` } };
    }
  }
}

/** Validates a submitted form against its schema: every failure with its path and a bilingual message.
 * `today` bounds a 身份证's birth date (the server's clock; tests fix it). */
export function validateForm(
  schema: FormSchema,
  value: unknown,
  path = "/form",
  today: Date = new Date(),
): FieldError[] {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return [{ path, message: { zh: "表单内容须为对象", en: "The form must be an object" } }];
  const form = value as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(form))
    if (!Object.hasOwn(schema.properties, key))
      errors.push({ path: `${path}/${key}`, message: { zh: `未知字段 ${key}`, en: `Unknown field ${key}` } });
  for (const name of schema.required ?? []) {
    const v = form[name];
    const field = schema.properties[name];
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0))
      errors.push({
        path: `${path}/${name}`,
        message: { zh: `请填写${field?.title ?? name}`, en: `${name} is required` },
      });
  }
  for (const [name, field] of Object.entries(schema.properties)) {
    const v = form[name];
    if (v === undefined || v === null) continue;
    const at = `${path}/${name}`;
    const fail = (zh: string, en: string) =>
      errors.push({ path: at, message: { zh: `${field.title}${zh}`, en: `${name} ${en}` } });
    switch (field.type) {
      case "string": {
        if (typeof v !== "string") {
          fail("须为文本", "must be a string");
          break;
        }
        if (v === "") break; // empty optional text: handled by required above
        if ("format" in field && field.format !== "date") {
          const check = checkPersonalValue(field.format, v, today);
          if (!check.ok) fail(check.reason.zh, check.reason.en);
        } else if ("format" in field) {
          if (!isCalendarDate(v)) fail("须为日期（YYYY-MM-DD）", "must be a date (YYYY-MM-DD)");
          else if (field.minimum !== undefined && v < field.minimum)
            fail(`不能早于 ${field.minimum}`, `must not be before ${field.minimum}`);
          else if (field.maximum !== undefined && v > field.maximum)
            fail(`不能晚于 ${field.maximum}`, `must not be after ${field.maximum}`);
        } else if ("enum" in field) {
          if (!field.enum.includes(v))
            fail("的取值不在可选范围内", `must be one of ${field.enum.join(", ")}`);
        } else {
          if (field.minLength !== undefined && chars(v) < field.minLength)
            fail(`至少 ${field.minLength} 个字`, `must have at least ${field.minLength} characters`);
          if (field.maxLength !== undefined && chars(v) > field.maxLength)
            fail(`最多 ${field.maxLength} 个字`, `must have at most ${field.maxLength} characters`);
          if (field.pattern !== undefined && !new RegExp(field.pattern, "u").test(v))
            fail("格式不正确", "has the wrong format");
        }
        break;
      }
      case "integer":
      case "number": {
        if (
          typeof v !== "number" ||
          !Number.isFinite(v) ||
          (field.type === "integer" && !Number.isInteger(v))
        ) {
          fail(
            field.type === "integer" ? "须为整数" : "须为数字",
            field.type === "integer" ? "must be an integer" : "must be a number",
          );
          break;
        }
        if (field.minimum !== undefined && v < field.minimum)
          fail(`不能小于 ${field.minimum}`, `must be at least ${field.minimum}`);
        if (field.maximum !== undefined && v > field.maximum)
          fail(`不能大于 ${field.maximum}`, `must be at most ${field.maximum}`);
        break;
      }
      case "boolean":
        if (typeof v !== "boolean") fail("须为是或否", "must be true or false");
        break;
      case "array": {
        if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
          fail("须为文本列表", "must be a list of strings");
          break;
        }
        if (field.minItems !== undefined && v.length < field.minItems)
          fail(`至少 ${field.minItems} 项`, `must have at least ${field.minItems} items`);
        if (field.maxItems !== undefined && v.length > field.maxItems)
          fail(`最多 ${field.maxItems} 项`, `must have at most ${field.maxItems} items`);
        const items = field.items;
        v.forEach((x: string, i) => {
          if (items.enum !== undefined && !items.enum.includes(x))
            errors.push({
              path: `${at}/${i}`,
              message: {
                zh: `${field.title}第 ${i + 1} 项不在可选范围内`,
                en: `${name}[${i}] is not an allowed value`,
              },
            });
          if (items.maxLength !== undefined && chars(x) > items.maxLength)
            errors.push({
              path: `${at}/${i}`,
              message: { zh: `${field.title}第 ${i + 1} 项过长`, en: `${name}[${i}] is too long` },
            });
        });
        break;
      }
    }
  }
  return errors;
}
