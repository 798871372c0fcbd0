// The default talent-profile catalogue. Rules are checked against a catalogue passed in, so a city
// with other fields passes its own; this one matches the profile the registry keeps.
import type { Bilingual, Catalogue, FieldSpec } from "./types.js";

export const talentCatalogue: Catalogue = {
  name: { type: "string", label: { zh: "姓名", en: "name" } },
  gender: { type: "enum", values: ["male", "female"], label: { zh: "性别", en: "gender" } },
  birthDate: { type: "date", label: { zh: "出生日期", en: "date of birth" } },
  arrivalDate: { type: "date", label: { zh: "来本市工作日期", en: "date of arrival" } },
  category: {
    type: "enum",
    values: [
      "basic_research",
      "applied_research",
      "social_science",
      "skills",
      "teachers",
      "doctors",
      "management",
      "rural",
    ],
    label: { zh: "人才类别", en: "talent category" },
  },
  tier: {
    type: "enum",
    values: ["A", "B", "C", "D", "E"],
    label: { zh: "认定层次", en: "recognised tier" },
  },
  engagement: {
    type: "enum",
    values: ["full_time", "advisor", "part_time", "equity"],
    label: { zh: "工作方式", en: "engagement" },
  },
  industry: { type: "string", label: { zh: "所属产业", en: "industry" } },
  salaryYearly: {
    type: "number",
    unit: "fen",
    label: { zh: "上年度工资薪金（分）", en: "last year's salary (fen)" },
  },
  taxYearly: {
    type: "number",
    unit: "fen",
    label: { zh: "上年度个人所得税（分）", en: "last year's income tax (fen)" },
  },
  fullTime: { type: "boolean", label: { zh: "全职", en: "full-time" } },
  educations: {
    type: "list",
    label: { zh: "学历学位", en: "educations" },
    of: {
      degree: {
        type: "enum",
        values: ["博士", "硕士", "学士", "大专"],
        label: { zh: "学位", en: "degree" },
      },
      school: { type: "string", label: { zh: "学校", en: "school" } },
      major: { type: "string", label: { zh: "专业", en: "major" } },
      year: { type: "number", unit: "year", label: { zh: "毕业年份", en: "year of graduation" } },
    },
  },
  titles: {
    type: "list",
    label: { zh: "专业技术职称", en: "professional titles" },
    of: {
      name: { type: "string", label: { zh: "职称名称", en: "title" } },
      level: {
        type: "enum",
        values: ["正高", "副高", "中级", "初级"],
        label: { zh: "职称级别", en: "level" },
      },
    },
  },
  awards: {
    type: "list",
    label: { zh: "奖项荣誉", en: "awards and honours" },
    of: {
      name: { type: "string", label: { zh: "奖项名称", en: "award" } },
      level: {
        type: "enum",
        values: ["national", "provincial", "city"],
        label: { zh: "奖项级别", en: "level" },
      },
      year: { type: "number", unit: "year", label: { zh: "获奖年份", en: "year" } },
    },
  },
  skills: {
    type: "list",
    label: { zh: "职业技能等级", en: "skill levels" },
    of: {
      name: { type: "string", label: { zh: "职业（工种）", en: "occupation" } },
      level: {
        type: "enum",
        values: ["高级技师", "技师", "高级工", "中级工", "初级工"],
        label: { zh: "技能等级", en: "level" },
      },
      year: { type: "number", unit: "year", label: { zh: "取得年份", en: "year obtained" } },
    },
  },
  postdocs: {
    type: "list",
    label: { zh: "博士后经历", en: "postdoctoral positions" },
    of: {
      station: { type: "string", label: { zh: "博士后工作站", en: "station" } },
      startYear: { type: "number", unit: "year", label: { zh: "进站年份", en: "year started" } },
      completed: { type: "boolean", label: { zh: "已出站", en: "completed" } },
    },
  },
  patents: {
    type: "list",
    label: { zh: "专利", en: "patents" },
    of: {
      kind: {
        type: "enum",
        values: ["invention", "utility", "design"],
        label: { zh: "专利类型", en: "kind" },
      },
      year: { type: "number", unit: "year", label: { zh: "授权年份", en: "year granted" } },
    },
  },
};

/** A field's label for generated explanations; the field name when the catalogue gives none. */
export const fieldLabel = (name: string, spec: FieldSpec | undefined): Bilingual =>
  spec?.label ?? { zh: name, en: name };
