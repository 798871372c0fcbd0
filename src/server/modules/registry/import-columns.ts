// The columns of the registry's Excel templates, in template order, with the Chinese headers users
// see (the import matches headers exactly, in any order) and the words accepted in each cell.

export interface Column<K extends string> {
  key: K;
  header: string;
  required: boolean;
  /** Shown on the template's 说明 sheet. */
  note: string;
  width?: number;
}

export const TALENT_COLUMNS = [
  { key: "name", header: "姓名", required: true, note: "必填" },
  { key: "idType", header: "证件类型", required: false, note: "身份证 或 护照；不填为身份证" },
  {
    key: "idNumber",
    header: "证件号码",
    required: true,
    note: "必填；请设置为文本格式，否则18位号码会丢失精度",
    width: 22,
  },
  {
    key: "gender",
    header: "性别",
    required: false,
    note: "男/女；身份证可不填（自动识别），填写则须与证件一致",
  },
  {
    key: "birthDate",
    header: "出生日期",
    required: false,
    note: "yyyy-mm-dd；身份证可不填，填写则须与证件一致",
  },
  { key: "phone", header: "手机号码", required: false, note: "11位手机号码" },
  { key: "bankAccount", header: "银行账号", required: false, note: "12-30位数字", width: 24 },
  {
    key: "employerUscc",
    header: "用人单位统一社会信用代码",
    required: false,
    note: "须为已登记的用人单位",
    width: 22,
  },
  {
    key: "engagement",
    header: "工作方式",
    required: false,
    note: "全职/顾问指导/短期兼职/技术入股；填写用人单位时默认全职",
  },
  { key: "engagementStart", header: "工作开始日期", required: false, note: "yyyy-mm-dd；不填为来营日期" },
  {
    key: "category",
    header: "人才类别",
    required: false,
    note: "基础研究/应用研究和技术开发/哲学社会科学/技能/教师/医生/企业经营管理/农村实用",
  },
  { key: "industry", header: "所属产业", required: false, note: "" },
  { key: "arrivalDate", header: "来营日期", required: false, note: "yyyy-mm-dd" },
  { key: "degree", header: "最高学位", required: false, note: "博士/硕士/学士/大专" },
  { key: "school", header: "毕业院校", required: false, note: "填写最高学位时必填" },
  { key: "major", header: "专业", required: false, note: "" },
  { key: "graduationYear", header: "毕业年份", required: false, note: "四位年份" },
  { key: "titleName", header: "职称名称", required: false, note: "如：高级工程师" },
  { key: "titleLevel", header: "职称级别", required: false, note: "正高/副高/中级/初级；填写职称名称时必填" },
  { key: "skillName", header: "职业（工种）", required: false, note: "" },
  { key: "skillLevel", header: "职业技能等级", required: false, note: "高级技师/技师/高级工/中级工/初级工" },
  { key: "salaryYearly", header: "上年度工资薪金（元）", required: false, note: "最多两位小数" },
  { key: "taxYearly", header: "上年度个人所得税（元）", required: false, note: "最多两位小数" },
] as const satisfies readonly Column<string>[];
export type TalentColumn = (typeof TALENT_COLUMNS)[number]["key"];

export const EMPLOYER_COLUMNS = [
  { key: "name", header: "单位名称", required: true, note: "必填", width: 36 },
  { key: "uscc", header: "统一社会信用代码", required: true, note: "必填，18位", width: 22 },
  { key: "kind", header: "单位类型", required: true, note: "企业/高校/医院/科研院所/中小学校/事业单位/其他" },
  { key: "industry", header: "所属产业", required: false, note: "" },
  { key: "regionCode", header: "行政区划代码", required: false, note: "6位，如 210804" },
  { key: "contactName", header: "联系人", required: false, note: "" },
  { key: "contactPhone", header: "联系电话", required: false, note: "11位手机号码" },
] as const satisfies readonly Column<string>[];
export type EmployerColumn = (typeof EMPLOYER_COLUMNS)[number]["key"];

export const ID_TYPE_WORDS: Record<string, "resident" | "passport"> = {
  身份证: "resident",
  居民身份证: "resident",
  护照: "passport",
};
export const GENDER_WORDS: Record<string, "male" | "female"> = { 男: "male", 女: "female" };
export const ENGAGEMENT_WORDS: Record<string, string> = {
  全职: "full_time",
  顾问指导: "advisor",
  短期兼职: "part_time",
  技术入股: "equity",
};
export const CATEGORY_WORDS: Record<string, string> = {
  基础研究: "basic_research",
  基础研究人才: "basic_research",
  应用研究和技术开发: "applied_research",
  应用研究和技术开发人才: "applied_research",
  哲学社会科学: "social_science",
  哲学社会科学人才: "social_science",
  技能: "skills",
  技能人才: "skills",
  教师: "teachers",
  医生: "doctors",
  企业经营管理: "management",
  企业经营管理人才: "management",
  农村实用: "rural",
  农村实用人才: "rural",
};
export const EMPLOYER_KIND_WORDS: Record<string, string> = {
  企业: "enterprise",
  高校: "university",
  高等院校: "university",
  医院: "hospital",
  科研院所: "institute",
  中小学校: "school",
  学校: "school",
  事业单位: "public",
  其他: "other",
};
