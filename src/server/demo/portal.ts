import type { Database } from "../db/connect.js";
import { SYSTEM } from "../lib/context.js";
import { parsePolicyBytes } from "../modules/policy/policy.service.js";
import type { ColumnKey } from "../modules/portal/columns.js";
import type { Services } from "../services.js";

// Demo content of the public portal: a handful of articles per column and one publicity notice. The
// reference policy itself becomes the first (pinned) article of 人才政策 in seedPortalPolicyArticle,
// called once the demo policy is imported.

const DAY = 86_400_000;

interface DemoArticle {
  column: ColumnKey;
  title: string;
  source: string;
  daysAgo: number;
  summary?: string;
  paragraphs: string[];
  pinned?: boolean;
}

const p = (paragraphs: string[]) =>
  paragraphs.map((t) => (t.startsWith("##") ? `<h2>${t.slice(2).trim()}</h2>` : `<p>${t}</p>`)).join("\n");

export const DEMO_ARTICLES: readonly DemoArticle[] = [
  {
    column: "talent-policy",
    title: "营口市高层次人才认定办法（试行）",
    source: "市委组织部",
    daysAgo: 20,
    summary: "明确A至E五类高层次人才的认定条件、认定程序和服务保障。",
    paragraphs: [
      "为深入实施人才强市战略，规范高层次人才认定工作，根据《营口市关于进一步深化人才发展体制机制改革的实施意见》，制定本办法。",
      "## 一、认定范围",
      "在我市企事业单位全职工作或以柔性方式引进的各类人才，均可按本办法申请认定。博士后研究人员出站后留营工作的，可直接认定为E类人才。",
      "## 二、认定程序",
      "认定实行“个人申报、单位推荐、部门审核、社会公示”的程序，公示期为7个自然日。认定结果有效期为5年。",
      "## 三、服务保障",
      "认定的高层次人才可享受住房保障、子女入学、配偶就业、医疗保健等“绿色通道”服务。",
    ],
  },
  {
    column: "talent-policy",
    title: "营口市博士后科研工作站建设资助办法",
    source: "市人力资源社会保障局",
    daysAgo: 12,
    paragraphs: [
      "为加快博士后科研工作站建设，吸引博士后研究人员来营创新创业，制定本办法。",
      "新设立的国家级博士后科研工作站给予一次性建站资助50万元，省级博士后创新实践基地给予20万元。",
      "博士后研究人员进站后，按每人每年10万元标准给予生活补助，最长不超过2年；出站后留营工作的，给予一次性安家补贴。",
    ],
  },
  {
    column: "employment-policy",
    title: "2026年高校毕业生就业创业扶持政策解读",
    source: "市人力资源社会保障局",
    daysAgo: 9,
    paragraphs: [
      "高校毕业生到我市企业就业并签订一年以上劳动合同的，可按规定享受就业补贴和社会保险补贴。",
      "毕业五年内的高校毕业生在我市首次创办小微企业的，可申请一次性创业补贴，并享受创业担保贷款及贴息。",
    ],
  },
  {
    column: "employment-policy",
    title: "灵活就业人员社会保险补贴申领指南",
    source: "市人力资源社会保障局",
    daysAgo: 30,
    paragraphs: [
      "就业困难人员和离校两年内未就业的高校毕业生以灵活就业方式就业的，可申请社会保险补贴。",
      "申请人可通过本平台网上申报，也可到户籍所在地街道（乡镇）公共就业服务机构办理。",
    ],
  },
  {
    column: "notices",
    title: "关于开展2026年度营口市高层次人才认定工作的通知",
    source: "市委组织部",
    daysAgo: 5,
    pinned: true,
    paragraphs: [
      "各县（市）区委组织部，市直各单位，各有关企事业单位：",
      "根据《营口市高层次人才认定办法（试行）》，现开展2026年度高层次人才认定工作。申报人可登录营口市人才发展服务平台进行网上申报，申报截止时间为2026年12月31日。",
      "联系电话：0417-2800000。",
    ],
  },
  {
    column: "notices",
    title: "关于组织申报2026年度博士后科研工作站的通知",
    source: "市人力资源社会保障局",
    daysAgo: 15,
    paragraphs: [
      "为做好2026年度博士后科研工作站申报工作，请符合条件的企业于12月20日前通过本平台提交申报材料。",
      "申报单位应具备较强的科研实力和完善的管理制度，能够为博士后研究人员提供必要的科研和生活条件。",
    ],
  },
  {
    column: "publicity",
    title: "2025年度营口市人才工作目标责任制考核结果公告",
    source: "市委组织部",
    daysAgo: 40,
    paragraphs: [
      "根据《营口市人才工作目标责任制考核办法》，经市人才工作领导小组审定，现将2025年度考核结果予以公告。",
      "考核结果为优秀的单位：市人力资源社会保障局、市科技局、鲅鱼圈区。",
    ],
  },
  {
    column: "guide",
    title: "人才服务事项网上办理须知",
    source: "市委组织部",
    daysAgo: 25,
    paragraphs: [
      "人才个人和用人单位在本平台注册后，即可在线申报人才服务事项，查看办理进度和结果。",
      "人才注册须使用本人真实姓名和居民身份证号码；用人单位注册须提供统一社会信用代码。",
    ],
  },
];

/** The demo articles and one running publicity notice (公示) of the talent office. */
export async function seedPortal(database: Database, services: Services): Promise<void> {
  const now = services.portal.now().getTime();
  for (const a of DEMO_ARTICLES) {
    await services.portal.seedArticle({
      column: a.column,
      title: a.title,
      source: a.source,
      summary: a.summary ?? null,
      bodyHtml: p(a.paragraphs),
      publishAt: new Date(now - a.daysAgo * DAY).toISOString(),
      pinned: a.pinned,
    });
  }
  const office = await database.db
    .selectFrom("organisations")
    .select("id")
    .where("name", "=", "市委组织部")
    .executeTakeFirst();
  if (!office) return;
  const publicity = services.publicity;
  await database.db.transaction().execute((trx) =>
    publicity.open(trx, SYSTEM, {
      ownerOrgId: office.id,
      title: "2026年度营口市高层次人才拟认定人选公示",
      body: "经个人申报、单位推荐、部门审核，拟认定以下人员为2026年度营口市高层次人才，现予公示。如有异议，请在公示期内实名提出。",
      sourceKind: "demo",
      sourceId: "2026-high-level-talent",
      days: 7,
      entries: [
        { name: "王海涛", detail: "营口辽海新材料科技有限公司 · 高级工程师 · C类" },
        { name: "李静", detail: "营口市新材料产业研究院 · 博士后 · E类" },
        { name: "欧阳文博", detail: "营口理工学院 · 教授 · B类" },
      ],
    }),
  );
}

/** The imported reference policy (its file's bytes and document id) as the first, pinned article of 人才政策. */
export async function seedPortalPolicyArticle(
  services: Services,
  bytes: Uint8Array,
  documentId: string,
): Promise<void> {
  const { text, parsed } = parsePolicyBytes(bytes);
  await services.portal.seedPolicyArticle({
    text,
    title: parsed.title,
    issuer: parsed.issuer,
    documentId,
    pinned: true,
  });
}
