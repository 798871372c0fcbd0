// A service item's application form: the JSON-schema subset the server validates with (string,
// integer, number, boolean, date, enum, array of strings; required; minimum/maximum, minLength/maxLength,
// minItems/maxItems; pattern; Chinese titles; personal data: format idCard | phone | bankAccount,
// checked by the server like the registry and shown masked) rendered as Ant Design form items, plus a
// read-only view.
// Dates travel as "YYYY-MM-DD" strings and live in the form as dayjs values.
import {
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Switch,
  Tag,
} from "antd";
import type { Rule } from "antd/es/form";
import dayjs, { type Dayjs } from "dayjs";
import type { ReactNode } from "react";
import { isApiError } from "../api/client";
import { pointerToName } from "../api/forms";
import type { Lang, Localized } from "../api/types";
import { pick, useLang, useT } from "../i18n";
import "./SchemaForm.css";

type Title = string | Localized;

export interface FieldSchema {
  type: "string" | "integer" | "number" | "boolean" | "array";
  title?: Title;
  description?: Title;
  format?: "date" | PersonalFormat;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** A number, or for dates a YYYY-MM-DD string. */
  minimum?: number | string;
  maximum?: number | string;
  items?: { type: "string"; enum?: string[]; maxLength?: number };
  minItems?: number;
  maxItems?: number;
  "x-widget"?: "textarea";
}

export interface FormSchema {
  type: "object";
  title?: Title;
  properties: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties?: boolean;
}

export type FormData = Record<string, unknown>;

/** Where a value came from: the registry's talent record or the employer's record. */
export type FieldSources = Record<string, "talent" | "employer">;

function SourceTag({ source }: { source: "talent" | "employer" | undefined }) {
  const t = useT();
  if (!source) return null;
  return (
    <Tag color="blue" className="rc-source-tag" data-testid="field-source">
      {t(source === "talent" ? "schema.fromTalentRecord" : "schema.fromEmployerRecord")}
    </Tag>
  );
}

/** Personal data: sealed at rest on the server, masked in every view (issue 12 item 3). */
export type PersonalFormat = "idCard" | "phone" | "bankAccount";
const PERSONAL_FORMATS: readonly string[] = ["idCard", "phone", "bankAccount"];
export const isPersonal = (f: FieldSchema) =>
  f.type === "string" && PERSONAL_FORMATS.includes(f.format ?? "");

const FIELD_TYPES = new Set(["string", "integer", "number", "boolean", "array"]);
const KNOWN_KEYS = new Set([
  "type",
  "title",
  "description",
  "format",
  "enum",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "items",
  "minItems",
  "maxItems",
  "x-widget",
]);
const TOP_KEYS = new Set(["type", "properties", "required", "additionalProperties"]);

export interface SchemaProblem {
  path: string;
  message: Localized;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Checks that a value is a form schema this component can render (the same subset the server takes).
 * Returns the problems found, empty if none; used by the catalogue editor's preview.
 */
export function checkFormSchema(v: unknown): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const bad = (path: string, zh: string, en: string) => out.push({ path, message: { zh, en } });
  if (!isObj(v)) {
    bad("", "表单定义必须是一个 JSON 对象", "The form schema must be a JSON object");
    return out;
  }
  for (const k of Object.keys(v))
    if (!TOP_KEYS.has(k)) bad(`/${k}`, `不支持顶层属性 ${k}`, `Top-level ${k} is not supported`);
  if (v.type !== "object") bad("/type", '顶层 type 必须为 "object"', 'The top-level type must be "object"');
  if (v.additionalProperties !== false)
    bad(
      "/additionalProperties",
      "additionalProperties 必须为 false（不接受未定义的字段）",
      "additionalProperties must be false (unknown fields are refused)",
    );
  if (!isObj(v.properties)) {
    bad("/properties", "缺少 properties 对象", "properties must be an object");
    return out;
  }
  const names = Object.keys(v.properties);
  if (v.required !== undefined) {
    if (!Array.isArray(v.required) || v.required.some((r) => typeof r !== "string"))
      bad("/required", "required 必须是字段名数组", "required must be an array of field names");
    else
      for (const r of v.required as string[])
        if (!names.includes(r))
          bad("/required", `必填字段 ${r} 未定义`, `Required field ${r} is not defined`);
  }
  for (const [name, f] of Object.entries(v.properties)) {
    const p = `/properties/${name}`;
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name))
      bad(p, `字段名 ${name} 只能由字母、数字和下划线组成`, `Field name ${name} must be letters, digits, _`);
    if (!isObj(f)) {
      bad(p, `字段 ${name} 必须是对象`, `Field ${name} must be an object`);
      continue;
    }
    for (const k of Object.keys(f))
      if (!KNOWN_KEYS.has(k))
        bad(`${p}/${k}`, `字段 ${name} 不支持属性 ${k}`, `Field ${name}: ${k} is not supported`);
    if (typeof f.type !== "string" || !FIELD_TYPES.has(f.type))
      bad(`${p}/type`, `字段 ${name} 的类型无效`, `Field ${name} has an invalid type`);
    if (typeof f.title !== "string" || f.title.trim() === "" || f.title.length > 60)
      bad(`${p}/title`, `字段 ${name} 需要 1–60 字的标题`, `Field ${name} needs a title of 1–60 characters`);
    const dateField = f.format === "date";
    if (f.format !== undefined && f.format !== "date" && !PERSONAL_FORMATS.includes(String(f.format)))
      bad(
        `${p}/format`,
        `字段 ${name} 只支持 format: "date"、"idCard"（身份证号码）、"phone"（手机号码）、"bankAccount"（银行账号）`,
        `Field ${name}: format must be "date", "idCard", "phone" or "bankAccount"`,
      );
    for (const k of ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"]) {
      if (f[k] === undefined) continue;
      const dateBound = dateField && (k === "minimum" || k === "maximum");
      if (dateBound ? !(typeof f[k] === "string" && /^\d{4}-\d{2}-\d{2}$/.test(f[k])) : !isNum(f[k]))
        bad(
          `${p}/${k}`,
          dateBound ? `字段 ${name} 的 ${k} 必须是 YYYY-MM-DD 日期` : `字段 ${name} 的 ${k} 必须是数字`,
          dateBound
            ? `Field ${name}: ${k} must be a YYYY-MM-DD date`
            : `Field ${name}: ${k} must be a number`,
        );
    }
    if (f.pattern !== undefined) {
      try {
        new RegExp(String(f.pattern), "u");
      } catch {
        bad(`${p}/pattern`, `字段 ${name} 的正则表达式无效`, `Field ${name} has an invalid pattern`);
      }
    }
    if (
      f.enum !== undefined &&
      (!Array.isArray(f.enum) || f.enum.length === 0 || f.enum.some((x) => typeof x !== "string"))
    )
      bad(
        `${p}/enum`,
        `字段 ${name} 的 enum 必须是非空数组`,
        `Field ${name}: enum must be a non-empty array`,
      );
    if (f.type === "array" && (!isObj(f.items) || f.items.type !== "string"))
      bad(
        `${p}/items`,
        `字段 ${name} 只支持字符串数组`,
        `Field ${name}: only arrays of strings are supported`,
      );
  }
  return out;
}

/** The field's label in the chosen language (the field name if it has none). */
export function fieldTitle(lang: Lang, name: string, f: FieldSchema): string {
  return f.title ? pick(lang, f.title) || name : name;
}

/** Long text and checkbox lists take the whole row. */
const wide = (f: FieldSchema) =>
  f["x-widget"] === "textarea" || (f.maxLength ?? 0) > 200 || (f.type === "array" && !!f.items?.enum?.length);

const isDate = (f: FieldSchema) => f.type === "string" && f.format === "date";

/** Server data → form values (dates become dayjs). */
export function toFormValues(schema: FormSchema, data: FormData | null | undefined): FormData {
  const out: FormData = {};
  for (const [name, f] of Object.entries(schema.properties)) {
    const v = data?.[name];
    if (v === undefined || v === null) continue;
    out[name] = isDate(f) && typeof v === "string" ? dayjs(v) : v;
  }
  return out;
}

/** Form values → the data to send: dates as YYYY-MM-DD, empty strings and lists left out, unknown keys dropped. */
export function fromFormValues(schema: FormSchema, values: FormData | undefined): FormData {
  const out: FormData = {};
  for (const [name, f] of Object.entries(schema.properties)) {
    let v = values?.[name];
    if (v === undefined || v === null) continue;
    if (isDate(f) && dayjs.isDayjs(v)) v = (v as Dayjs).format("YYYY-MM-DD");
    if (typeof v === "string") {
      v = v.trim();
      if (v === "") continue;
    }
    if (Array.isArray(v) && v.length === 0) continue;
    if (f.type === "boolean" && v === false && !schema.required?.includes(name)) {
      out[name] = false;
      continue;
    }
    out[name] = v;
  }
  return out;
}

function rulesOf(f: FieldSchema, required: boolean, label: string, t: ReturnType<typeof useT>): Rule[] {
  const rules: Rule[] = [];
  if (required) {
    if (f.type === "boolean") {
      rules.push({
        validator: (_, v) =>
          v === true ? Promise.resolve() : Promise.reject(new Error(t("schema.mustCheck", { label }))),
      });
    }
    // The rule's type must match the control's value (a date is a dayjs object, not a string).
    else
      rules.push({
        required: true,
        message: t(isDate(f) || f.enum || f.type === "array" ? "schema.chooseRequired" : "schema.required", {
          label,
        }),
        ...(isDate(f)
          ? { type: "object" as const }
          : f.type === "array"
            ? { type: "array" as const }
            : f.type === "integer" || f.type === "number"
              ? { type: "number" as const }
              : { type: "string" as const, whitespace: true }),
      });
  }
  // Personal data is checked by the server (GB 11643 check digit and birth date, mobile, account),
  // and a masked value sent back unchanged means "keep": no client pattern here.
  if (f.type === "string" && !isDate(f) && !f.enum && !isPersonal(f)) {
    if (f.minLength !== undefined)
      rules.push({ min: f.minLength, message: t("schema.minLength", { label, n: f.minLength }) });
    if (f.maxLength !== undefined)
      rules.push({ max: f.maxLength, message: t("schema.maxLength", { label, n: f.maxLength }) });
    if (f.pattern) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(f.pattern, "u");
      } catch {
        re = null;
      }
      if (re) rules.push({ pattern: re, message: t("schema.pattern", { label }) });
    }
  }
  if (f.type === "integer" || f.type === "number") {
    rules.push({
      validator: (_, v) => {
        if (v === undefined || v === null || v === "") return Promise.resolve();
        if (typeof v !== "number" || (f.type === "integer" && !Number.isInteger(v)))
          return Promise.reject(
            new Error(t(f.type === "integer" ? "schema.integer" : "schema.number", { label })),
          );
        if (typeof f.minimum === "number" && v < f.minimum)
          return Promise.reject(new Error(t("schema.minimum", { label, n: f.minimum })));
        if (typeof f.maximum === "number" && v > f.maximum)
          return Promise.reject(new Error(t("schema.maximum", { label, n: f.maximum })));
        return Promise.resolve();
      },
    });
  }
  if (isDate(f)) {
    rules.push({
      validator: (_, v) => {
        if (!dayjs.isDayjs(v)) return Promise.resolve();
        const d = v.format("YYYY-MM-DD");
        if (typeof f.minimum === "string" && d < f.minimum)
          return Promise.reject(new Error(t("schema.dateMin", { label, d: f.minimum })));
        if (typeof f.maximum === "string" && d > f.maximum)
          return Promise.reject(new Error(t("schema.dateMax", { label, d: f.maximum })));
        return Promise.resolve();
      },
    });
  }
  if (f.type === "array") {
    if (f.minItems !== undefined && f.minItems > 0)
      rules.push({ type: "array", min: f.minItems, message: t("schema.minItems", { label, n: f.minItems }) });
    if (f.maxItems !== undefined)
      rules.push({ type: "array", max: f.maxItems, message: t("schema.maxItems", { label, n: f.maxItems }) });
  }
  return rules;
}

function control(f: FieldSchema, label: string, t: ReturnType<typeof useT>): ReactNode {
  if (f.type === "boolean") return <Switch aria-label={label} />;
  if (f.type === "array") {
    const opts = f.items?.enum;
    if (opts?.length) return <Checkbox.Group options={opts.map((v) => ({ value: v, label: v }))} />;
    return (
      <Select
        mode="tags"
        open={false}
        tokenSeparators={[",", "，", "、"]}
        placeholder={t("schema.tagsHint")}
      />
    );
  }
  if (f.enum?.length) {
    const values = f.enum;
    return (
      <Select
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        placeholder={t("schema.choose")}
        options={values.map((v) => ({ value: v, label: v }))}
      />
    );
  }
  if (f.type === "integer" || f.type === "number")
    return (
      <InputNumber
        className="rc-fill"
        min={typeof f.minimum === "number" ? f.minimum : undefined}
        max={typeof f.maximum === "number" ? f.maximum : undefined}
        precision={f.type === "integer" ? 0 : undefined}
      />
    );
  if (isDate(f)) {
    const min = typeof f.minimum === "string" ? f.minimum : null;
    const max = typeof f.maximum === "string" ? f.maximum : null;
    return (
      <DatePicker
        className="rc-fill"
        format="YYYY-MM-DD"
        disabledDate={(d) => {
          const s = d.format("YYYY-MM-DD");
          return (min !== null && s < min) || (max !== null && s > max);
        }}
      />
    );
  }
  if (isPersonal(f))
    return (
      <Input
        maxLength={f.format === "idCard" ? 18 : f.format === "phone" ? 16 : 34}
        autoComplete="off"
        inputMode={f.format === "idCard" ? "text" : "numeric"}
        className="rc-mono"
      />
    );
  if (f["x-widget"] === "textarea" || (f.maxLength ?? 0) > 200)
    return <Input.TextArea rows={4} maxLength={f.maxLength} showCount={f.maxLength !== undefined} />;
  return <Input maxLength={f.maxLength} />;
}

/**
 * The schema's fields as Form.Items, to be placed inside an antd <Form>. `prefix` nests the values
 * (e.g. ["data"] → values.data.name).
 */
export function SchemaFields({
  schema,
  prefix = [],
  disabled,
  sources,
}: {
  schema: FormSchema;
  prefix?: (string | number)[];
  disabled?: boolean;
  /** Fields prefilled from a record, labelled 来自人才档案 / 来自单位档案. */
  sources?: FieldSources;
}) {
  const t = useT();
  const { lang } = useLang();
  const required = new Set(schema.required ?? []);
  return (
    <div className="rc-schema-grid">
      {Object.entries(schema.properties).map(([name, f]) => {
        const label = fieldTitle(lang, name, f);
        return (
          <Form.Item
            key={name}
            className={wide(f) ? "rc-schema-wide" : undefined}
            name={[...prefix, name]}
            label={
              sources?.[name] ? (
                <span>
                  {label} <SourceTag source={sources[name]} />
                </span>
              ) : (
                label
              )
            }
            required={required.has(name)}
            valuePropName={f.type === "boolean" ? "checked" : "value"}
            extra={
              f.description
                ? pick(lang, f.description)
                : isPersonal(f) && !disabled
                  ? t("schema.personalHint")
                  : undefined
            }
            rules={rulesOf(f, required.has(name), label, t)}
          >
            {disabled ? <ReadOnlyValue f={f} /> : control(f, label, t)}
          </Form.Item>
        );
      })}
    </div>
  );
}

function ReadOnlyValue({ f, value, checked }: { f: FieldSchema; value?: unknown; checked?: unknown }) {
  const t = useT();
  return <span>{fieldText(t, f, f.type === "boolean" ? checked : value)}</span>;
}

function fieldText(t: ReturnType<typeof useT>, f: FieldSchema, v: unknown): string {
  if (v === undefined || v === null || v === "") return t("common.none");
  if (f.type === "boolean") return v ? t("schema.yes") : t("schema.no");
  if (dayjs.isDayjs(v)) return v.format("YYYY-MM-DD");
  if (Array.isArray(v)) return v.map((x) => String(x)).join(t("common.listSep"));
  return String(v);
}

/** A standalone form for a schema (value in, value out through the given form instance). */
export function SchemaForm({
  schema,
  form,
  initial,
  disabled,
  name = "schema-form",
}: {
  schema: FormSchema;
  form: FormInstance;
  initial?: FormData | null;
  disabled?: boolean;
  name?: string;
}) {
  return (
    <Form
      form={form}
      name={name}
      layout="vertical"
      initialValues={toFormValues(schema, initial)}
      disabled={disabled}
    >
      <SchemaFields schema={schema} />
    </Form>
  );
}

/** The submitted form, read-only, as a description list. */
export function SchemaView({
  schema,
  data,
  sources,
}: {
  schema: FormSchema;
  data: FormData | null | undefined;
  sources?: FieldSources;
}) {
  const { lang } = useLang();
  const t = useT();
  const entries = Object.entries(schema.properties);
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={entries.map(([name, f]) => ({
        key: name,
        label: fieldTitle(lang, name, f),
        children: (
          <>
            <span className="rc-pre-wrap">{fieldText(t, f, data?.[name])}</span>{" "}
            <SourceTag source={sources?.[name]} />
          </>
        ),
      }))}
    />
  );
}

/**
 * Puts the server's errors about form fields (JSON pointers under `root`, e.g. "/data/phone") under
 * those fields. Returns the messages that did not belong to a field of the schema.
 */
export function applySchemaErrors(
  form: FormInstance,
  e: unknown,
  lang: Lang,
  schema: FormSchema,
  opts: { roots: string[]; prefix?: (string | number)[] },
): string[] {
  if (!isApiError(e)) return [];
  const left: string[] = [];
  const byField = new Map<string, string[]>();
  for (const fe of e.fieldErrors) {
    const msg = pick(lang, fe.message);
    const name = pointerToName(fe.path);
    const root = name[0];
    const field = name[1];
    if (
      typeof root === "string" &&
      opts.roots.includes(root) &&
      typeof field === "string" &&
      field in schema.properties
    ) {
      byField.set(field, [...(byField.get(field) ?? []), msg]);
    } else if (typeof root === "string" && root in schema.properties && opts.roots.includes("")) {
      byField.set(root, [...(byField.get(root) ?? []), msg]);
    } else left.push(msg);
  }
  if (byField.size)
    form.setFields(
      [...byField.entries()].map(([f, errors]) => ({ name: [...(opts.prefix ?? []), f], errors })),
    );
  return left;
}
