import type { Database } from "../db/connect.js";
import { organisationCodeCheckChar, residentIdCheckChar, usccCheckChar } from "../lib/validators.js";
import type { CreateTalentBody, EmployerBody } from "../modules/registry/registry.schema.js";
import { TIER_RULE_SET } from "../modules/registry/tier-rules.js";
import type { Services } from "../services.js";

// Demo registry: the demo employer and institute as employers (linked to their organisations), a
// few more employers, the demo talent 刘洋 with a full record linked to the `talent` account, and a
// few dozen synthetic talents. All numbers are generated with valid check digits and belong to
// nobody; everything goes through the services, so it is encrypted and audited like real data.

/** A valid 18-digit resident ID for a region, birth date (yyyymmdd) and sequence (odd: male). */
export function demoResidentId(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/** A valid 统一社会信用代码 from a region and an 8-digit organisation code body. */
export function demoUscc(prefix: string, region: string, body: string): string {
  const first17 = `${prefix}${region}${body}${organisationCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

/** A small deterministic generator (mulberry32), so the demo is the same on every start. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTRA_EMPLOYERS: readonly EmployerBody[] = [
  {
    name: "营口理工学院",
    uscc: demoUscc("12", "210800", "46432175"),
    kind: "university",
    industry: "教育",
    regionCode: "210800",
  },
  {
    name: "营口市中心医院",
    uscc: demoUscc("12", "210802", "46432301"),
    kind: "hospital",
    industry: "医疗卫生",
    regionCode: "210802",
  },
  {
    name: "营口港智能装备有限公司",
    uscc: demoUscc("91", "210804", "31854226"),
    kind: "enterprise",
    industry: "高端装备制造",
    regionCode: "210804",
  },
  {
    name: "大石桥镁质材料股份有限公司",
    uscc: demoUscc("91", "210882", "24113578"),
    kind: "enterprise",
    industry: "镁质材料",
    regionCode: "210882",
  },
];

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗".split("");
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "磊",
  "强",
  "洋",
  "艳",
  "杰",
  "涛",
  "明",
  "超",
  "秀英",
  "建华",
  "海燕",
  "志刚",
  "晓东",
];
const SCHOOLS = [
  "大连理工大学",
  "东北大学",
  "辽宁大学",
  "吉林大学",
  "哈尔滨工业大学",
  "沈阳工业大学",
  "清华大学",
];
const MAJORS = ["材料科学与工程", "机械工程", "临床医学", "化学工程", "计算机科学与技术", "工商管理"];
const INDUSTRIES = ["新材料", "高端装备制造", "医疗卫生", "镁质材料", "教育", "电子信息"];
const CATEGORIES = [
  "basic_research",
  "applied_research",
  "skills",
  "teachers",
  "doctors",
  "management",
] as const;

export async function seedRegistry(database: Database, services: Services): Promise<void> {
  const db = database.db;
  const orgId = async (name: string) =>
    (await db.selectFrom("organisations").select("id").where("name", "=", name).executeTakeFirst())?.id ??
    null;
  const { employers, talents, ruleSets } = services.registry;
  await ruleSets.save(null, "tier", { title: "人才层次认定规则（A–E 类）", document: TIER_RULE_SET });

  const liaohai = await employers.create(null, {
    name: "营口辽海新材料科技有限公司",
    uscc: "91210804MA0YK8C134",
    kind: "enterprise",
    industry: "新材料",
    regionCode: "210804",
    contactName: "陈志强",
    contactPhone: "13904171234",
    orgId: await orgId("营口辽海新材料科技有限公司"),
  });
  const institute = await employers.create(null, {
    name: "营口市新材料产业研究院",
    uscc: "12210800001265430B",
    kind: "institute",
    industry: "新材料",
    regionCode: "210800",
    orgId: await orgId("营口市新材料产业研究院"),
  });
  const extra = [];
  for (const e of EXTRA_EMPLOYERS) extra.push(await employers.create(null, e));
  const all = [liaohai, institute, ...extra];

  const talentUser = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "talent")
    .executeTakeFirst();
  await talents.create(null, {
    name: "刘洋",
    idType: "resident",
    idNumber: demoResidentId("210804", "19880615", 123),
    phone: "13804171234",
    bankAccount: "6222020712001234567",
    employerId: liaohai.id,
    userId: talentUser?.id ?? null,
    industry: "新材料",
    category: "applied_research",
    arrivalDate: "2019-07-01",
    salaryYearly: 38_000_000,
    taxYearly: 5_600_000,
    educations: [
      { degree: "学士", school: "东北大学", major: "材料科学与工程", year: 2010 },
      { degree: "博士", school: "大连理工大学", major: "材料学", year: 2016 },
    ],
    titles: [{ name: "高级工程师", level: "副高", year: 2021 }],
    awards: [
      { name: "辽宁省科学技术进步奖二等奖", level: "provincial", year: 2022 },
      { name: "营口市青年科技奖", level: "city", year: 2020 },
    ],
    patents: [
      { title: "一种高纯氧化镁的制备方法", kind: "invention", number: "ZL202010123456.7", year: 2021 },
      { title: "镁质耐火材料成型装置", kind: "utility", number: "ZL202120654321.0", year: 2022 },
    ],
    engagements: [
      { employerId: liaohai.id, kind: "full_time", startsOn: "2019-07-01" },
      { employerId: institute.id, kind: "advisor", startsOn: "2023-03-01", endsOn: "2026-02-28" },
    ],
    postdocs: [
      { station: "大连理工大学材料科学与工程博士后流动站", startsOn: "2016-09-01", endsOn: "2019-06-30" },
    ],
  });

  const next = random(20261127);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  for (let i = 0; i < 36; i++) {
    const male = next() < 0.6;
    const year = 1965 + Math.floor(next() * 35);
    const birth = `${year}${String(1 + Math.floor(next() * 12)).padStart(2, "0")}${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`;
    const sequence = 100 + i * 2 + (male ? 1 : 0);
    const employer = pick(all);
    const phd = next() < 0.35;
    const input: CreateTalentBody = {
      name: pick(SURNAMES) + pick(GIVEN),
      idType: "resident",
      idNumber: demoResidentId(
        pick(["210802", "210803", "210804", "210881", "210882", "210102"]),
        birth,
        sequence,
      ),
      phone: `139${String(10_000_000 + Math.floor(next() * 89_999_999))}`,
      employerId: employer.id,
      industry: pick(INDUSTRIES),
      category: pick(CATEGORIES),
      arrivalDate: `${2012 + Math.floor(next() * 13)}-0${1 + Math.floor(next() * 9)}-01`,
      salaryYearly: (80 + Math.floor(next() * 600)) * 100_000,
      taxYearly: (2 + Math.floor(next() * 120)) * 100_000,
      educations: [
        {
          degree: phd ? "博士" : pick(["硕士", "学士", "大专"] as const),
          school: pick(SCHOOLS),
          major: pick(MAJORS),
          year: Math.min(year + (phd ? 29 : 24), 2025),
        },
      ],
      titles: next() < 0.6 ? [{ name: "工程师", level: pick(["正高", "副高", "中级"] as const) }] : [],
      skills: next() < 0.2 ? [{ name: "焊工", level: pick(["高级技师", "技师", "高级工"] as const) }] : [],
      awards:
        next() < 0.3
          ? [
              {
                name: "科学技术奖",
                level: pick(["national", "provincial", "city"] as const),
                year: 2015 + Math.floor(next() * 10),
              },
            ]
          : [],
      engagements: [{ employerId: employer.id, kind: "full_time", startsOn: "2020-01-01" }],
    };
    await talents.create(null, input);
  }
}
