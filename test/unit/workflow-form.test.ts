import { Value } from "@sinclair/typebox/value";
import { describe, expect, it } from "vitest";
import { DEMO_ITEMS } from "../../src/server/demo/services.js";
import { MEASURE_ITEMS } from "../../src/server/demo/services-measures.js";
import { checkFormSchema, FormSchema, validateForm } from "../../src/server/modules/catalogue/form-schema.js";

const schema: FormSchema = {
  type: "object",
  properties: {
    name: { type: "string", title: "姓名", minLength: 2, maxLength: 4 },
    mobile: { type: "string", title: "手机", pattern: "^1\\d{10}$" },
    born: { type: "string", format: "date", title: "出生日期", minimum: "1950-01-01", maximum: "2010-12-31" },
    level: { type: "string", title: "级别", enum: ["A", "B"] },
    rank: { type: "integer", title: "名次", minimum: 1, maximum: 3 },
    score: { type: "number", title: "分数", minimum: 0 },
    married: { type: "boolean", title: "已婚" },
    schools: {
      type: "array",
      title: "学校",
      items: { type: "string", maxLength: 5 },
      minItems: 1,
      maxItems: 2,
    },
  },
  required: ["name", "level"],
  additionalProperties: false,
};
const paths = (value: unknown) => validateForm(schema, value).map((e) => e.path);

describe("form schema subset", () => {
  it("accepts a valid form", () => {
    expect(
      validateForm(schema, {
        name: "刘洋",
        mobile: "13800000000",
        born: "1990-02-28",
        level: "A",
        rank: 2,
        score: 88.5,
        married: false,
        schools: ["营口一中"],
      }),
    ).toEqual([]);
  });
  it("rejects unknown fields and missing required ones", () => {
    expect(paths({ name: "刘洋", level: "A", extra: 1 })).toEqual(["/form/extra"]);
    expect(paths({})).toEqual(["/form/name", "/form/level"]);
    expect(paths({ name: "", level: "A" })).toEqual(["/form/name"]);
    expect(paths([])).toEqual(["/form"]);
    expect(paths(null)).toEqual(["/form"]);
  });
  it("checks types, lengths in characters, patterns, dates, enums, bounds and arrays", () => {
    expect(paths({ name: "刘洋洋洋洋", level: "A" })).toEqual(["/form/name"]);
    expect(paths({ name: "刘洋洋洋", level: "A" })).toEqual([]);
    expect(paths({ name: 5, level: "C" })).toEqual(["/form/name", "/form/level"]);
    expect(paths({ name: "刘洋", level: "A", mobile: "2380000000" })).toEqual(["/form/mobile"]);
    expect(paths({ name: "刘洋", level: "A", born: "1990-02-30" })).toEqual(["/form/born"]);
    expect(paths({ name: "刘洋", level: "A", born: "1949-12-31" })).toEqual(["/form/born"]);
    expect(paths({ name: "刘洋", level: "A", rank: 1.5 })).toEqual(["/form/rank"]);
    expect(paths({ name: "刘洋", level: "A", rank: 4 })).toEqual(["/form/rank"]);
    expect(paths({ name: "刘洋", level: "A", score: "90" })).toEqual(["/form/score"]);
    expect(paths({ name: "刘洋", level: "A", score: Number.NaN })).toEqual(["/form/score"]);
    expect(paths({ name: "刘洋", level: "A", married: "yes" })).toEqual(["/form/married"]);
    expect(paths({ name: "刘洋", level: "A", schools: [] })).toEqual(["/form/schools"]);
    expect(paths({ name: "刘洋", level: "A", schools: ["a", "b", "c"] })).toEqual(["/form/schools"]);
    expect(paths({ name: "刘洋", level: "A", schools: ["营口市第一高级中学"] })).toEqual(["/form/schools/0"]);
    expect(paths({ name: "刘洋", level: "A", schools: [1] })).toEqual(["/form/schools"]);
  });
  it("gives bilingual messages", () => {
    const [e] = validateForm(schema, { name: "刘洋", level: "C" });
    expect(e!.message.zh).toContain("级别");
    expect(e!.message.en).toContain("level");
  });
  it("checks schema documents: shape (TypeBox) and soundness", () => {
    expect(Value.Check(FormSchema, schema)).toBe(true);
    expect(Value.Check(FormSchema, { ...schema, additionalProperties: true })).toBe(false);
    expect(Value.Check(FormSchema, { ...schema, properties: { x: { type: "object", title: "x" } } })).toBe(
      false,
    );
    expect(checkFormSchema(schema)).toEqual([]);
    const broken: FormSchema = {
      ...schema,
      required: ["name", "ghost"],
      properties: {
        ...schema.properties,
        mobile: { type: "string", title: "手机", pattern: "([" },
        rank: { type: "integer", title: "名次", minimum: 5, maximum: 3 },
      },
    };
    expect(checkFormSchema(broken).map((e) => e.path)).toEqual([
      "/form/required/1",
      "/form/properties/mobile",
      "/form/properties/rank",
    ]);
  });
  it("the demo catalogue's forms are valid subset documents", () => {
    for (const item of [...DEMO_ITEMS, ...MEASURE_ITEMS]) {
      const content = item.content(() => "ORG");
      expect(Value.Check(FormSchema, content.form), item.code).toBe(true);
      expect(checkFormSchema(content.form), item.code).toEqual([]);
    }
  });
});
