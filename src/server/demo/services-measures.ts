import type { Material } from "../modules/catalogue/catalogue.schema.js";
import type { FormSchema } from "../modules/catalogue/form-schema.js";
import type { DemoItem } from "./demo-item.js";

// Service items for the measures that had only their task (issue 14 item 8): (二) 用人主体自主权,
// (三) 人力资源服务机构, (六) 校企联盟 and 实践基地, (九) 企业家, (十) 实训基地 and 首席技师 / 技能大师,
// (十一) 青年人才, (十九) 创新创业, (二十三) 院士专家服务 and 选树典型. Seeded and linked with DEMO_ITEMS
// (seeds/services.ts). Steps go to the units the measure names; those units are in the demo org tree
// (DEMO_ORGS) and get their officers (deptNN) when the demo policy is imported (seedUnitOfficers).
//
// Rules read the talent profile (engine/rules talentCatalogue); the registry keeps no facts about
// employers (公益二类 category, licences, alliances). For an employer's filing the rule names the
// person the filing is about (the staff hired, the talent paid under an agreement, the master who
// leads a studio): for an employer those conditions read "unknown" and the calculator lists them as
// what must hold; everything about the organisation itself is checked on the materials.
//
// Money: the policy gives no amounts for these measures. Where an item pays, its amount rule is a
// demo figure, said so in the item's guide (金额以年度通知为准) and in the comment above it.

const HRSS = "市人力资源社会保障局";
const FINANCE = "市财政局";
const SCIENCE = "市科技局";
const ORG_DEPT = "市委组织部";
const BIANWEI = "市编委办";
const EDUCATION = "市教育局";
const SASAC = "市国资委";
const MIIT = "市工信委";
/** The policy's name (2017); 市卫健委 today, an alias of it (migration 2026_11_27_0002). */
const HEALTH = "市卫生计生委";

const POLICY_DOC = "营口市关于进一步深化人才发展体制机制改革的实施意见";
const BASIS = `《${POLICY_DOC}》`;
const cite = (article: string) => ({ doc: POLICY_DOC, article });
const label = (zh: string, en: string) => ({ zh, en });
const 元 = (yuan: number) => yuan * 100;

const pdfOrImage: Material["types"] = ["pdf", "jpg", "png"];
const m = (code: string, name: string, required = true, types: Material["types"] = pdfOrImage): Material => ({
  code,
  name,
  required,
  types,
});

const MOBILE = "^1[3-9]\\d{9}$";
const ID_NUMBER = "^[1-9]\\d{5}(18|19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]$";

/** An employer's form: the unit, its contact, and the item's own fields. */
const unitForm = (extra: FormSchema["properties"], required: string[]): FormSchema => ({
  type: "object",
  properties: {
    unitName: { type: "string", title: "单位名称", minLength: 2, maxLength: 100 },
    contact: { type: "string", title: "联系人", minLength: 2, maxLength: 30 },
    contactMobile: { type: "string", title: "联系电话", pattern: MOBILE },
    ...extra,
  },
  required: ["unitName", "contact", "contactMobile", ...required],
  additionalProperties: false,
});

/** A person's form (the talent, or the staff member an employer applies for). */
const personForm = (extra: FormSchema["properties"], required: string[]): FormSchema => ({
  type: "object",
  properties: {
    name: { type: "string", title: "姓名", minLength: 2, maxLength: 30 },
    idNumber: { type: "string", title: "身份证号码", pattern: ID_NUMBER },
    mobile: { type: "string", title: "手机号码", pattern: MOBILE },
    employer: { type: "string", title: "工作单位", minLength: 2, maxLength: 100 },
    ...extra,
  },
  required: ["name", "idNumber", "mobile", ...required],
  additionalProperties: false,
});

const textarea = (title: string, minLength = 10, maxLength = 2000) => ({
  type: "string" as const,
  title,
  minLength,
  maxLength,
  "x-widget": "textarea" as const,
});

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

/** A filing's only step: the unit reviews after the fact (备案即生效); it may revoke. */
const filingCheck = (org: string, days = 10) => ({
  allowSameApprover: false,
  steps: [
    {
      key: "check",
      name: "备案审查",
      kind: "review" as const,
      orgIds: [org],
      role: "officer" as const,
      days,
      actions: ["approve" as const],
    },
  ],
});

// ---- Rules --------------------------------------------------------------------------------------

const fullTimeStaff = (article: string, zh: string, en: string) => ({
  field: "fullTime",
  op: "eq",
  value: true,
  label: label(zh, en),
  citation: cite(article),
});

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

const tierIn = (tiers: string[], article: string, zh: string, en: string) => ({
  field: "tier",
  op: "in",
  value: tiers,
  label: label(zh, en),
  citation: cite(article),
});

const eligibility = (article: string, zh: string, en: string, when: object) => ({
  kind: "eligibility",
  label: label(zh, en),
  citation: cite(article),
  when,
});

// (二) 公益二类 人员控制数 and 自主招聘: the filing is about the unit's own staff, hired full-time under
// the control number; that the unit is 公益二类 is checked by 市编委办 on the 法人证书.
const STAFF_FILING_RULE = (zh: string, en: string) =>
  eligibility(
    "（二）",
    zh,
    en,
    fullTimeStaff(
      "（二）",
      "备案人员为本单位全职聘用人员",
      "the staff filed are employed full-time by the unit",
    ),
  );

// (二) 高层次人才协议工资制: for high-level talents, which the platform knows as a recognised tier.
const AGREED_PAY_RULE = eligibility(
  "（二）",
  "高层次人才协议工资制（年薪制）备案条件",
  "Conditions to file agreed pay (annual salary) for a high-level talent",
  tierIn(
    ["A", "B", "C", "D", "E"],
    "（二）",
    "经认定的高层次人才（A–E 类）",
    "a recognised high-level talent (tier A–E)",
  ),
);

// (三) 人力资源服务机构: the licence is checked on the materials; the rule names the agency's
// full-time professional staff the 许可 requires.
const AGENCY_RULE = eligibility(
  "（三）",
  "人力资源服务机构备案条件",
  "Conditions to file a human-resources service agency",
  fullTimeStaff("（三）", "机构负责人在本机构全职工作", "the agency's head works for it full-time"),
);

// (六) 校企联盟 / (六)(十) 实践（实训）基地: led by a full-time researcher or teacher of the unit; the
// partner agreement and the site are checked by the departments.
const ALLIANCE_RULE = eligibility(
  "（六）",
  "校企协同创新联盟认定条件",
  "Conditions to recognise a school–enterprise alliance",
  fullTimeStaff(
    "（六）",
    "联盟负责人在牵头单位全职工作",
    "the alliance's lead works full-time for the lead unit",
  ),
);
const BASE_RULE = eligibility(
  "（十）",
  "实训（实践）基地认定条件",
  "Conditions to recognise a training base",
  fullTimeStaff("（十）", "基地负责人在本单位全职工作", "the base's head works full-time for the unit"),
);

// (十) 企业首席技师: a senior skilled worker (技师 or 高级技师) of the enterprise.
const CHIEF_TECH_RULE = eligibility(
  "（十）",
  "企业首席技师认定条件",
  "Conditions to recognise a chief technician",
  {
    all: [
      {
        exists: "skills",
        where: { field: "level", op: "in", value: ["技师", "高级技师"] },
        label: label("具有技师或高级技师职业资格", "is a technician or a senior technician"),
        citation: cite("（十）"),
      },
      fullTimeStaff(
        "（十）",
        "在本企业技能岗位全职工作",
        "works full-time in a skilled post of the enterprise",
      ),
    ],
  },
);

// (十) 技能大师工作室: led by a 高级技师 (大工匠).
const MASTER_STUDIO_RULE = eligibility(
  "（十）",
  "技能大师工作室认定条件",
  "Conditions to recognise a skills master studio",
  {
    exists: "skills",
    where: { field: "level", op: "eq", value: "高级技师" },
    label: label("领办人具有高级技师职业资格", "the studio's lead is a senior technician"),
    citation: cite("（十）"),
  },
);

// (九) 企业家: the enterprise's principals, known to the registry as the management category.
const ENTREPRENEUR_RULE = (zh: string, en: string) =>
  eligibility("（九）", zh, en, {
    field: "category",
    op: "eq",
    value: "management",
    label: label(
      "属于企业经营管理人才（企业主要负责人）",
      "an enterprise manager (a principal of the enterprise)",
    ),
    citation: cite("（九）"),
  });

// (十一) 青年人才: the policy does not set the age; 35 is the demo's limit (the year's 申报通知 sets
// it) and the guide says so.
const YOUNG_RULE = eligibility(
  "（十一）",
  "青年人才培养支持项目申报条件",
  "Conditions to apply to the young talent programme",
  {
    all: [
      {
        age: "birthDate",
        op: "lte",
        value: 35,
        label: label(
          "年龄不超过 35 周岁（以年度申报通知为准）",
          "aged 35 or under (the year's notice decides)",
        ),
        citation: cite("（十一）"),
      },
      employedHere("（十一）"),
    ],
  },
);

// (十九) 创新创业: a high-level talent (a recognised tier or a postgraduate degree) starting up in the
// city; the business licence and the incubator agreement are checked on the materials.
const STARTUP_RULE = (zh: string, en: string) =>
  eligibility("（十九）", zh, en, {
    all: [
      {
        any: [
          tierIn(
            ["A", "B", "C", "D", "E"],
            "（十九）",
            "经认定的高层次人才",
            "a recognised high-level talent",
          ),
          {
            exists: "educations",
            where: { field: "degree", op: "in", value: ["博士", "硕士"] },
            label: label("具有硕士及以上学位", "holds a master's degree or a doctorate"),
            citation: cite("（十九）"),
          },
        ],
        label: label("属于高层次人才", "is a high-level talent"),
        citation: cite("（十九）"),
      },
      employedHere("（十九）"),
    ],
  });

// (二十三) 院士专家: the platform's top tiers (A 类 院士等顶尖人才, B 类 国家级领军人才).
const EXPERT_RULE = (zh: string, en: string) =>
  eligibility(
    "（二十三）",
    zh,
    en,
    tierIn(
      ["A", "B"],
      "（二十三）",
      "A–B 类高层次人才（院士专家）",
      "a tier A–B high-level talent (academician or expert)",
    ),
  );

// (二十三) 选树典型: 优秀专家、优秀企业家、杰出科技工作者、营口工匠 — a recognised talent or one with a
// provincial or national award.
const EXEMPLAR_RULE = eligibility(
  "（二十三）",
  "先进典型推荐条件",
  "Conditions to nominate an exemplary talent",
  {
    any: [
      tierIn(["A", "B", "C", "D", "E"], "（二十三）", "经认定的高层次人才", "a recognised high-level talent"),
      {
        exists: "awards",
        where: { field: "level", op: "in", value: ["national", "provincial"] },
        label: label("获得省级及以上奖项", "has a provincial or national award"),
        citation: cite("（二十三）"),
      },
    ],
  },
);

// ---- Amounts (demo figures: the policy gives none) ---------------------------------------------

const DEMO_AMOUNT = (article: string, yuan: number, zh: string, en: string) => ({
  kind: "amount",
  label: label(zh, en),
  citation: cite(article),
  formula: 元(yuan),
});

// ---- Items --------------------------------------------------------------------------------------

export const MEASURE_ITEMS: DemoItem[] = [
  // (二) 保障和落实用人主体自主权 — filings that take effect on submission (备案制管理).
  {
    code: "RC-GY2-BZBA",
    measures: [2],
    content: (org) => ({
      name: "公益二类事业单位人员控制数备案",
      kind: "filing",
      ownerOrgId: org(BIANWEI),
      legalBasis: `${BASIS}(二)：公益二类事业单位探索不纳入编制管理，核定工作人员控制数，自主确定的事项实行备案制管理`,
      applicants: ["employer"],
      eligibility: STAFF_FILING_RULE(
        "公益二类事业单位人员控制数备案条件",
        "Conditions to file a staff control number",
      ),
      amountRule: null,
      materials: [
        m("legal_cert", "事业单位法人证书"),
        m("staffing_plan", "人员控制数及岗位结构方案", true, ["pdf", "docx"]),
        m("board_minutes", "单位领导班子集体决策纪要", false),
      ],
      form: unitForm(
        {
          unitCategory: { type: "string", title: "事业单位类别", enum: ["公益二类", "公益一类", "其他"] },
          sector: { type: "string", title: "行业", enum: ["公立医院", "高校", "科研院所", "其他"] },
          controlNumber: { type: "integer", title: "核定工作人员控制数", minimum: 1, maximum: 20000 },
          staffNow: { type: "integer", title: "现有工作人员数", minimum: 0, maximum: 20000 },
          postStructure: textarea("岗位结构比例（管理/专技/工勤）", 4, 1000),
          effectiveDate: { type: "string", format: "date", title: "执行日期" },
        },
        ["unitCategory", "sector", "controlNumber", "staffNow", "postStructure", "effectiveDate"],
      ),
      workflow: filingCheck(org(BIANWEI)),
      promisedDays: 10,
      feeFen: 0,
      guide:
        "公立医院、高校等公益二类事业单位在核定的工作人员控制数内自主确定人员数量和岗位结构，向机构编制部门备案，提交即生效；市编委办事后审查，不符合规定的撤销备案。",
    }),
  },
  {
    code: "RC-ZZZP-BA",
    measures: [2],
    content: (org) => ({
      name: "事业单位自主招聘备案",
      kind: "filing",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(二)：在选人用人上可由事业单位自主确定的事项不再进行审批，均实行备案制管理`,
      applicants: ["employer"],
      eligibility: STAFF_FILING_RULE("事业单位自主招聘备案条件", "Conditions to file an own recruitment"),
      amountRule: null,
      materials: [
        m("plan", "招聘方案（岗位、条件、程序）", true, ["pdf", "docx"]),
        m("result", "拟聘人员名单及公示情况", true, ["pdf", "xlsx"]),
      ],
      form: unitForm(
        {
          posts: { type: "integer", title: "招聘岗位数", minimum: 1, maximum: 500 },
          persons: { type: "integer", title: "拟聘人数", minimum: 1, maximum: 2000 },
          method: { type: "string", title: "招聘方式", enum: ["考核招聘", "公开招聘", "人才引进"] },
          publicityFrom: { type: "string", format: "date", title: "公示开始日期" },
          summary: textarea("招聘情况说明"),
        },
        ["posts", "persons", "method", "publicityFrom", "summary"],
      ),
      workflow: filingCheck(org(HRSS)),
      promisedDays: 10,
      feeFen: 0,
      guide:
        "事业单位在核定的岗位和控制数内自主招聘的，招聘结果报人社部门备案，提交即生效，人社部门事后审查。",
    }),
  },
  {
    code: "RC-XYGZ-BA",
    measures: [2],
    content: (org) => ({
      name: "高层次人才协议工资制（年薪制）备案",
      kind: "filing",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(二)：鼓励高校、科研院所探索高层次人才协议工资制等分配办法，不纳入单位绩效工资总量管理`,
      applicants: ["employer"],
      eligibility: AGREED_PAY_RULE,
      amountRule: null,
      materials: [
        m("agreement", "协议工资（年薪）协议", true, ["pdf", "docx"]),
        m("recognition", "高层次人才认定证明"),
      ],
      form: unitForm(
        {
          talentName: { type: "string", title: "人才姓名", minLength: 2, maxLength: 30 },
          mode: { type: "string", title: "分配方式", enum: ["协议工资制", "年薪制", "项目工资制"] },
          annualPayYuan: { type: "integer", title: "年度薪酬（元）", minimum: 1, maximum: 100000000 },
          startDate: { type: "string", format: "date", title: "协议开始日期" },
          endDate: { type: "string", format: "date", title: "协议结束日期" },
        },
        ["talentName", "mode", "annualPayYuan", "startDate", "endDate"],
      ),
      workflow: filingCheck(org(HRSS)),
      promisedDays: 10,
      feeFen: 0,
      guide:
        "高校、科研院所等单位对高层次人才实行协议工资制、年薪制的，报人社部门备案，提交即生效；所需薪酬不纳入单位绩效工资总量。",
    }),
  },

  // (三) 人才管理服务体系 — the agencies themselves are kept in the 人力资源服务机构 registry (hr-agencies).
  {
    code: "RC-RLZY-BA",
    measures: [3],
    content: (org) => ({
      name: "人力资源服务机构备案",
      kind: "filing",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(三)：引进和培育高端人才猎头等专业化服务机构，放宽人才服务业准入限制`,
      applicants: ["employer"],
      eligibility: AGENCY_RULE,
      amountRule: null,
      materials: [
        m("business_licence", "营业执照"),
        m("hr_licence", "人力资源服务许可证（经营职业中介活动的）", false),
        m("service_list", "服务项目清单", true, ["pdf", "docx"]),
      ],
      form: unitForm(
        {
          uscc: {
            type: "string",
            title: "统一社会信用代码",
            pattern: "^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
          },
          services: {
            type: "array",
            title: "服务项目",
            items: {
              type: "string",
              enum: ["职业中介", "人才猎头", "人力资源外包", "人才测评", "人力资源培训", "人力资源管理咨询"],
            },
            minItems: 1,
          },
          licenceNo: { type: "string", title: "许可证编号", maxLength: 50 },
        },
        ["uscc", "services"],
      ),
      workflow: filingCheck(org(HRSS)),
      promisedDays: 10,
      feeFen: 0,
      guide:
        "在本市设立的人力资源服务机构（含人才猎头等专业化服务机构）向人社部门备案，提交即生效；备案后纳入人力资源服务机构名录，按年度报送经营情况。",
    }),
  },

  // (六) 产教融合 — 校企联盟 and 实践基地 (认定; the policy pays nothing for them).
  {
    code: "RC-XQLM-RD",
    measures: [6],
    content: (org) => ({
      name: "校企协同创新联盟认定",
      kind: "confirmation",
      ownerOrgId: org(EDUCATION),
      legalBasis: `${BASIS}(六)：加强校企协同创新联盟建设，建设镁质材料、冶金、石化等重点产业校企联盟`,
      applicants: ["employer"],
      eligibility: ALLIANCE_RULE,
      amountRule: null,
      materials: [
        m("agreement", "联盟协议（章程）", true, ["pdf", "docx"]),
        m("members", "成员单位名单", true, ["pdf", "xlsx"]),
        m("plan", "三年建设方案", true, ["pdf", "docx"]),
      ],
      form: unitForm(
        {
          allianceName: { type: "string", title: "联盟名称", minLength: 4, maxLength: 100 },
          industry: {
            type: "string",
            title: "重点产业",
            enum: ["镁质材料", "冶金", "石化", "装备制造", "其他"],
          },
          schools: {
            type: "array",
            title: "合作高校（院所）",
            items: { type: "string", maxLength: 60 },
            minItems: 1,
            maxItems: 10,
          },
          memberCount: { type: "integer", title: "成员单位数", minimum: 2, maximum: 200 },
          goals: textarea("建设目标与合作内容", 20),
        },
        ["allianceName", "industry", "schools", "memberCount", "goals"],
      ),
      workflow: {
        allowSameApprover: true,
        steps: [
          review("review", "受理审查", org(EDUCATION), 10),
          {
            key: "countersign",
            name: "教育、科技部门会签认定",
            kind: "countersign",
            orgIds: [org(EDUCATION), org(SCIENCE)],
            role: "officer",
            days: 10,
            actions: ["approve", "return", "reject"],
          },
        ],
      },
      promisedDays: 30,
      feeFen: 0,
      guide: "高校、科研院所与企业共建的重点产业校企协同创新联盟，由牵头单位申请，教育、科技部门联合认定。",
    }),
  },
  {
    code: "RC-SXJD-RD",
    measures: [6, 10],
    content: (org) => ({
      name: "实训（实践）基地认定",
      kind: "confirmation",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(六)(十)：支持企业建立高校、科研院所实践基地；建立示范性、开放式的培、考、评、鉴一体化公共实训基地，支持职业院校把实训实习基地建在企业`,
      applicants: ["employer"],
      eligibility: BASE_RULE,
      amountRule: null,
      materials: [
        m("site", "场地及设施设备情况", true, ["pdf", "docx"]),
        m("cooperation", "校企合作协议", true, ["pdf", "docx"]),
        m("teachers", "实训指导教师名单", false, ["pdf", "xlsx"]),
      ],
      form: unitForm(
        {
          baseName: { type: "string", title: "基地名称", minLength: 4, maxLength: 100 },
          baseType: {
            type: "string",
            title: "基地类型",
            enum: ["公共实训基地", "企业实训实习基地", "高校科研院所实践基地"],
          },
          occupations: {
            type: "array",
            title: "实训职业（工种）",
            items: { type: "string", maxLength: 50 },
            minItems: 1,
            maxItems: 20,
          },
          stationCount: { type: "integer", title: "实训工位数", minimum: 1, maximum: 10000 },
          traineesPerYear: { type: "integer", title: "年培训能力（人次）", minimum: 1, maximum: 100000 },
        },
        ["baseName", "baseType", "occupations", "stationCount", "traineesPerYear"],
      ),
      workflow: {
        allowSameApprover: true,
        steps: [
          review("review", "材料审查", org(HRSS), 10),
          {
            key: "countersign",
            name: "人社、教育部门会签认定",
            kind: "countersign",
            orgIds: [org(HRSS), org(EDUCATION)],
            role: "officer",
            days: 10,
            actions: ["approve", "return", "reject"],
          },
        ],
      },
      promisedDays: 30,
      feeFen: 0,
      guide:
        "企业、职业院校建设的实训实习基地和公共实训基地，由人社、教育部门认定。政策原文未规定建设补助标准，认定后的支持以年度通知为准。",
    }),
  },

  // (九) 优化企业家成长环境.
  {
    code: "RC-QYJ-PX",
    measures: [9],
    content: (org) => ({
      name: "企业家培训报名",
      kind: "public_service",
      ownerOrgId: org(MIIT),
      legalBasis: `${BASIS}(九)：加强对企业主要负责人的培训`,
      applicants: ["employer_for_staff", "talent"],
      eligibility: ENTREPRENEUR_RULE("企业家培训报名条件", "Conditions to enrol in entrepreneur training"),
      amountRule: null,
      materials: [m("position", "任职证明（营业执照或任职文件）")],
      form: personForm(
        {
          position: {
            type: "string",
            title: "职务",
            enum: ["董事长", "总经理", "副总经理", "其他主要负责人"],
          },
          programme: {
            type: "string",
            title: "培训班次",
            enum: ["现代企业管理研修班", "国际市场开拓专题班", "创新与数字化转型专题班"],
          },
          ownership: {
            type: "string",
            title: "企业性质",
            enum: ["国有企业", "民营企业", "外资企业", "其他"],
          },
        },
        ["employer", "position", "programme", "ownership"],
      ),
      workflow: { allowSameApprover: false, steps: [review("confirm", "报名确认", org(MIIT), 5)] },
      promisedDays: 5,
      feeFen: 0,
      guide:
        "企业主要负责人可本人或由企业报名参加企业家培训，班次和名额以年度培训通知为准，国有企业负责人由市国资委统筹。",
    }),
  },
  {
    code: "RC-YXQYJ-TJ",
    measures: [9, 23],
    content: (org) => ({
      name: "优秀企业家评选推荐",
      kind: "confirmation",
      ownerOrgId: org(SASAC),
      legalBasis: `${BASIS}(九)：营造尊重、关怀、宽容、支持企业家的社会文化环境；(二十三)：选树一批优秀企业家等先进典型`,
      applicants: ["employer_for_staff"],
      eligibility: ENTREPRENEUR_RULE(
        "优秀企业家评选推荐条件",
        "Conditions to nominate an outstanding entrepreneur",
      ),
      amountRule: null,
      materials: [
        m("deeds", "主要事迹材料", true, ["pdf", "docx"]),
        m("performance", "企业近三年经营情况（财务报表）", true, ["pdf", "xlsx"]),
        m("credit", "企业信用情况证明"),
      ],
      form: personForm(
        {
          position: { type: "string", title: "职务", enum: ["董事长", "总经理", "其他主要负责人"] },
          revenueWanYuan: {
            type: "integer",
            title: "上年度营业收入（万元）",
            minimum: 0,
            maximum: 100000000,
          },
          deeds: textarea("主要事迹", 50, 3000),
        },
        ["employer", "position", "revenueWanYuan", "deeds"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [review("review", "资格审查", org(MIIT), 10), review("evaluate", "部门评审", org(SASAC), 15)],
      },
      promisedDays: 30,
      feeFen: 0,
      guide:
        "企业推荐本企业主要负责人参评优秀企业家，工信、国资部门审查评审。专家评审轮次（打分、排序）随评价模块接入，届时在“部门评审”前增加评审环节。",
    }),
  },

  // (十) 技术技能人才 — 首席技师 and 技能大师工作室.
  {
    code: "RC-SXJS-RD",
    measures: [10],
    content: (org) => ({
      name: "企业首席技师认定",
      kind: "confirmation",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(十)：建立完善企业首席技师制度，培养造就一批具有高超技艺、精湛技能的大工匠`,
      applicants: ["employer_for_staff"],
      eligibility: CHIEF_TECH_RULE,
      amountRule: null,
      materials: [
        m("skill_cert", "技师（高级技师）职业资格证书"),
        m("deeds", "技术革新、带徒传技业绩材料", true, ["pdf", "docx"]),
      ],
      form: personForm(
        {
          occupation: { type: "string", title: "职业（工种）", minLength: 2, maxLength: 50 },
          skillLevel: { type: "string", title: "职业资格等级", enum: ["技师", "高级技师"] },
          yearsInPost: { type: "integer", title: "本岗位工作年限", minimum: 0, maximum: 50 },
          apprentices: { type: "integer", title: "带徒人数", minimum: 0, maximum: 500 },
        },
        ["employer", "occupation", "skillLevel", "yearsInPost"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "材料审查", org(HRSS), 10),
          review("approve", "审核认定", org(HRSS), 5, "leader"),
        ],
      },
      promisedDays: 20,
      feeFen: 0,
      guide:
        "企业推荐本企业技能岗位上技艺高超的技师、高级技师为首席技师，人社部门审核认定。激励措施以市技术技能人才激励办法为准。",
    }),
  },
  {
    code: "RC-JNDS-GZS",
    measures: [10],
    content: (org) => ({
      name: "技能大师工作室认定及建设补助",
      kind: "payment",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(十)：研究制定技术技能人才激励办法，建立完善企业首席技师制度，培养造就大工匠`,
      applicants: ["employer"],
      eligibility: MASTER_STUDIO_RULE,
      // Demo figure: the policy gives no amount (金额以年度通知为准).
      amountRule: DEMO_AMOUNT(
        "（十）",
        100_000,
        "技能大师工作室建设补助（演示金额 10 万元，以年度通知为准）",
        "Skills master studio subsidy (demo amount 100,000 yuan; the year's notice decides)",
      ),
      materials: [
        m("master_cert", "领办人高级技师证书"),
        m("plan", "工作室建设方案", true, ["pdf", "docx"]),
        m("site", "场地设备情况", false),
      ],
      form: unitForm(
        {
          studioName: { type: "string", title: "工作室名称", minLength: 4, maxLength: 100 },
          masterName: { type: "string", title: "领办人姓名", minLength: 2, maxLength: 30 },
          occupation: { type: "string", title: "职业（工种）", minLength: 2, maxLength: 50 },
          members: { type: "integer", title: "团队人数", minimum: 3, maximum: 100 },
          plan: textarea("攻关与带徒计划", 20),
        },
        ["studioName", "masterName", "occupation", "members", "plan"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "认定审查", org(HRSS), 10),
          review("funds", "补助资金审核", org(FINANCE), 10),
        ],
      },
      promisedDays: 30,
      feeFen: 0,
      guide:
        "以高级技师为领办人的技能大师工作室，经认定给予建设补助。政策原文未规定补助标准，金额以年度通知为准（演示按 10 万元）。",
    }),
  },

  // (十一) 青年优秀人才.
  {
    code: "RC-QNRC-XM",
    measures: [11],
    content: (org) => ({
      name: "青年人才培养支持项目申报",
      kind: "public_service",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(十一)：建立健全对青年人才普惠性支持措施，加大各类人才工程项目对青年人才培养支持力度`,
      applicants: ["talent", "employer_for_staff"],
      eligibility: YOUNG_RULE,
      amountRule: null,
      materials: [
        m("id_card", "身份证"),
        m("proposal", "项目申报书", true, ["pdf", "docx"]),
        m("recommendation", "单位推荐意见"),
      ],
      form: personForm(
        {
          programme: {
            type: "string",
            title: "申报项目",
            enum: ["青年科技人才托举", "青年技能人才培养", "博士后培养集聚工程", "其他人才工程青年项目"],
          },
          projectName: { type: "string", title: "项目名称", minLength: 4, maxLength: 100 },
          summary: textarea("项目简介", 20),
        },
        ["employer", "programme", "projectName", "summary"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "资格审查", org(HRSS), 10),
          review("approve", "评审确定", org(HRSS), 10, "leader"),
        ],
      },
      promisedDays: 30,
      feeFen: 0,
      guide:
        "在我市工作的青年人才可申报各类人才工程的青年项目。政策原文未规定年龄界限和支持金额，以年度申报通知为准（演示按 35 周岁）。",
    }),
  },

  // (十九) 鼓励和支持人才创新创业 — payments; the policy gives no amounts.
  {
    code: "RC-CYFH-BZ",
    measures: [19],
    content: (org) => ({
      name: "人才创业孵化补贴",
      kind: "payment",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(十九)：健全和完善有利于推动各类高层次人才创新创业的财税、金融等各项扶持政策；打造一批低成本、便利化、开放式的众创空间`,
      applicants: ["talent"],
      eligibility: STARTUP_RULE("人才创业孵化补贴申领条件", "Conditions for the start-up incubation subsidy"),
      // Demo figure: the policy gives no amount (金额以年度通知为准).
      amountRule: DEMO_AMOUNT(
        "（十九）",
        50_000,
        "创业孵化补贴（演示金额 5 万元，以年度通知为准）",
        "Start-up incubation subsidy (demo amount 50,000 yuan; the year's notice decides)",
      ),
      materials: [
        m("licence", "营业执照"),
        m("incubator", "入驻孵化器（众创空间）协议", true, ["pdf", "docx"]),
        m("plan", "创业计划书", true, ["pdf", "docx"]),
      ],
      form: personForm(
        {
          company: { type: "string", title: "创办企业名称", minLength: 4, maxLength: 100 },
          incubator: { type: "string", title: "孵化载体", minLength: 2, maxLength: 100 },
          foundedOn: { type: "string", format: "date", title: "企业成立日期", minimum: "2017-12-21" },
          jobs: { type: "integer", title: "带动就业人数", minimum: 0, maximum: 10000 },
        },
        ["company", "incubator", "foundedOn"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [review("review", "资格审核", org(HRSS), 10), review("funds", "资金审核", org(FINANCE), 10)],
      },
      promisedDays: 25,
      feeFen: 0,
      guide:
        "高层次人才在我市孵化载体中创办企业的，给予创业孵化补贴。政策原文未规定补贴标准，金额以年度通知为准（演示按 5 万元）。",
    }),
  },
  {
    code: "RC-CYDB-TX",
    measures: [19],
    content: (org) => ({
      name: "创业担保贷款贴息",
      kind: "payment",
      ownerOrgId: org(HRSS),
      legalBasis: `${BASIS}(十九)：健全和完善有利于推动各类高层次人才创新创业的财税、金融等各项扶持政策`,
      applicants: ["talent"],
      eligibility: STARTUP_RULE(
        "创业担保贷款贴息申领条件",
        "Conditions for start-up guaranteed loan interest subsidy",
      ),
      // Demo figure (one year's interest subsidy): the policy gives neither rate nor cap (金额以年度通知为准).
      amountRule: DEMO_AMOUNT(
        "（十九）",
        10_000,
        "创业担保贷款贴息（演示金额 1 万元，以年度通知及实际利息为准）",
        "Guaranteed loan interest subsidy (demo amount 10,000 yuan; the notice and the actual interest decide)",
      ),
      materials: [
        m("loan", "创业担保贷款合同", true, ["pdf"]),
        m("interest", "利息结算凭证", true, ["pdf", "jpg", "png"]),
        m("licence", "营业执照"),
      ],
      form: personForm(
        {
          company: { type: "string", title: "创办企业名称", minLength: 4, maxLength: 100 },
          bank: { type: "string", title: "贷款银行", minLength: 2, maxLength: 60 },
          loanYuan: { type: "integer", title: "贷款金额（元）", minimum: 1000, maximum: 10000000 },
          loanFrom: { type: "string", format: "date", title: "贷款起始日" },
          interestYuan: { type: "integer", title: "已付利息（元）", minimum: 1, maximum: 1000000 },
        },
        ["company", "bank", "loanYuan", "loanFrom", "interestYuan"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "贴息资格审核", org(HRSS), 10),
          review("funds", "贴息资金审核", org(FINANCE), 10),
        ],
      },
      promisedDays: 25,
      feeFen: 0,
      guide:
        "人才创业取得创业担保贷款的，按规定给予贴息。政策原文未规定贴息比例和上限，金额以年度通知及实际利息为准（演示按 1 万元）。",
    }),
  },

  // (二十三) 团结教育引导服务 — 绿色通道, 决策咨询, 选树典型.
  {
    code: "RC-YSZJ-TJ",
    measures: [23],
    content: (org) => ({
      name: "院士专家健康体检（绿色通道）",
      kind: "public_service",
      ownerOrgId: org(HEALTH),
      legalBasis: `${BASIS}(二十三)：开辟绿色通道，为院士专家提供健康体检、就医、疗养等优质服务`,
      applicants: ["talent"],
      eligibility: EXPERT_RULE("院士专家健康体检条件", "Conditions for the experts' health check"),
      amountRule: null,
      materials: [m("recognition", "高层次人才认定证明")],
      form: personForm(
        {
          hospital: {
            type: "string",
            title: "体检医院",
            enum: ["营口市中心医院", "营口市第二人民医院", "鲅鱼圈区人民医院"],
          },
          preferredDate: { type: "string", format: "date", title: "期望体检日期" },
          notes: { type: "string", title: "健康情况说明（选填）", maxLength: 500, "x-widget": "textarea" },
        },
        ["hospital", "preferredDate"],
      ),
      workflow: { allowSameApprover: false, steps: [review("arrange", "体检安排", org(HEALTH), 5)] },
      promisedDays: 5,
      feeFen: 0,
      guide: "院士专家（A–B 类高层次人才）每年可预约一次健康体检，卫生健康部门安排定点医院绿色通道。",
    }),
  },
  {
    code: "RC-YSZJ-LY",
    measures: [23],
    content: (org) => ({
      name: "院士专家疗养预约",
      kind: "public_service",
      ownerOrgId: org(ORG_DEPT),
      legalBasis: `${BASIS}(二十三)：开辟绿色通道，为院士专家提供健康体检、就医、疗养等优质服务`,
      applicants: ["talent"],
      eligibility: EXPERT_RULE("院士专家疗养预约条件", "Conditions to book a rest stay for experts"),
      amountRule: null,
      materials: [m("recognition", "高层次人才认定证明")],
      form: personForm(
        {
          period: { type: "string", title: "疗养批次", enum: ["春季批次", "夏季批次", "秋季批次"] },
          companions: { type: "integer", title: "随行家属人数", minimum: 0, maximum: 2 },
        },
        ["period"],
      ),
      workflow: {
        allowSameApprover: false,
        steps: [
          review("review", "资格审核", org(ORG_DEPT), 5),
          review("arrange", "疗养安排", org(HEALTH), 10),
        ],
      },
      promisedDays: 15,
      feeFen: 0,
      guide: "院士专家可预约人才疗养，组织部门审核名额，卫生健康部门安排疗养机构。批次和名额以年度通知为准。",
    }),
  },
  {
    code: "RC-JCZX-ZJ",
    measures: [23],
    content: (org) => ({
      name: "专家决策咨询邀请",
      kind: "public_service",
      ownerOrgId: org(ORG_DEPT),
      legalBasis: `${BASIS}(二十三)：健全专家决策咨询制度，充分发挥新型智库作用`,
      applicants: ["employer"],
      eligibility: eligibility(
        "（二十三）",
        "专家决策咨询邀请条件",
        "Conditions to request expert advice",
        tierIn(
          ["A", "B", "C"],
          "（二十三）",
          "受邀专家为 A–C 类高层次人才",
          "the expert invited is a tier A–C high-level talent",
        ),
      ),
      amountRule: null,
      materials: [m("brief", "咨询事项说明", true, ["pdf", "docx"])],
      form: unitForm(
        {
          topic: { type: "string", title: "咨询题目", minLength: 4, maxLength: 100 },
          field: {
            type: "string",
            title: "咨询领域",
            enum: ["产业发展", "科技创新", "人才政策", "城市建设", "社会治理", "其他"],
          },
          expertName: { type: "string", title: "拟邀请专家（选填）", maxLength: 30 },
          wantedBy: { type: "string", format: "date", title: "期望完成日期" },
          question: textarea("咨询问题", 20),
        },
        ["topic", "field", "wantedBy", "question"],
      ),
      workflow: { allowSameApprover: false, steps: [review("arrange", "专家遴选与安排", org(ORG_DEPT), 10)] },
      promisedDays: 10,
      feeFen: 0,
      guide: "部门和单位可就重大决策事项提出咨询需求，组织部门从专家库遴选院士专家、新型智库开展决策咨询。",
    }),
  },
  {
    code: "RC-XSDX-TJ",
    measures: [23],
    content: (org) => ({
      name: "优秀人才先进典型推荐（选树典型）",
      kind: "confirmation",
      ownerOrgId: org(ORG_DEPT),
      legalBasis: `${BASIS}(二十三)：选树一批优秀专家、优秀企业家、杰出科技工作者、营口工匠等先进典型`,
      applicants: ["employer_for_staff"],
      eligibility: EXEMPLAR_RULE,
      amountRule: null,
      materials: [
        m("deeds", "先进事迹材料", true, ["pdf", "docx"]),
        m("photo", "本人照片", false, ["jpg", "png"]),
      ],
      form: personForm(
        {
          category: {
            type: "string",
            title: "推荐类别",
            enum: ["优秀专家", "优秀企业家", "杰出科技工作者", "营口工匠"],
          },
          deeds: textarea("主要事迹", 50, 3000),
        },
        ["employer", "category", "deeds"],
      ),
      workflow: {
        allowSameApprover: true,
        steps: [
          review("review", "审核推荐", org(ORG_DEPT), 10),
          {
            key: "publicity",
            name: "推荐人选公示",
            kind: "publicity",
            orgIds: [org(ORG_DEPT)],
            role: "officer",
            days: 15,
            actions: ["approve", "reject"],
            publicityDays: 7,
          },
        ],
      },
      promisedDays: 30,
      feeFen: 0,
      guide:
        "用人单位推荐本单位优秀专家、优秀企业家、杰出科技工作者、营口工匠，组织部门审核后公示，公示无异议的列为先进典型宣传。",
    }),
  },
];
