// The portal's fixed text in Chinese (the source) and English. Content (article titles and bodies,
// item names) is shown as written; only the page chrome, labels and messages are translated here.
// The visitor's choice is the `lang` cookie, set by GET /portal/lang/:lang; Chinese by default.

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];
export const LANG_COOKIE = "lang";

export const isLang = (v: unknown): v is Lang => v === "zh" || v === "en";
/** The language of a request's `lang` cookie; anything else is Chinese. */
export const langOf = (cookie: string | undefined): Lang => (isLang(cookie) ? cookie : "zh");
export const htmlLang = (lang: Lang) => (lang === "zh" ? "zh-CN" : "en");

const zh = {
  siteName: "营口市人才发展服务平台",
  host: "主办：中共营口市委组织部（市人才工作领导小组办公室）",
  skip: "跳到正文",
  login: "登录",
  register: "注册",
  staffLogin: "工作人员登录",
  langSwitch: "语言",
  searchLabel: "搜索文章和办事指南",
  searchPlaceholder: "搜索政策、通知、办事指南",
  search: "搜索",
  columnsNav: "栏目",
  home: "首页",
  crumbsLabel: "所在位置",
  crumbsLead: "所在位置：",
  body: "正文",
  more: "更多",
  pinned: "置顶",
  empty: "暂无内容",
  running: "公示中",
  over: "已结束",
  publicityList: "公示",
  announcements: "公告",
  nextPage: "下一页",
  entryGuide: "办事指南",
  entryGuideText: "事项条件、材料、流程、时限",
  entryApply: "网上申报",
  entryApplyText: "登录后在线办理人才服务事项",
  entryRegister: "注册",
  entryRegisterText: "人才实名注册 · 用人单位注册",
  attachments: "附件",
  structure: "政策结构",
  lead: "牵头：",
  responsible: "责任：",
  source: "来源：",
  publishedAt: "发布时间：",
  views: "点击：",
  searchHint: "请输入要搜索的词语，例如“人才”“博士后”。",
  searchFound: "找到 {total} 条与“{query}”相关的结果",
  searchTitle: "搜索：{query}",
  articles: "文章",
  notFound: "页面不存在",
  notFoundText: "{what}不存在、尚未发布或已撤回。",
  notFoundPage: "您要找的页面",
  notFoundFile: "该文件",
  notFoundColumn: "该栏目",
  notFoundListPage: "该页",
  notFoundArticle: "该文章",
  notFoundAttachment: "该附件",
  notFoundGuide: "该办事指南",
  notFoundNotice: "该公示",
  backHome: "返回首页",
  fixProblems: "请修改以下 {count} 处问题：",
  // publicity page and objection form
  lodgedTitle: "异议已提交",
  lodgedText: "您的异议已转交{org}核实处理，受理编号 {id}。",
  lodgedReason: "异议理由：",
  objectionTitle: "提出异议",
  objectionIntro: "对公示内容有异议的，请在公示期内实名提出，并留下联系方式。异议将转交{org}核实答复。",
  objName: "姓名",
  objContact: "联系方式",
  objContactHint: "手机号码或电子邮箱",
  objReason: "异议理由",
  objReasonHint: "请写明异议的对象和事实依据，最多 2000 字",
  objSubmit: "提交异议",
  objClosed: "公示期已结束，不再受理异议。",
  noticeOrg: "公示单位：",
  noticePeriod: "公示期：{first} 至 {last}（{days} 天）",
  noticeCaption: "公示名单（共 {count} 人，姓名已部分隐去）",
  colNo: "序号",
  colName: "姓名",
  colDetail: "情况",
  // registration
  regTalentTitle: "人才实名注册",
  regEmployerTitle: "用人单位注册",
  regTalentTab: "人才注册",
  regEmployerTab: "用人单位注册",
  regKinds: "注册类型",
  regRealName: "真实姓名",
  regIdNumber: "身份证号码",
  regIdNumberHint: "18 位居民身份证号码，末位可为 X",
  regMobile: "手机号码",
  regOrgName: "单位名称",
  regOrgNameHint: "与营业执照或登记证书一致",
  regUscc: "统一社会信用代码",
  regUsccHint: "18 位，见营业执照",
  regContactName: "联系人",
  regContactMobile: "联系人手机号码",
  regUsername: "登录用户名",
  regUsernameHint: "以字母开头，3–32 位字母、数字、点、下划线或连字符",
  regPassword: "登录密码",
  regPasswordHint: "至少 8 位，包含大写字母、小写字母、数字、符号中的三类",
  regPassword2: "确认密码",
  regSubmit: "注册并登录",
  regHaveAccount: "已有账户？",
  regLogin: "直接登录",
  // service guide
  guideCaption: "已公布的人才服务事项（共 {count} 项）",
  guideColName: "事项名称",
  guideColKind: "类别",
  guideColOrg: "实施部门",
  guideColDays: "承诺时限",
  guideEmpty: "事项清单正在编制，敬请关注。",
  guideNotes: "办事须知",
  workDays: "{days} 个工作日",
  guideMatchText: "{kind} · {org} · 承诺时限 {days} 个工作日",
  guideCode: "事项编码：",
  guideVersion: "版本：第 {version} 版",
  guidePublished: "公布日期：",
  guideKind: "事项类别",
  guideOrg: "实施部门",
  guideApplicants: "服务对象",
  guideConditions: "申请条件",
  guideNoConditions: "不限（符合服务对象即可申请）",
  guideMaterials: "申请材料",
  guideNoMaterials: "无需提交材料",
  required: "（必需）",
  optional: "（可选）",
  guideFlow: "办理流程",
  guideFlowSubmit: "网上提交申请",
  guideFlowDone: "办结",
  guideFlowInstant: "网上提交申请后即时办结",
  guidePromised: "承诺时限",
  guideFee: "收费标准",
  guideFree: "不收费",
  guideFeeAmount: "{amount} 元",
  guideBasis: "设定依据",
  guideMeasures: "政策条款",
  guideApply: "我要申报",
  guideApplyText: "登录后在“我要办事”中选择本事项在线申报；没有账户请先",
  guideAll: "同时符合以下条件：",
  guideAny: "符合以下条件之一：",
  guideNot: "不属于以下情形：",
  listSep: "、",
  "kind.confirmation": "行政确认",
  "kind.payment": "行政给付",
  "kind.public_service": "公共服务",
  "kind.filing": "备案",
  "applicant.talent": "人才个人",
  "applicant.employer": "用人单位",
  "applicant.employer_for_staff": "用人单位（代本单位人才申报）",
  certCheck: "证书查验",
  certHint: "输入证书上的编号（如 YKRC-2026-000123-K7Q4），查验证书真伪和状态。",
  certNumber: "证书编号",
  certSubmit: "查验",
  certNotFound: "查无此证书编号，请核对后重试。",
  certBad: "请输入完整的证书编号。",
  "cert.valid": "有效",
  "cert.expired": "已过有效期",
  "cert.revoked": "已撤销",
  certStatus: "证书状态",
  certHolder: "持证人",
  certSubject: "认定结果",
  certIssuedOn: "发证日期",
  certValidTo: "有效期至",
  certNoExpiry: "长期有效",
  certIssuer: "发证机关",
  certRevokedOn: "撤销日期",
} as const;

export type MsgKey = keyof typeof zh;
/** Every language has every key: a missing English text is a type error. */
export type Dict = { readonly [K in MsgKey]: string };

const en: Dict = {
  siteName: "Yingkou Talent Development Service Platform",
  host: "Run by the Organisation Department of the CPC Yingkou Municipal Committee (Talent Work Office)",
  skip: "Skip to content",
  login: "Sign in",
  register: "Register",
  staffLogin: "Staff sign-in",
  langSwitch: "Language",
  searchLabel: "Search articles and the service guide",
  searchPlaceholder: "Search policies, notices, services",
  search: "Search",
  columnsNav: "Sections",
  home: "Home",
  crumbsLabel: "You are here",
  crumbsLead: "You are here: ",
  body: "Article",
  more: "More",
  pinned: "Pinned",
  empty: "Nothing here yet",
  running: "Open",
  over: "Closed",
  publicityList: "Publicity notices",
  announcements: "Announcements",
  nextPage: "Next page",
  entryGuide: "Service guide",
  entryGuideText: "Conditions, materials, steps and time limits",
  entryApply: "Apply online",
  entryApplyText: "Sign in to apply for talent services online",
  entryRegister: "Register",
  entryRegisterText: "Talents · Employers",
  attachments: "Attachments",
  structure: "Policy structure",
  lead: "Lead: ",
  responsible: "Responsible: ",
  source: "Source: ",
  publishedAt: "Published: ",
  views: "Views: ",
  searchHint: "Enter words to search for, e.g. “人才” or “博士后”.",
  searchFound: "{total} results for “{query}”",
  searchTitle: "Search: {query}",
  articles: "Articles",
  notFound: "Page not found",
  notFoundText: "{what} does not exist, is not published yet or has been withdrawn.",
  notFoundPage: "The page you are looking for",
  notFoundFile: "This file",
  notFoundColumn: "This section",
  notFoundListPage: "This page",
  notFoundArticle: "This article",
  notFoundAttachment: "This attachment",
  notFoundGuide: "This service guide",
  notFoundNotice: "This publicity notice",
  backHome: "Back to the home page",
  fixProblems: "Please correct {count} problem(s):",
  lodgedTitle: "Objection lodged",
  lodgedText: "Your objection has been passed to {org} for review; reference number {id}.",
  lodgedReason: "Reason: ",
  objectionTitle: "Lodge an objection",
  objectionIntro:
    "If you object to this notice, lodge your objection under your real name within the publicity period and leave a way to reach you. {org} will review it and reply.",
  objName: "Name",
  objContact: "Contact",
  objContactHint: "Mobile number or e-mail address",
  objReason: "Reason",
  objReasonHint: "Say whom the objection concerns and on what facts; at most 2000 characters",
  objSubmit: "Lodge objection",
  objClosed: "The publicity period is over; objections are no longer accepted.",
  noticeOrg: "Published by: ",
  noticePeriod: "Period: {first} to {last} ({days} days)",
  noticeCaption: "Names on the notice ({count}, partly hidden)",
  colNo: "No.",
  colName: "Name",
  colDetail: "Details",
  regTalentTitle: "Talent registration",
  regEmployerTitle: "Employer registration",
  regTalentTab: "Talent",
  regEmployerTab: "Employer",
  regKinds: "Registration type",
  regRealName: "Real name",
  regIdNumber: "Resident ID number",
  regIdNumberHint: "18 characters; the last may be X",
  regMobile: "Mobile number",
  regOrgName: "Organisation name",
  regOrgNameHint: "As on the business licence or registration certificate",
  regUscc: "Unified social credit code",
  regUsccHint: "18 characters, on the business licence",
  regContactName: "Contact person",
  regContactMobile: "Contact person's mobile number",
  regUsername: "Username",
  regUsernameHint: "Starts with a letter; 3–32 letters, digits, dots, underscores or hyphens",
  regPassword: "Password",
  regPasswordHint:
    "At least 8 characters, with three of: upper-case letters, lower-case letters, digits, symbols",
  regPassword2: "Confirm password",
  regSubmit: "Register and sign in",
  regHaveAccount: "Already have an account? ",
  regLogin: "Sign in",
  guideCaption: "Published talent services ({count})",
  guideColName: "Service",
  guideColKind: "Type",
  guideColOrg: "Authority",
  guideColDays: "Time limit",
  guideEmpty: "The list of services is being prepared.",
  guideNotes: "Notes",
  workDays: "{days} working days",
  guideMatchText: "{kind} · {org} · time limit {days} working days",
  guideCode: "Code: ",
  guideVersion: "Version {version}",
  guidePublished: "Published: ",
  guideKind: "Type",
  guideOrg: "Authority",
  guideApplicants: "Who may apply",
  guideConditions: "Conditions",
  guideNoConditions: "None (anyone in the groups above may apply)",
  guideMaterials: "Materials",
  guideNoMaterials: "No materials needed",
  required: " (required)",
  optional: " (optional)",
  guideFlow: "Steps",
  guideFlowSubmit: "Apply online",
  guideFlowDone: "Done",
  guideFlowInstant: "Done as soon as the application is submitted online",
  guidePromised: "Time limit",
  guideFee: "Fee",
  guideFree: "Free of charge",
  guideFeeAmount: "CNY {amount}",
  guideBasis: "Legal basis",
  guideMeasures: "Policy clauses",
  guideApply: "Apply",
  guideApplyText:
    "Sign in and choose this service under “我要办事” to apply online; without an account, first",
  guideAll: "All of the following:",
  guideAny: "One of the following:",
  guideNot: "None of the following:",
  listSep: ", ",
  "kind.confirmation": "Administrative confirmation",
  "kind.payment": "Administrative payment",
  "kind.public_service": "Public service",
  "kind.filing": "Filing",
  "applicant.talent": "Individual talents",
  "applicant.employer": "Employers",
  "applicant.employer_for_staff": "Employers (on behalf of their staff)",
  certCheck: "Certificate check",
  certHint:
    "Enter the number printed on the certificate (e.g. YKRC-2026-000123-K7Q4) to check that it is genuine and still valid.",
  certNumber: "Certificate number",
  certSubmit: "Check",
  certNotFound: "No certificate has this number; check it and try again.",
  certBad: "Enter the whole certificate number.",
  "cert.valid": "Valid",
  "cert.expired": "Expired",
  "cert.revoked": "Revoked",
  certStatus: "Status",
  certHolder: "Holder",
  certSubject: "Recognised as",
  certIssuedOn: "Issued on",
  certValidTo: "Valid until",
  certNoExpiry: "No expiry",
  certIssuer: "Issued by",
  certRevokedOn: "Revoked on",
};

const DICTS: Record<Lang, Dict> = { zh, en };

export type Vars = Record<string, string | number>;

/** The text of `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function t(lang: Lang, key: MsgKey, vars?: Vars): string {
  const text = DICTS[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A label from a prefixed family (`kind.…`, `applicant.…`); unknown codes are shown as they are. */
export function labelOf(lang: Lang, prefix: "kind" | "applicant", code: string): string {
  const key = `${prefix}.${code}`;
  return key in zh ? t(lang, key as MsgKey) : code;
}

/** A message given in both languages ({ zh, en }), in the visitor's. */
export const localized = (lang: Lang, m: { zh: string; en: string }) => m[lang] || m.zh;

const WEEKDAYS_ZH = ["日", "一", "二", "三", "四", "五", "六"];
const WEEKDAYS_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const CST_MS = 8 * 3_600_000;

/** 今天是2026年11月27日 星期五 / Today is Friday, 27 November 2026 (China time). */
export function todayText(lang: Lang, now: Date): string {
  const d = new Date(now.getTime() + CST_MS);
  const [y, m, day, w] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay()];
  return lang === "zh"
    ? `今天是${y}年${m + 1}月${day}日 星期${WEEKDAYS_ZH[w]}`
    : `Today is ${WEEKDAYS_EN[w]}, ${day} ${MONTHS_EN[m]} ${y}`;
}

/** Where the switch may send the visitor back to: a path on this site ("/…"), never "//host" or
 * "/\\host" (which browsers read as another host), nor anything with a backslash or a control
 * character (browsers drop tabs and newlines: "/\t/host" is "//host"). Other characters outside
 * printable ASCII are percent-encoded, so the Location header stays valid. */
export function safeNext(next: unknown): string | null {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return null;
  if (!next.startsWith("/") || next.startsWith("//")) return null;
  for (const ch of next) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\" || code < 0x20 || code === 0x7f) return null;
  }
  try {
    return next.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  } catch {
    return null; // a lone surrogate
  }
}

/** What every page needs: the time (for the date in the header), the language and its own address
 * (for the language switch to come back to). */
export interface PageCtx {
  now: Date;
  lang: Lang;
  path: string;
}
