// The demo tier rule set (人才层次认定, tiers A–E) in the style of Chinese city talent catalogues,
// each tier citing the measure of the reference policy it rests on. Saved as version 1 of rule set
// "tier" by the demo seed; the talent office edits it through /api/registry/rule-sets.

export const POLICY_DOC = "营口市关于进一步深化人才发展体制机制改革的实施意见";

const cite = (measure: number) => ({ doc: POLICY_DOC, measure });
const awardNamed = (names: string[]) => ({
  exists: "awards",
  where: { field: "name", op: "in", value: names },
});

export const TIER_RULE_SET = {
  kind: "tier",
  id: "tier",
  label: { zh: "人才层次认定（A–E 类）", en: "Talent tier recognition (A–E)" },
  citation: cite(12),
  tiers: [
    {
      tier: "A",
      label: { zh: "A 类：两院院士及国家最高荣誉获得者", en: "A: academicians and national top honours" },
      citation: cite(12),
      when: {
        any: [
          awardNamed(["中国科学院院士", "中国工程院院士"]),
          awardNamed(["国家最高科学技术奖"]),
          {
            exists: "awards",
            where: {
              all: [
                { field: "level", op: "eq", value: "national" },
                {
                  field: "name",
                  op: "in",
                  value: ["国家自然科学奖一等奖", "国家技术发明奖一等奖", "国家科学技术进步奖一等奖"],
                },
              ],
            },
          },
        ],
      },
    },
    {
      tier: "B",
      label: { zh: "B 类：国家级领军人才", en: "B: national-level talents" },
      citation: cite(12),
      when: {
        count: "awards",
        where: { field: "level", op: "eq", value: "national" },
        op: "gte",
        value: 1,
        label: { zh: "获得国家级奖项或荣誉", en: "holds a national award or honour" },
      },
    },
    {
      tier: "C",
      label: { zh: "C 类：省级高层次人才", en: "C: provincial-level talents" },
      citation: cite(4),
      when: {
        any: [
          {
            count: "awards",
            where: {
              all: [
                { field: "level", op: "eq", value: "provincial" },
                { field: "year", op: "gte", value: 2015 },
              ],
            },
            op: "gte",
            value: 1,
            label: { zh: "2015 年以来获得省级奖项", en: "a provincial award since 2015" },
          },
          {
            all: [
              { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } },
              { exists: "titles", where: { field: "level", op: "eq", value: "正高" } },
            ],
            label: { zh: "博士且具有正高级职称", en: "a doctorate and a full senior title" },
          },
        ],
      },
    },
    {
      tier: "D",
      label: { zh: "D 类：市级人才及具有职称的博士", en: "D: city-level talents and doctors with titles" },
      citation: cite(11),
      when: {
        any: [
          { exists: "awards", where: { field: "level", op: "eq", value: "city" }, citation: cite(18) },
          {
            all: [
              { exists: "educations", where: { field: "degree", op: "eq", value: "博士" } },
              { exists: "titles", where: { field: "level", op: "in", value: ["正高", "副高"] } },
            ],
            label: { zh: "博士且具有副高级以上职称", en: "a doctorate and a senior title" },
          },
          { exists: "postdocs", where: { field: "completed", op: "eq", value: true }, citation: cite(11) },
        ],
      },
    },
    {
      tier: "E",
      label: { zh: "E 类：硕士及高技能人才", en: "E: masters and skilled technicians" },
      citation: cite(10),
      when: {
        any: [
          { exists: "educations", where: { field: "degree", op: "in", value: ["博士", "硕士"] } },
          {
            exists: "skills",
            where: { field: "level", op: "in", value: ["高级技师", "技师"] },
            citation: cite(17),
          },
        ],
      },
    },
  ],
} as const;
