import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chineseNumeral,
  decodePolicyText,
  type ParsedMeasure,
  type ParsedPolicy,
  PolicyParseError,
  parsePolicy,
} from "../../src/server/modules/policy/parser.js";

const fixturePath = (name: string): string =>
  new URL(`../fixtures/policies/${name}`, import.meta.url).pathname;
const readFixture = (name: string): string =>
  decodePolicyText(new Uint8Array(readFileSync(fixturePath(name))));
// A byte-for-byte copy of /work/shared/seed/yingkou-talent-policy-2017.txt (a real web-page copy).
const seedText = readFileSync(new URL("../../seeds/yingkou-talent-policy-2017.txt", import.meta.url), "utf8");

const allMeasures = (policy: ParsedPolicy): ParsedMeasure[] => policy.sections.flatMap((s) => s.measures);
const measureTable = (policy: ParsedPolicy) =>
  allMeasures(policy).map(({ no, title, lead, responsible, due }) => ({ no, title, lead, responsible, due }));

/** Everything a consumer of the JSON relies on, checked for any input. */
function expectWellFormed(policy: ParsedPolicy, text: string): void {
  const lineCount = text.split(/\r\n|\r|\n|\u2028|\u2029/).length;
  const isLine = (n: number) => Number.isInteger(n) && n >= 1 && n <= lineCount;
  const isName = (s: string) => s.length > 0 && s === s.trim() && !/[\r\n]/.test(s);
  expect(typeof policy.title).toBe("string");
  expect(policy.issuer === null || typeof policy.issuer === "string").toBe(true);
  expect(policy.date === null || /^\d{4}-\d{2}-\d{2}$/.test(policy.date)).toBe(true);
  expect(allMeasures(policy).length).toBeGreaterThan(0);
  for (const section of policy.sections) {
    expect(Number.isInteger(section.no) && section.no >= 0).toBe(true);
    expect(typeof section.title).toBe("string");
    expect(isLine(section.line)).toBe(true);
    for (const m of section.measures) {
      expect(Number.isInteger(m.no) && m.no >= 1).toBe(true);
      expect(isLine(m.line)).toBe(true);
      expect(typeof m.title).toBe("string");
      expect(typeof m.text).toBe("string");
      expect(m.lead.every(isName) && m.responsible.every(isName)).toBe(true);
      expect(new Set(m.lead).size).toBe(m.lead.length);
      expect(new Set(m.responsible).size).toBe(m.responsible.length);
      expect(m.due === null || m.due.length > 0).toBe(true);
    }
  }
  for (const w of policy.warnings) {
    expect(isLine(w.line)).toBe(true);
    expect(w.message.zh.length > 0 && w.message.en.length > 0).toBe(true);
  }
  expect(JSON.parse(JSON.stringify(policy))).toEqual(policy);
}

function parseOrParseError(text: string): ParsedPolicy | null {
  try {
    return parsePolicy(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyParseError);
    return null;
  }
}

describe("chineseNumeral", () => {
  it.each([
    ["一", 1],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十三", 23],
    ["一百", 100],
    ["一百零五", 105],
    ["一百一十", 110],
    ["两千零一十八", 2018],
    ["二〇一七", 2017],
    ["〇五", 5],
    ["7", 7],
    ["23", 23],
    ["１２", 12],
    [" 三 ", 3],
  ])("%s → %i", (input, expected) => {
    expect(chineseNumeral(input)).toBe(expected);
  });

  it.each(["", "十十", "二十三十", "百十", "一百零", "abc", "一a", "三、"])("rejects %j", (input) => {
    expect(chineseNumeral(input)).toBeNull();
  });

  it("reads every number up to 999 written the standard way", () => {
    const digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const write = (n: number): string => {
      const h = Math.floor(n / 100);
      const t = Math.floor((n % 100) / 10);
      const u = n % 10;
      let s = h > 0 ? `${digits[h]}百` : "";
      if (t > 0) s += `${h === 0 && t === 1 ? "" : digits[t]}十`;
      else if (h > 0 && u > 0) s += "零";
      return s + (digits[u] ?? "");
    };
    for (let n = 1; n < 1000; n++) expect(chineseNumeral(write(n))).toBe(n);
  });
});

describe("decodePolicyText", () => {
  const utf8 = new TextEncoder().encode("一、总则");

  it("reads UTF-8 with and without a BOM", () => {
    expect(decodePolicyText(utf8)).toBe("一、总则");
    expect(decodePolicyText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe("一、总则");
  });

  it("reads GB18030 when the bytes are not UTF-8", () => {
    // 人才 in GB18030 (= GBK for these): C8 CB B2 C5; 𠮷 needs four bytes: 95 34 B2 35.
    expect(decodePolicyText(new Uint8Array([0xc8, 0xcb, 0xb2, 0xc5]))).toBe("人才");
    expect(decodePolicyText(new Uint8Array([0x95, 0x34, 0xb2, 0x35]))).toBe("𠮷");
  });

  it("reads UTF-16 with a BOM", () => {
    expect(decodePolicyText(new Uint8Array([0xff, 0xfe, 0xba, 0x4e, 0x4d, 0x62]))).toBe("人才");
    expect(decodePolicyText(new Uint8Array([0xfe, 0xff, 0x4e, 0xba, 0x62, 0x4d]))).toBe("人才");
  });
});

// The seed document is the spec: every unit below was read off the document by hand.
const SEED_MEASURES = [
  {
    no: 1,
    title: "转变政府人才管理职能",
    lead: ["市人力资源社会保障局"],
    responsible: [
      "市编委办",
      "市工信委",
      "市农委",
      "市民政局",
      "市国资委",
      "市科技局",
      "市政府办公室(法制办)",
    ],
  },
  {
    no: 2,
    title: "保障和落实用人主体自主权",
    lead: ["市人力资源社会保障局", "市编委办"],
    responsible: ["市委组织部", "市教育局", "市卫生计生委", "市工信委", "市国资委", "市民政局", "市财政局"],
  },
  {
    no: 3,
    title: "健全市场化、社会化的人才管理服务体系",
    lead: ["市人力资源社会保障局"],
    responsible: ["市民政局", "各相关部门"],
  },
  {
    no: 4,
    title: "推进人才管理改革试验区建设",
    lead: ["中国(辽宁)自由贸易试验区营口片区", "辽宁(营口)沿海产业基地"],
    responsible: [
      "市委组织部",
      "市人力资源社会保障局",
      "市科技局",
      "市发改委",
      "市财政局",
      "市工信委",
      "市商务局",
    ],
  },
  {
    no: 5,
    title: "促进人才顺畅流动",
    lead: ["市委组织部", "市人力资源社会保障局"],
    responsible: ["市公安局", "市编委办", "市工信委", "市国资委", "市农委", "市民政局", "市扶贫办"],
  },
  {
    no: 6,
    title: "创新人才教育培养模式",
    lead: ["市教育局", "市科技局"],
    responsible: ["市工信委", "市发改委", "市人力资源社会保障局", "营口理工学院"],
  },
  {
    no: 7,
    title: "改进创新型科技人才培养支持方式",
    lead: ["市人力资源社会保障局", "市科技局"],
    responsible: ["市教育局", "市财政局", "市工信委", "市农委", "市发改委"],
  },
  {
    no: 8,
    title: "建立符合人才创新规律的科研资金管理机制",
    lead: ["市财政局"],
    responsible: ["市科技局", "市审计局"],
  },
  {
    no: 9,
    title: "优化企业家成长环境",
    lead: ["市国资委", "市工信委"],
    responsible: ["市委组织部", "市科技局", "市委统战部", "市工商联"],
  },
  {
    no: 10,
    title: "创新技术技能人才培养模式",
    lead: ["市人力资源社会保障局", "市教育局"],
    responsible: ["市总工会", "市农委", "市工信委", "市国资委", "市卫生计生委", "市财政局"],
  },
  {
    no: 11,
    title: "促进青年优秀人才脱颖而出",
    lead: ["市人力资源社会保障局"],
    responsible: ["市教育局", "市科技局", "市卫生计生委", "市农委", "市工信委"],
  },
  {
    no: 12,
    title: "加大引进海内外高层次人才力度",
    lead: ["市人力资源社会保障局"],
    responsible: ["市科技局", "市工信委", "市教育局", "市卫生计生委", "市国资委"],
  },
  {
    no: 13,
    title: "完善柔性引才用才政策",
    lead: ["市人力资源社会保障局", "市委组织部"],
    responsible: [
      "市科协",
      "市工信委",
      "市发展改革委",
      "市科技局",
      "市财政局",
      "市工商行政管理局",
      "市公安局",
      "市地税局",
      "市教育局",
      "营口理工学院",
    ],
  },
  {
    no: 14,
    title: "健全工作和服务平台",
    lead: ["市人力资源社会保障局"],
    responsible: ["市教育局", "市科技局", "市公安局"],
  },
  {
    no: 15,
    title: "健全人才分类评价体系",
    lead: ["市人力资源社会保障局"],
    responsible: [
      "市委组织部",
      "市委宣传部",
      "市委统战部",
      "市工信委",
      "市民政局",
      "市农委",
      "市科技局",
      "市教育局",
      "市卫生计生委",
      "市科协",
      "市社科联",
    ],
  },
  {
    no: 16,
    title: "改革职称制度和职业资格制度",
    lead: ["市人力资源社会保障局"],
    responsible: ["市委宣传部", "市民政局", "市农委", "市科技局", "市教育局", "市卫生计生委"],
  },
  {
    no: 17,
    title: "构建技能人才多元评价机制",
    lead: ["市人力资源社会保障局"],
    responsible: ["市总工会", "市科技局"],
  },
  {
    no: 18,
    title: "加大对创新人才激励力度",
    lead: ["市科技局"],
    responsible: ["市财政局", "市国税局", "市发展改革委", "市教育局", "市工信委", "市委组织部"],
  },
  {
    no: 19,
    title: "鼓励和支持人才创新创业",
    lead: ["市人力资源社会保障局"],
    responsible: [
      "市委组织部",
      "市科技局",
      "市财政局",
      "市国税局",
      "市地税局",
      "市政府金融办",
      "市工信委",
      "市国资委",
      "团市委",
    ],
  },
  {
    no: 20,
    title: "完善党管人才工作格局",
    lead: ["市委组织部"],
    responsible: ["市编委办", "市人才工作领导小组成员单位"],
  },
  {
    no: 21,
    title: "深化人才工作目标责任制考核",
    lead: ["市委组织部"],
    responsible: ["市实绩考核办", "市人才工作领导小组成员单位"],
  },
  {
    no: 22,
    title: "完善人才发展投入机制",
    lead: ["市委组织部", "市人力资源社会保障局"],
    responsible: ["市人才工作领导小组成员单位"],
  },
  {
    no: 23,
    title: "加强对人才的团结教育引导服务",
    lead: ["市委组织部"],
    responsible: ["市人才工作领导小组成员单位"],
  },
];

describe("parsePolicy on the Yingkou seed document", () => {
  const policy = parsePolicy(seedText);

  it("finds the title and the publication date, and no issuer", () => {
    expect(policy.title).toBe("营口市关于进一步深化人才发展体制机制改革的实施意见");
    expect(policy.date).toBe("2017-12-21");
    expect(policy.issuer).toBeNull();
  });

  it("finds all seven sections, including the two glued to the end of a unit line", () => {
    expect(policy.sections.map(({ no, title, line }) => ({ no, title, line }))).toEqual([
      { no: 1, title: "指导思想", line: 13 },
      { no: 2, title: "推进人才管理体制改革", line: 17 },
      { no: 3, title: "改进人才培养支持机制", line: 39 },
      { no: 4, title: "改进引才用才机制", line: 65 },
      { no: 5, title: "创新人才评价机制", line: 79 },
      { no: 6, title: "强化人才创新创业激励机制", line: 93 },
      { no: 7, title: "加强对人才工作的领导", line: 103 },
    ]);
    expect(policy.sections.map((s) => s.measures.map((m) => m.no))).toEqual([
      [],
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
      [12, 13, 14],
      [15, 16, 17],
      [18, 19],
      [20, 21, 22, 23],
    ]);
  });

  it("finds all 23 measures with exactly the units the document names", () => {
    expect(measureTable(policy)).toEqual(SEED_MEASURES.map((m) => ({ ...m, due: null })));
  });

  it("keeps the marker as written and the line of each measure", () => {
    const measures = allMeasures(policy);
    expect(measures.map((m) => m.label).slice(0, 3)).toEqual(["(一)", "(二)", "(三)"]);
    expect(measures.at(-1)?.label).toBe("(二十三)");
    expect(measures.map((m) => m.line).slice(0, 5)).toEqual([19, 23, 25, 29, 35]);
  });

  it("gives each measure its full clause text, cleaned, without the unit labels", () => {
    const measures = allMeasures(policy);
    for (const m of measures) {
      expect(m.text.startsWith(`${m.title}。`)).toBe(true);
      expect(m.text).not.toMatch(/牵头单位|责任单位|\s/);
    }
    expect(measures[1]?.text.endsWith("不纳入单位绩效工资总量管理。")).toBe(true);
    expect(measures[2]?.text.endsWith("扩大社会组织人才公共服务覆盖面。")).toBe(true);
    // "人 才管理" was broken by a non-breaking space in the web copy.
    expect(measures[0]?.text).toContain("清理不合时宜的人才管理规范性文件。");
  });

  it("has nothing to warn about", () => {
    expect(policy.warnings).toEqual([]);
  });

  it("produces the JSON contract", () => {
    expectWellFormed(policy, seedText);
    const json = JSON.parse(JSON.stringify(policy)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(["date", "issuer", "sections", "title", "warnings"]);
    expect(json.sections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          no: 2,
          title: "推进人才管理体制改革",
          measures: expect.arrayContaining([
            expect.objectContaining({ no: 1, title: "转变政府人才管理职能", due: null }),
          ]),
        }),
      ]),
    );
  });

  it("parses the same with CRLF line endings and a BOM", () => {
    const crlf = parsePolicy(`\ufeff${seedText.replace(/\n/g, "\r\n")}`);
    expect(measureTable(crlf)).toEqual(measureTable(policy));
    expect(crlf.title).toBe(policy.title);
  });

  it("parses the seed well under 20 ms", () => {
    for (let i = 0; i < 5; i++) parsePolicy(seedText);
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const start = performance.now();
      parsePolicy(seedText);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(times[10]).toBeLessThan(20);
  });
});

describe("parsePolicy on other documents of the family", () => {
  it("sections 一、, measures 1. / 2、 / 3． restarting per section, labels on their own lines", () => {
    const text = readFixture("arabic-measures.txt");
    const policy = parsePolicy(text);
    expectWellFormed(policy, text);
    expect(policy.title).toBe("沈阳市关于加快集聚创新创业人才的若干措施");
    // The signature at the end is the issuer; its date outranks the web page's 发布时间.
    expect(policy.issuer).toBe("中共沈阳市委 沈阳市人民政府");
    expect(policy.date).toBe("2018-03-01");
    expect(policy.sections.map((s) => [s.no, s.title])).toEqual([
      [1, "引进高层次人才"],
      [2, "培养本土人才"],
    ]);
    expect(measureTable(policy)).toEqual([
      {
        no: 1,
        title: "实施顶尖人才引进计划",
        lead: ["市委组织部"],
        responsible: ["市人社局", "市科技局", "市财政局"],
        due: "2018-06-30",
      },
      {
        no: 2,
        title: "支持企业引进急需紧缺人才",
        lead: ["市人社局"],
        responsible: ["市财政局", "市发展改革委"],
        due: "2018-12-31",
      },
      {
        no: 3,
        title: "建立人才引进“绿色通道”",
        lead: ["市公安局"],
        responsible: ["市教育局", "市住房保障局"],
        due: "长期",
      },
      {
        no: 1,
        title: "实施“盛京英才”培养工程",
        lead: ["市人社局"],
        responsible: ["各县（市）区人民政府"],
        due: "长期",
      },
      { no: 2, title: "加强技能人才队伍建设", lead: [], responsible: [], due: null },
      {
        no: 3,
        title: "建设博士后科研工作站",
        lead: ["市人社局"],
        responsible: ["市科技局", "市财政局"],
        due: "2019-09-30",
      },
    ]);
    // Sub-items （1）（2） stay in their measure's text.
    expect(allMeasures(policy)[1]?.text).toContain(
      "\n（1）硕士以上学历人才；\n（2）具有高级职称的专业技术人才。",
    );
    expect(policy.warnings).toEqual([
      {
        line: 7,
        message: {
          zh: "单位标注不在任何措施条目内，已忽略",
          en: "Unit label is not inside any measure and was ignored",
        },
      },
      { line: 34, message: { zh: "措施2.未标注牵头或责任单位", en: "Measure 2. names no units" } },
    ]);
  });

  it("sections 第一部分, measures （1）/(1) with inline role groups", () => {
    const text = readFixture("inline-roles.txt");
    const policy = parsePolicy(text);
    expectWellFormed(policy, text);
    expect(policy.title).toBe("大连市关于深化人才发展体制机制改革的实施方案");
    expect(policy.issuer).toBe("大连市人民政府");
    expect(policy.date).toBe("2018-05-10");
    expect(policy.sections.map((s) => [s.no, s.title, s.measures.length])).toEqual([
      [1, "总体要求", 0],
      [2, "主要任务", 3],
      [3, "保障措施", 2],
    ]);
    expect(measureTable(policy)).toEqual([
      {
        no: 1,
        title: "推进人才管理职能转变",
        lead: ["市人社局"],
        responsible: ["市财政局", "市科技局"],
        due: null,
      },
      {
        no: 2,
        title: "扩大用人主体自主权",
        lead: ["市编委办"],
        responsible: ["市教育局", "市国资委"],
        due: "2018-12-31",
      },
      {
        no: 3,
        title: "完善人才评价机制",
        lead: ["市人社局", "市委组织部"],
        responsible: ["市政府办公室（市法制办）"],
        due: null,
      },
      { no: 4, title: "强化组织领导", lead: [], responsible: ["市委组织部"], due: "长期" },
      { no: 5, title: "加大人才投入", lead: [], responsible: ["市财政局"], due: null },
    ]);
    for (const m of allMeasures(policy)) expect(m.text).not.toMatch(/牵头|配合|负责）|单位：/);
    expect(policy.warnings.map((w) => [w.line, w.message.en])).toEqual([
      [21, "Measure （4） names no lead unit"],
      [23, "Measure （5） names no lead unit"],
    ]);
  });

  it("measures 1、 without sections, CRLF, units wrapped or separated by spaces", () => {
    const text = readFixture("no-sections.txt");
    const policy = parsePolicy(text);
    expectWellFormed(policy, text);
    expect(policy.title).toBe("关于做好2019年度人才服务工作的通知");
    expect(policy.issuer).toBe("锦州市人才工作领导小组办公室");
    expect(policy.date).toBe("2019-02-15");
    expect(policy.sections).toHaveLength(1);
    expect(policy.sections[0]).toMatchObject({ no: 0, title: "", line: 6 });
    expect(measureTable(policy)).toEqual([
      {
        no: 1,
        title: "开展人才服务专员制度试点",
        lead: ["市人力资源社会保障局"],
        responsible: ["市工业和信息化局", "市科学技术局", "各区县人民政府"],
        due: null,
      },
      {
        no: 2,
        title: "建设人才公寓",
        lead: ["市住房和城乡建设局", "市自然资源局"],
        responsible: ["各区县人民政府"],
        due: "2019-12-31",
      },
      { no: 3, title: "优化人才落户服务", lead: [], responsible: ["市公安局"], due: null },
      {
        no: 4,
        title: "举办人才交流活动",
        lead: ["市人力资源社会保障局"],
        responsible: ["市委宣传部", "市财政局"],
        due: null,
      },
    ]);
    expect(policy.warnings.map((w) => w.line)).toEqual([16]);
  });

  it("GB18030 bytes; chapters 第一章 and articles 第一条 with 【】 labels", () => {
    const bytes = new Uint8Array(readFileSync(fixturePath("articles-gb18030.txt")));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const text = decodePolicyText(bytes);
    const policy = parsePolicy(text);
    expectWellFormed(policy, text);
    expect(policy.title).toBe("鞍山市人民政府关于印发鞍山市人才引进办法的通知");
    expect(policy.issuer).toBe("鞍山市人民政府");
    expect(policy.date).toBe("2018-08-20");
    expect(policy.sections.map((s) => [s.no, s.title, s.measures.map((m) => m.no)])).toEqual([
      [1, "总则", [1, 2]],
      [2, "引进措施", [3, 4]],
      [3, "附则", [5]],
    ]);
    const [, , third, fourth] = allMeasures(policy);
    expect(third).toMatchObject({
      label: "第三条",
      title: "对引进的高层次人才给予安家补贴",
      lead: ["市人社局"],
      responsible: ["市财政局", "市住建局"],
      due: "长期",
    });
    expect(third?.text).toContain("𠮷");
    expect(fourth).toMatchObject({
      lead: ["市人社局"],
      responsible: ["市教育局", "市卫健委"],
      due: "2018-12-31",
    });
    // Articles in 总则 and 附则 name no units.
    expect(policy.warnings.map((w) => w.line)).toEqual([6, 8, 22]);
  });
});

/** A one-measure document with the given label lines. */
const oneMeasure = (...labelLines: string[]): string =>
  ["一、主要任务", "（一）落实人才政策。加强统筹。", ...labelLines].join("\n");
const firstMeasure = (text: string): ParsedMeasure | undefined => allMeasures(parsePolicy(text))[0];

describe("parsePolicy: unit lists and labels", () => {
  it.each([
    ["责任单位：市人社局（牵头）、市财政局", ["市人社局"], ["市财政局"]],
    ["责任单位:市人社局(牵头),市财政局", ["市人社局"], ["市财政局"]],
    ["牵头单位：市人社局　市财政局", ["市人社局", "市财政局"], []],
    ["牵头部门：市人社局；责任部门：市财政局；配合单位：市科技局", ["市人社局"], ["市财政局", "市科技局"]],
    ["协办单位：市财政局、市科技局等", [], ["市财政局", "市科技局"]],
    ["责任单位：市人社局牵头，市财政局、市科技局配合", ["市人社局"], ["市财政局", "市科技局"]],
    ["牵头单位：市委 组织部", ["市委组织部"], []],
    ["牵头单位：市委 市政府", ["市委", "市政府"], []],
    ["牵头单位：各县（市、区）政府", ["各县（市、区）政府"], []],
  ])("%s", (labels, lead, responsible) => {
    expect(firstMeasure(oneMeasure(labels))).toMatchObject({ lead, responsible });
  });

  it("joins a unit list that continues on the next line, but not a following paragraph", () => {
    const measure = firstMeasure(oneMeasure("责任单位：市财政局、市科", "技局", "各地要抓好落实。"));
    expect(measure).toMatchObject({ lead: [], responsible: ["市财政局", "市科技局"] });
    expect(measure?.text).toBe("落实人才政策。加强统筹。\n各地要抓好落实。");
  });

  it("follows a unit list over several lines, starting on the line after its label", () => {
    const measure = firstMeasure(
      oneMeasure("牵头单位：", "市人社局、", "市财政局、市科", "技局", "责任单位：市教育局"),
    );
    expect(measure).toMatchObject({ lead: ["市人社局", "市财政局", "市科技局"], responsible: ["市教育局"] });
  });

  it("does not take prose that mentions units for a label", () => {
    const measure = firstMeasure(
      oneMeasure("明确牵头单位和责任单位，责任单位要抓好落实。", "牵头单位：市人社局"),
    );
    expect(measure?.lead).toEqual(["市人社局"]);
    expect(measure?.responsible).toEqual([]);
    expect(measure?.text).toContain("责任单位要抓好落实");
  });

  it("reports a label with nothing after it", () => {
    const policy = parsePolicy(oneMeasure("牵头单位：市人社局", "责任单位："));
    expect(policy.warnings.map((w) => [w.line, w.message.en])).toEqual([
      [4, "Measure （一） has a unit label with no units"],
    ]);
  });

  it("reports a unit label in a section without measures", () => {
    const policy = parsePolicy(
      [
        "一、总体要求",
        "牵头单位：市委组织部",
        "二、主要任务",
        "（一）做好服务。",
        "（二）加强保障。牵头单位：市财政局",
        "（三）强化考核。牵头单位：市委组织部",
      ].join("\n"),
    );
    expect(allMeasures(policy).map((m) => m.lead)).toEqual([[], ["市财政局"], ["市委组织部"]]);
    expect(policy.warnings.map((w) => w.line)).toEqual([2, 4]);
    expect(policy.warnings[0]?.message.zh).toContain("不在任何措施条目内");
  });
});

describe("parsePolicy: time limits", () => {
  it.each([
    ["2018年6月底前", "2018-06-30"],
    ["2018年底前", "2018-12-31"],
    ["2018年年底前完成", "2018-12-31"],
    ["2020年2月底", "2020-02-29"],
    ["2019年3月15日前", "2019-03-15"],
    ["2019年上半年", "2019-06-30"],
    ["2019年第四季度", "2019-12-31"],
    ["2019年", "2019-12-31"],
    ["二〇一九年六月", "2019-06-30"],
    ["2019-05-20", "2019-05-20"],
    ["长期坚持", "长期"],
    ["持续推进", "长期"],
    ["按计划推进", "按计划推进"],
  ])("完成时限：%s → %s", (limit, due) => {
    expect(firstMeasure(oneMeasure("牵头单位：市人社局", `完成时限：${limit}`))?.due).toBe(due);
  });

  it("warns about a time limit it cannot read", () => {
    const policy = parsePolicy(oneMeasure("牵头单位：市人社局", "完成时限：按计划推进"));
    expect(policy.warnings.map((w) => [w.line, w.message.en])).toEqual([
      [4, "Unrecognised time limit: 按计划推进"],
    ]);
  });
});

describe("parsePolicy: structure", () => {
  it("takes the measures from the level that carries the labels (一、 / （一） / 1.)", () => {
    const text = [
      "一、总体要求",
      "（一）指导思想。坚持党管人才。",
      "二、重点任务",
      "（一）引进人才",
      "1.实施引才工程。牵头单位：市人社局",
      "2.建设人才平台。牵头单位：市科技局",
      "（二）培养人才",
      "3.实施培养工程。牵头单位：市教育局",
    ].join("\n");
    const policy = parsePolicy(text);
    expect(
      policy.sections.map((s) => [s.no, s.title, s.measures.map((m) => [m.no, m.title, m.lead[0]])]),
    ).toEqual([
      [1, "总体要求", []],
      [
        2,
        "重点任务",
        [
          [1, "实施引才工程", "市人社局"],
          [2, "建设人才平台", "市科技局"],
          [3, "实施培养工程", "市教育局"],
        ],
      ],
    ]);
  });

  it("keeps numbered sub-items inside their measure", () => {
    const text = [
      "一、重点任务",
      "（一）引进人才。包括：",
      "1.引进领军人才；",
      "2.引进青年人才。",
      "牵头单位：市人社局",
      "（二）培养人才。",
      "牵头单位：市教育局",
    ].join("\n");
    const measures = allMeasures(parsePolicy(text));
    expect(measures.map((m) => [m.no, m.lead])).toEqual([
      [1, ["市人社局"]],
      [2, ["市教育局"]],
    ]);
    expect(measures[0]?.text).toBe("引进人才。包括：\n1.引进领军人才；\n2.引进青年人才。");
  });

  it("keeps sub-items inside measures even when every measure has them", () => {
    const text = [
      "一、重点任务",
      "（一）引进人才。",
      "1.引进领军人才；",
      "2.引进青年人才。",
      "牵头单位：市人社局",
      "（二）培养人才。",
      "1.培养技能人才；",
      "2.培养管理人才。",
      "牵头单位：市教育局",
    ].join("\n");
    expect(allMeasures(parsePolicy(text)).map((m) => [m.no, m.title, m.lead])).toEqual([
      [1, "引进人才", ["市人社局"]],
      [2, "培养人才", ["市教育局"]],
    ]);
  });

  it("takes a single measure per section as a measure, not the section", () => {
    const text = [
      "一、引进",
      "（一）引进人才。牵头单位：市人社局",
      "二、培养",
      "（二）培养人才。牵头单位：市教育局",
    ].join("\n");
    const policy = parsePolicy(text);
    expect(policy.sections.map((s) => [s.no, s.title, s.measures.map((m) => m.lead)])).toEqual([
      [1, "引进", [["市人社局"]]],
      [2, "培养", [["市教育局"]]],
    ]);
  });

  it("without any labels, takes the second-outermost numbering as measures and warns", () => {
    const text = [
      "一、总体要求",
      "（一）坚持党管人才。",
      "（二）坚持人才优先。",
      "二、主要任务",
      "（三）引进人才。",
    ].join("\n");
    const policy = parsePolicy(text);
    expect(policy.sections.map((s) => [s.no, s.measures.map((m) => m.no)])).toEqual([
      [1, [1, 2]],
      [2, [3]],
    ]);
    expect(policy.warnings.map((w) => w.line)).toEqual([2, 3, 5]);
  });

  it("cuts a heading glued after a full stop only when its number continues the sequence", () => {
    const text = [
      "一、任务",
      "（一）引进人才。牵头单位：市人社局。（二）培养人才。牵头单位：市教育局",
      "（三）留住人才。详见（五）。 (七)另行规定。牵头单位：市住建局",
    ].join("\n");
    const measures = allMeasures(parsePolicy(text));
    expect(measures.map((m) => [m.no, m.title, m.lead])).toEqual([
      [1, "引进人才", ["市人社局"]],
      [2, "培养人才", ["市教育局"]],
      [3, "留住人才", ["市住建局"]],
    ]);
  });

  it("warns when measure numbers skip", () => {
    const policy = parsePolicy(["1.甲。牵头单位：市人社局", "3.乙。牵头单位：市人社局"].join("\n"));
    expect(policy.warnings.map((w) => [w.line, w.message.en])).toEqual([
      [2, "Measure number 3 breaks the sequence (previous was 1)"],
    ]);
  });

  it("throws PolicyParseError with a bilingual message when there are no measures", () => {
    for (const text of ["", "   \n\n", "营口市人才政策\n牵头单位：市人社局\n这是一段正文。"]) {
      let caught: unknown;
      try {
        parsePolicy(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(PolicyParseError);
      expect(caught).toMatchObject({ code: "POLICY_NO_MEASURES", name: "PolicyParseError" });
      expect((caught as PolicyParseError).zh).toMatch(/措施/);
      expect((caught as PolicyParseError).en).toMatch(/measures/);
    }
  });

  it("parses a generated 2,000-measure document in under 2 s", () => {
    const lines: string[] = ["某市关于加快人才发展的若干措施", ""];
    let no = 0;
    for (let s = 1; s <= 20; s++) {
      lines.push(`第${s}章 第${s}部分任务`);
      for (let m = 0; m < 100; m++) {
        no++;
        lines.push(
          `${no}.实施第${no}项人才措施。${"加强统筹协调，完善政策体系，".repeat(8)}`,
          `牵头单位：市人社局、市${no}局 责任单位：市财政局、市科技局、`,
          "市教育局",
          "完成时限：2020年6月底前",
        );
      }
    }
    const text = lines.join("\n");
    const start = performance.now();
    const policy = parsePolicy(text);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(allMeasures(policy)).toHaveLength(2000);
    expect(allMeasures(policy)[1999]).toMatchObject({
      no: 2000,
      lead: ["市人社局", "市2000局"],
      responsible: ["市财政局", "市科技局", "市教育局"],
      due: "2020-06-30",
    });
    expect(policy.warnings).toEqual([]);
  });
});

// Pieces of the document family, so random text often hits the interesting paths.
const TOKENS = [
  "一、",
  "二、",
  "（一）",
  "(二)",
  "（三）",
  "1.",
  "2、",
  "（1）",
  "第一章",
  "第二条",
  "第一部分",
  "牵头单位",
  "责任单位:",
  "配合单位：",
  "完成时限：",
  "（市人社局牵头，市财政局配合）",
  "（牵头）",
  "市人社局",
  "市民",
  "政局",
  "、",
  "，",
  ",",
  "。",
  "；",
  " ",
  "\u00a0",
  "\u3000",
  "\n",
  "\r\n",
  "\n\n",
  "(",
  "）",
  "【",
  "2018年6月底前",
  "二〇一七年八月二十日",
  "长期坚持",
  "等",
  "关于",
  "的实施意见",
  "来源：",
  "中共营口市委",
];
const documentish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((parts) => parts.join(""));

describe("parsePolicy fuzz", () => {
  it("arbitrary strings: returns well-formed output or throws PolicyParseError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), documentish), (text) => {
        const policy = parseOrParseError(text);
        if (policy !== null) expectWellFormed(policy, text);
      }),
      { numRuns: 200 },
    );
  });

  const seedLines = seedText.split("\n");
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant("insert" as const),
      at: fc.nat(),
      offset: fc.nat(),
      text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: "binary", maxLength: 3 })),
    }),
  );

  it("the seed with lines deleted or duplicated and characters inserted", () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const lines = [...seedLines];
        for (const e of edits) {
          const at = e.at % Math.max(lines.length, 1);
          const line = lines[at] ?? "";
          if (e.kind === "delete") lines.splice(at, 1);
          else if (e.kind === "duplicate") lines.splice(at, 0, line);
          else
            lines[at] =
              line.slice(0, e.offset % (line.length + 1)) + e.text + line.slice(e.offset % (line.length + 1));
        }
        const text = lines.join("\n");
        const policy = parseOrParseError(text);
        if (policy !== null) expectWellFormed(policy, text);
      }),
      { numRuns: 200 },
    );
  });

  it("deleting one whole measure leaves the others' units untouched", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 22 }), (dropped) => {
        const measureLines = allMeasures(parsePolicy(seedText)).map((m) => m.line);
        const from = (measureLines[dropped] ?? 0) - 1;
        const lines = seedLines.filter((_, i) => i !== from);
        const table = measureTable(parsePolicy(lines.join("\n")));
        const untouched = SEED_MEASURES.filter((_, i) => i !== dropped && i !== dropped - 1);
        for (const m of untouched) expect(table).toContainEqual({ ...m, due: null });
      }),
      { numRuns: 23 },
    );
  });
});
