import type { Database } from "../db/connect.js";
import type { Material } from "../modules/catalogue/catalogue.schema.js";
import type { FormSchema } from "../modules/catalogue/form-schema.js";
import type { Services } from "../services.js";
import type { DemoItem } from "./demo-item.js";
import { MEASURE_ITEMS } from "./services-measures.js";

// The demo service catalogue (事项清单) and the holiday calendar. Steps go to organisations that have
// demo accounts (市人力资源社会保障局: officer hrss, leader hrss_leader; 市科技局: officer science;
// 市财政局: officer finance), so the demo and the tests can run every flow end to end. In a real
// deployment 子女入学 would go to the education bureau and 医疗绿色通道 to the health commission.

// ---- Holidays -----------------------------------------------------------------------------------

/** 2026: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号), as we read it; check the
 * dates against the published notice before relying on them in production. */
const HOLIDAYS_2026: [string, "holiday" | "workday", string][] = [
  ["2026-01-01", "holiday", "元旦"],
  ["2026-01-02", "holiday", "元旦"],
  ["2026-01-03", "holiday", "元旦"],
  ["2026-01-04", "workday", "元旦调休上班"],
  ...["15", "16", "17", "18", "19", "20", "21", "22", "23"].map(
    (d) => [`2026-02-${d}`, "holiday", "春节"] as [string, "holiday", string],
  ),
  ["2026-02-14", "workday", "春节调休上班"],
  ["2026-02-28", "workday", "春节调休上班"],
  ["2026-04-04", "holiday", "清明节"],
  ["2026-04-05", "holiday", "清明节"],
  ["2026-04-06", "holiday", "清明节"],
  ...["01", "02", "03", "04", "05"].map(
    (d) => [`2026-05-${d}`, "holiday", "劳动节"] as [string, "holiday", string],
  ),
  ["2026-05-09", "workday", "劳动节调休上班"],
  ["2026-06-19", "holiday", "端午节"],
  ["2026-06-20", "holiday", "端午节"],
  ["2026-06-21", "holiday", "端午节"],
  ["2026-09-25", "holiday", "中秋节"],
  ["2026-09-26", "holiday", "中秋节"],
  ["2026-09-27", "holiday", "中秋节"],
  ...["01", "02", "03", "04", "05", "06", "07"].map(
    (d) => [`2026-10-${d}`, "holiday", "国庆节"] as [string, "holiday", string],
  ),
  ["2026-09-20", "workday", "国庆节调休上班"],
  ["2026-10-10", "workday", "国庆节调休上班"],
];

/** 2027: the State Council's arrangement (with its 调休 days) is usually published in November of the
 * year before and was not at hand; these are only the statutory holidays of 《全国年节及纪念日放假
 * 办法》 (2024 revision) on their 2027 dates (除夕 is 2027-02-05). The talent office completes them
 * from the notice in the holiday calendar page. */
const HOLIDAYS_2027: [string, "holiday" | "workday", string][] = [
  ["2027-01-01", "holiday", "元旦"],
  ["2027-02-05", "holiday", "春节（除夕）"],
  ["2027-02-06", "holiday", "春节"],
  ["2027-02-07", "holiday", "春节"],
  ["2027-02-08", "holiday", "春节"],
  ["2027-04-05", "holiday", "清明节"],
  ["2027-05-01", "holiday", "劳动节"],
  ["2027-05-03", "holiday", "劳动节（5月2日逢周日顺延，以通知为准）"],
  ["2027-06-09", "holiday", "端午节"],
  ["2027-09-15", "holiday", "中秋节"],
  ["2027-10-01", "holiday", "国庆节"],
  ["2027-10-04", "holiday", "国庆节（10月2日、3日逢周末顺延，以通知为准）"],
  ["2027-10-05", "holiday", "国庆节（以通知为准）"],
];

export const DEMO_HOLIDAYS = [...HOLIDAYS_2026, ...HOLIDAYS_2027];

// ---- Catalogue ----------------------------------------------------------------------------------

const pdfOrImage: Material["types"] = ["pdf", "jpg", "png"];
const m = (code: string, name: string, required = true, types: Material["types"] = pdfOrImage): Material => ({
  code,
  name,
  required,
  types,
});

const person: FormSchema["properties"] = {
  name: { type: "string", title: "姓名", minLength: 2, maxLength: 30 },
  // Personal data: checked like the registry (GB 11643), sealed at rest, masked in every view.
  idNumber: { type: "string", format: "idCard", title: "身份证号码" },
  mobile: { type: "string", format: "phone", title: "手机号码" },
  employer: { type: "string", title: "工作单位", minLength: 2, maxLength: 100 },
};

const form = (extra: FormSchema["properties"], required: string[]): FormSchema => ({
  type: "object",
  properties: { ...person, ...extra },
  required: ["name", "idNumber", "mobile", ...required],
  additionalProperties: false,
});

// ---- Eligibility rules ------------------------------------------------------------------------
// Each item's conditions as the calculator, the application's eligibility note and 免申即享 read
// them, in the rule language of engine/rules over the registry profile (modules/registry/profile.ts).
// Citations name the policy by its title and its measures in its own numbering (（十二）). The
// engine has no "to be verified by the office" condition, so what the profile cannot tell is left
// out of a rule and named in the comment above it; the office checks it on the materials.

export const POLICY_DOC = "营口市关于进一步深化人才发展体制机制改革的实施意见";
const cite = (article: string) => ({ doc: POLICY_DOC, article });
const label = (zh: string, en: string) => ({ zh, en });

/** Works for an employer in the city: a current engagement of any kind (full-time or flexible). */
const employedHere = (article: string) => ({
  field: "engagement",
  op: "in",
  value: ["full_time", "advisor", "part_time", "equity"],
  label: label(
    "在本市用人单位工作（全职或柔性）",
    "works for an employer in the city (full-time or flexibly)",
  ),
  citation: cite(article),
});

/** Recognised as a high-level (introduced) talent of some tier. */
const recognised = (tiers: string[], article: string, zh: string, en: string) => ({
  field: "tier",
  op: "in",
  value: tiers,
  label: label(zh, en),
  citation: cite(article),
});

// 高层次人才认定 (四)(十二): an employer in the city and at least one degree or achievement fact the
// 分类认定办法 counts. The tier thresholds of that 办法 (which award, which project) are decided by
// the office on the materials; the rule only says whether there is anything to recognise.
const RD_RULE = {
  kind: "eligibility",
  label: label("高层次人才认定申请条件", "Conditions to apply for high-level talent recognition"),
  citation: cite("（十二）"),
  when: {
    all: [
      employedHere("（十二）"),
      {
        any: [
          {
            exists: "educations",
            where: { field: "degree", op: "in", value: ["博士", "硕士"] },
            label: label("具有硕士及以上学位", "holds a master's degree or a doctorate"),
          },
          {
            exists: "titles",
            where: { field: "level", op: "in", value: ["正高", "副高"] },
            label: label("具有副高级及以上职称", "holds a senior professional title"),
          },
          {
            exists: "awards",
            where: { field: "level", op: "in", value: ["national", "provincial"] },
            label: label("获得省级及以上奖项", "has a provincial or national award"),
          },
          {
            exists: "patents",
            where: { field: "kind", op: "eq", value: "invention" },
            label: label("拥有发明专利", "holds an invention patent"),
          },
          {
            exists: "skills",
            where: { field: "level", op: "eq", value: "高级技师" },
            label: label("具有高级技师职业资格", "is a senior technician"),
          },
        ],
        label: label("具有学历学位或业绩成果", "has a degree or an achievement to recognise"),
        citation: cite("（十二）"),
      },
    ],
  },
};

// 出站博士后副高级职称直接认定 (十一): a completed postdoc, working for an employer in the city. The
// 期满考核合格 (evaluation passed) is on the 考核表 and is checked by the office.
const POSTDOC_RULE = {
  kind: "eligibility",
  label: label(
    "出站博士后直接认定副高级职称条件",
    "Conditions for the direct senior title of a former postdoc",
  ),
  citation: cite("（十一）"),
  when: {
    all: [
      {
        exists: "postdocs",
        where: { field: "completed", op: "eq", value: true },
        label: label("博士后已出站", "has completed a postdoctoral position"),
        citation: cite("（十一）"),
      },
      employedHere("（十一）"),
    ],
  },
};

// 技能竞赛获奖直接认定技师 (十七): a skilled worker with an award. The profile's awards do not say
// whether an award is a 技能大赛 规定奖项; the office checks the certificate.
const SKILLS_RULE = {
  kind: "eligibility",
  label: label(
    "技能竞赛获奖直接认定技师条件",
    "Conditions for direct technician status by a competition award",
  ),
  citation: cite("（十七）"),
  when: {
    all: [
      {
        any: [
          {
            field: "category",
            op: "eq",
            value: "skills",
            label: label("属于技能人才", "is in the skills category"),
          },
          { exists: "skills", label: label("持有职业技能等级", "holds a skill level") },
        ],
        label: label("在技能岗位工作的技能人才", "a skilled worker"),
        citation: cite("（十七）"),
      },
      {
        exists: "awards",
        label: label("在省、市技能大赛中获得奖项", "has an award of a provincial or city skills competition"),
        citation: cite("（十七）"),
      },
    ],
  },
};

// 柔性引进人才备案 (十三): filed by the employer for a talent engaged flexibly (顾问指导、短期兼职、技术
// 入股); the facts are the talent's. The agreement's content is checked on filing.
const FLEXIBLE_RULE = {
  kind: "eligibility",
  label: label("柔性引进人才备案条件", "Conditions to file a flexibly engaged talent"),
  citation: cite("（十三）"),
  when: {
    field: "engagement",
    op: "in",
    value: ["advisor", "part_time", "equity"],
    label: label(
      "以顾问指导、短期兼职或技术入股方式柔性引进",
      "engaged as an advisor, part-time or by equity",
    ),
    citation: cite("（十三）"),
  },
};

// 子女入学 / 配偶就业 (十四): for 引进人才, which the platform knows as a recognised tier. The child's and
// the spouse's details are not in the registry; the office checks them on the materials.
const FAMILY_RULE = (zh: string, en: string) => ({
  kind: "eligibility",
  label: label(zh, en),
  citation: cite("（十四）"),
  when: recognised(
    ["A", "B", "C", "D", "E"],
    "（十四）",
    "经认定的引进人才（A–E 类）",
    "a recognised introduced talent (tier A–E)",
  ),
});

// 医疗绿色通道 (十四)(二十三): A–C tier high-level talents (the item's scope); family members are named on
// the form and not in the registry.
const MEDICAL_RULE = {
  kind: "eligibility",
  label: label("高层次人才医疗绿色通道条件", "Conditions for the medical green channel"),
  citation: cite("（二十三）"),
  when: recognised(["A", "B", "C"], "（二十三）", "A–C 类高层次人才", "a tier A–C high-level talent"),
};

// 科技人才创新项目启动经费 (七): an innovative scientist (research category) working in the city. The
// project's 立项 is the approval uploaded with the application and is checked by 市科技局.
const SCIENCE_RULE = {
  kind: "eligibility",
  label: label("科技人才创新项目启动经费申请条件", "Conditions for innovation project start-up funds"),
  citation: cite("（七）"),
  when: {
    all: [
      {
        field: "category",
        op: "in",
        value: ["basic_research", "applied_research"],
        label: label(
          "属于创新型科技人才（基础研究或应用研究）",
          "an innovative scientist (basic or applied research)",
        ),
        citation: cite("（七）"),
      },
      employedHere("（七）"),
    ],
  },
};

export type { DemoItem };

const HRSS = "市人力资源社会保障局";
const SCIENCE = "市科技局";
const FINANCE = "市财政局";

const review = (
  key: string,
  name: string,
  org: string,
  days: number,
  role: "officer" | "leader" = "officer",
) => ({
  key,
  name,
  kind: "review" as const,
  orgIds: [org],
  role,
  days,
  actions: ["approve" as const, "return" as const, "reject" as const],
});

export const DEMO_ITEMS: DemoItem[] = [
  {
    code: "RC-GCCRC-RD",
    measures: [4, 12],
    content: (org) => ({
      name: "高层次人才认定",
      kind: "confirmation",
      ownerOrgId: org(HRSS),
      legalBasis:
        "《营口市关于进一步深化人才发展体制机制改革的实施意见》(四)(十二)；营口市高层次人才分类认定办法",
      applicants: ["talent", "employer_for_staff"],
      eligibility: RD_RULE,
      amountRule: null,
      materials: [
        m("id_card", "身份证"),
        m("degree", "学历学位证书"),
        m("achievements", "业绩成果证明（获奖、专利、论文、项目）", true, ["pdf", "docx"]),
        m("contract", "劳动合同或聘用证明"),
      ],
      form: form(
        {
          category: { type: "string", title: "申报类别", enum: ["A类", "B类", "C类", "D类", "E类"] },
          field: {
            type: "string",
            title: "专业领域",
            enum: ["新材料", "装备制造", "现代农业", "医药健康", "数字经济", "其他"],
          },
          arrivalDate: { type: "string", format: "date", title: "来营工作时间", minimum: "2000-01-01" },
          highestDegree: {
            type: "string",
            title: "最高学历",
            enum: ["博士研究生", "硕士研究生", "大学本科", "其他"],
          },
          achievements: {
            type: "string",
            title: "主要业绩",
            minLength: 20,
            maxLength: 2000,
            "x-widget": "textarea",
          },
        },
        ["employer", "category", "field", "arrivalDate", "achievements"],
      ),
      // The demo has one officer per department: the officer who reviews also signs the countersign for
      // 市人社局, so this item lets one person approve consecutive steps.
      workflow: {
        allowSameApprover: true,
        steps: [
          review("review", "受理初审", org(HRSS), 5),
          {
            key: "countersign",
            name: "部门会签",
            kind: "countersign",
            orgIds: [org(HRSS), org(SCIENCE)],
            role: "officer",
            days: 5,
            actions: ["approve", "return", "reject"],
          },
        ],
      },
      promisedDays: 15,
      feeFen: 0,
      guide: "符合高层次人才分类认定标准的人才，可本人或由用人单位代为申请。认定结果作为享受人才待遇的依据。",
      // Approval writes the tier to the registry, valid five years (认定有效期五年).
      outcome: {
        kind: "tier",
        field: "category",
        map: { A类: "A", B类: "B", C类: "C", D类: "D", E类: "E" },
        validYears: 5,
      },
    }),
  },
  {
    code: "RC-BSH-FGJ",
    measures: [11, 16],
    content: (org) => ({
      name: "出站博士后副高级职称直接认定",
      kind: "confirmation",
      ownerOrgId: org(HRSS),
      legalBasis: "《营口市关于进一步深化人才发展体制机制改革的实施意见》(十一)(十六)",
      applicants: ["talent"],
      eligibility: POSTDOC_RULE,
      amountRule: null,
      materials: [
        m("id_card", "身份证"),
        m("postdoc_cert", "博士后出站证明"),
        m("evaluation", "博士后工作期满考核表", true, ["pdf", "docx"]),
      ],
      form: form(
        {
          station: { type: "string", title: "博士后工作站（流动站）", minLength: 2, maxLength: 100 },
          exitDate: { type: "string", format: "date", title: "出站时间" },
          series: {
            type: "string",
            title: "申报职称系列",
            enum: ["工程", "自然科学研究", "卫生", "高等学校教师", "经济"],
          },
        },
        ["employer", "station", "exitDate", "series"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "资格审查", org(HRSS), 5),
          review("approve", "审核认定", org(HRSS), 5, "leader"),
        ],
      },
      promisedDays: 15,
      feeFen: 0,
      guide: "在站期间业绩突出、期满考核合格的出站博士后，到我市工作的，可直接认定副高级专业技术职称。",
      outcome: { kind: "title", level: "副高级", nameField: "series" },
    }),
  },
  {
    code: "RC-JNJS-JS",
    measures: [17],
    content: (org) => ({
      name: "技能竞赛获奖直接认定技师",
      kind: "confirmation",
      ownerOrgId: org(HRSS),
      legalBasis: "《营口市关于进一步深化人才发展体制机制改革的实施意见》(十七)",
      applicants: ["talent", "employer_for_staff"],
      eligibility: SKILLS_RULE,
      amountRule: null,
      materials: [m("id_card", "身份证"), m("award", "获奖证书"), m("employment", "在岗证明")],
      form: form(
        {
          competition: { type: "string", title: "竞赛名称", minLength: 4, maxLength: 100 },
          level: {
            type: "string",
            title: "竞赛级别",
            enum: ["国家级一类", "国家级二类", "省级一类", "省级二类", "市级"],
          },
          rank: { type: "integer", title: "获奖名次", minimum: 1, maximum: 20 },
          occupation: { type: "string", title: "职业（工种）", minLength: 2, maxLength: 50 },
          awardDate: { type: "string", format: "date", title: "获奖时间" },
        },
        ["employer", "competition", "level", "rank", "occupation", "awardDate"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "材料审查", org(HRSS), 5),
          review("approve", "审核认定", org(HRSS), 3, "leader"),
        ],
      },
      promisedDays: 10,
      feeFen: 0,
      guide: "在省级及以上职业技能竞赛中获得规定名次的选手，可直接认定技师职业资格。",
      outcome: { kind: "skill", level: "技师", nameField: "occupation" },
    }),
  },
  {
    code: "RC-LXYC-BA",
    measures: [13],
    content: (org) => ({
      name: "柔性引进人才备案",
      kind: "filing",
      ownerOrgId: org(HRSS),
      legalBasis: "《营口市关于进一步深化人才发展体制机制改革的实施意见》(二)(十三)；用人单位备案制",
      applicants: ["employer"],
      eligibility: FLEXIBLE_RULE,
      amountRule: null,
      materials: [
        m("agreement", "柔性引进协议", true, ["pdf", "docx"]),
        m("resume", "人才简历", false, ["pdf", "docx"]),
      ],
      form: {
        type: "object",
        properties: {
          talentName: { type: "string", title: "引进人才姓名", minLength: 2, maxLength: 30 },
          mode: { type: "string", title: "引进方式", enum: ["顾问指导", "短期兼职", "技术入股", "项目合作"] },
          startDate: { type: "string", format: "date", title: "开始日期" },
          endDate: { type: "string", format: "date", title: "结束日期" },
          daysPerYear: { type: "integer", title: "每年在营工作天数", minimum: 1, maximum: 366 },
          content: {
            type: "string",
            title: "合作内容",
            minLength: 10,
            maxLength: 1000,
            "x-widget": "textarea",
          },
        },
        required: ["talentName", "mode", "startDate", "endDate", "content"],
        additionalProperties: false,
      },
      workflow: {
        allowSameApprover: false,
        steps: [
          {
            key: "check",
            name: "备案审查",
            kind: "review",
            orgIds: [org(HRSS)],
            role: "officer",
            days: 10,
            actions: ["approve"],
          },
        ],
      },
      promisedDays: 10,
      feeFen: 0,
      guide: "用人单位柔性引进人才的，提交备案即生效；人社部门事后审查，发现不符合规定的撤销备案。",
    }),
  },
  {
    code: "RC-ZNRX",
    measures: [14],
    content: (org) => ({
      name: "引进人才子女入学",
      kind: "public_service",
      ownerOrgId: org(HRSS),
      legalBasis: "《营口市关于进一步深化人才发展体制机制改革的实施意见》(十四)",
      applicants: ["talent"],
      eligibility: FAMILY_RULE("引进人才子女入学条件", "Conditions for school places for children"),
      amountRule: null,
      materials: [
        m("recognition", "人才认定证明"),
        m("household", "户口簿或出生证明"),
        m("residence", "居住证明", false),
      ],
      form: form(
        {
          childName: { type: "string", title: "子女姓名", minLength: 2, maxLength: 30 },
          childBirthDate: { type: "string", format: "date", title: "子女出生日期" },
          stage: { type: "string", title: "入学阶段", enum: ["幼儿园", "小学", "初中", "高中"] },
          preferredSchools: {
            type: "array",
            title: "意向学校",
            items: { type: "string", maxLength: 50 },
            minItems: 1,
            maxItems: 3,
          },
        },
        ["childName", "childBirthDate", "stage", "preferredSchools"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "资格审查", org(HRSS), 5),
          review("arrange", "协调安排", org(HRSS), 10, "leader"),
        ],
      },
      promisedDays: 20,
      feeFen: 0,
      guide: "经认定的引进人才，其子女需在我市入学的，按照就近就便原则协调安排。",
    }),
  },
  {
    code: "RC-POJY",
    measures: [14],
    content: (org) => ({
      name: "引进人才配偶就业安置",
      kind: "public_service",
      ownerOrgId: org(HRSS),
      legalBasis: "《营口市关于进一步深化人才发展体制机制改革的实施意见》(十四)",
      applicants: ["talent"],
      eligibility: FAMILY_RULE("引进人才配偶就业安置条件", "Conditions for spouse employment support"),
      amountRule: null,
      materials: [
        m("recognition", "人才认定证明"),
        m("marriage", "结婚证"),
        m("spouse_resume", "配偶简历", true, ["pdf", "docx"]),
      ],
      form: form(
        {
          spouseName: { type: "string", title: "配偶姓名", minLength: 2, maxLength: 30 },
          spouseEducation: {
            type: "string",
            title: "配偶学历",
            enum: ["博士研究生", "硕士研究生", "大学本科", "大学专科", "其他"],
          },
          previousEmployer: { type: "string", title: "配偶原工作单位", maxLength: 100 },
          wishes: {
            type: "array",
            title: "就业意向",
            items: { type: "string", enum: ["机关事业单位", "国有企业", "民营企业", "自主创业"] },
            minItems: 1,
          },
        },
        ["spouseName", "spouseEducation", "wishes"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "资格审查", org(HRSS), 5),
          review("arrange", "岗位推荐与安置", org(HRSS), 15, "leader"),
        ],
      },
      promisedDays: 25,
      feeFen: 0,
      guide: "引进人才配偶随调随迁的，按照对口安置、双向选择的原则协助就业。",
    }),
  },
  {
    code: "RC-YLLS",
    measures: [14, 23],
    content: (org) => ({
      name: "高层次人才医疗绿色通道",
      kind: "public_service",
      ownerOrgId: org(HRSS),
      legalBasis: "《营口市关于进一步深化人才发展体制机制改革的实施意见》(十四)(二十三)",
      applicants: ["talent"],
      eligibility: MEDICAL_RULE,
      amountRule: null,
      materials: [m("recognition", "高层次人才认定证明")],
      form: form(
        {
          hospital: {
            type: "string",
            title: "定点医院",
            enum: ["营口市中心医院", "营口市第二人民医院", "鲅鱼圈区人民医院"],
          },
          includeFamily: { type: "boolean", title: "是否为配偶及父母办理" },
        },
        ["hospital"],
      ),
      workflow: { allowSameApprover: false, steps: [review("review", "审核发卡", org(HRSS), 3)] },
      promisedDays: 3,
      feeFen: 0,
      guide: "A–C 类高层次人才可办理医疗绿色通道服务卡，享受预约诊疗、优先就诊等服务。",
    }),
  },
  {
    code: "RC-KJQD",
    measures: [7],
    content: (org) => ({
      name: "科技人才创新项目启动经费",
      kind: "payment",
      ownerOrgId: org(SCIENCE),
      legalBasis:
        "《营口市关于进一步深化人才发展体制机制改革的实施意见》(七)：立项即给予启动经费，验收合格后给予奖励经费",
      applicants: ["talent", "employer"],
      eligibility: SCIENCE_RULE,
      amountRule: { kind: "amount", formula: 20000000 },
      materials: [
        m("proposal", "项目申报书", true, ["pdf", "docx"]),
        m("budget", "经费预算表", true, ["xlsx", "pdf"]),
        m("approval", "立项批复", true),
      ],
      form: form(
        {
          projectName: { type: "string", title: "项目名称", minLength: 4, maxLength: 100 },
          field: {
            type: "string",
            title: "技术领域",
            enum: ["新材料", "装备制造", "电子信息", "生物医药", "节能环保"],
          },
          budgetYuan: { type: "integer", title: "项目总预算（元）", minimum: 10000, maximum: 100000000 },
          startDate: { type: "string", format: "date", title: "计划开始日期" },
          summary: {
            type: "string",
            title: "项目简介",
            minLength: 20,
            maxLength: 2000,
            "x-widget": "textarea",
          },
        },
        ["employer", "projectName", "field", "budgetYuan", "startDate", "summary"],
      ),
      workflow: {
        // 市科技局 has one officer in the demo, who both reviews and closes the publicity.
        allowSameApprover: true,
        steps: [
          review("review", "项目审查", org(SCIENCE), 10),
          {
            key: "publicity",
            name: "立项公示",
            kind: "publicity",
            orgIds: [org(SCIENCE)],
            role: "officer",
            days: 10,
            actions: ["approve", "reject"],
            publicityDays: 5,
          },
          review("funds", "经费审核", org(FINANCE), 10),
        ],
      },
      promisedDays: 30,
      feeFen: 0,
      guide: "科技人才创新项目立项后拨付启动经费（20 万元），验收合格后拨付奖励经费。",
    }),
  },
];

/** Publishes the demo catalogue and the holiday calendar (an empty catalogue only). */
export async function seedServices(database: Database, services: Services): Promise<void> {
  const existing = await database.db.selectFrom("service_items").select("id").limit(1).executeTakeFirst();
  if (existing) return;
  for (const [date, kind, name] of DEMO_HOLIDAYS) await services.holidays.put(null, date, { kind, name });
  const orgs = await database.db.selectFrom("organisations").select(["id", "name"]).execute();
  const byName = new Map(orgs.map((o) => [o.name, o.id]));
  const org = (name: string) => {
    const id = byName.get(name);
    if (!id) throw new Error(`demo catalogue: no organisation ${name}`);
    return id;
  };
  for (const item of [...DEMO_ITEMS, ...MEASURE_ITEMS]) {
    const created = await services.catalogue.create(null, { code: item.code, content: item.content(org) });
    await services.catalogue.publish(null, created.id);
  }
  await linkServiceMeasures(services);
}

/** Links the demo items to the measures of the imported demo policy (when it has been imported). */
export async function linkServiceMeasures(services: Services): Promise<void> {
  await services.catalogue.linkMeasuresByNumber(
    "yingkou-talent-policy-2017.txt",
    [...DEMO_ITEMS, ...MEASURE_ITEMS].map((item) => ({ code: item.code, measureNos: item.measures })),
  );
}
