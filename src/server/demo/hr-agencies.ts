import type { Database } from "../db/connect.js";
import { organisationCodeCheckChar, usccCheckChar } from "../lib/validators.js";
import type { Services } from "../services.js";
import { actorOf } from "./funds.js";

// The demo's 人力资源服务机构 registry (measure (三)): five agencies kept by 市人社局 (officer hrss),
// their 2025 annual reports in each state, and two 政府购买服务 contracts. One agency has its own
// employer account (hragency, 营口英才人力资源服务有限公司), which reads its record and submits its
// report. Names, codes and figures are invented for the demo; the USCCs carry valid check characters.

/** A USCC from its first eight characters (类别, 地区) and an 8-character organisation-code body. */
export function demoUscc(head8: string, body8: string): string {
  const first17 = `${head8}${body8}${organisationCodeCheckChar(body8)}`;
  return `${first17}${usccCheckChar(first17)}`;
}
const 元 = (yuan: number) => yuan * 100;

export const DEMO_AGENCY_ACCOUNT = "hragency";
export const DEMO_AGENCY_ORG = "营口英才人力资源服务有限公司";

interface DemoAgency {
  name: string;
  uscc: string;
  licenceNo: string | null;
  licenceValidFrom: string | null;
  licenceValidTo: string | null;
  services: string[];
  contactName: string;
  contactPhone: string;
  address: string;
  report: {
    status: "submitted" | "accepted" | "returned";
    staff: number;
    served: number;
    placed: number;
    revenueYuan: number;
  } | null;
}

const AGENCIES: DemoAgency[] = [
  {
    name: DEMO_AGENCY_ORG,
    uscc: demoUscc("91210800", "MA0YKHR1"),
    licenceNo: "（辽）人服证字〔2024〕第0801001号",
    licenceValidFrom: "2024-03-01",
    licenceValidTo: "2029-02-28",
    services: ["职业中介", "人才猎头", "人才测评"],
    contactName: "高雅琴",
    contactPhone: "13904170001",
    address: "营口市站前区渤海大街西 18 号",
    report: null,
  },
  {
    name: "营口渤海人才猎头服务有限公司",
    uscc: demoUscc("91210802", "MA0YKHR2"),
    licenceNo: "（辽）人服证字〔2022〕第0802003号",
    licenceValidFrom: "2022-01-10",
    licenceValidTo: "2027-01-09",
    services: ["人才猎头", "人力资源管理咨询"],
    contactName: "马俊",
    contactPhone: "13904170002",
    address: "营口市西市区学府路 9 号",
    report: { status: "accepted", staff: 26, served: 1800, placed: 142, revenueYuan: 3_600_000 },
  },
  {
    name: "鲅鱼圈区启航人力资源有限公司",
    uscc: demoUscc("91210804", "MA0YKHR3"),
    licenceNo: "（辽）人服证字〔2021〕第0804011号",
    licenceValidFrom: "2021-09-01",
    licenceValidTo: "2026-08-31",
    services: ["职业中介", "人力资源外包", "劳务派遣"],
    contactName: "孙振东",
    contactPhone: "13904170003",
    address: "营口市鲅鱼圈区平安路 66 号",
    report: { status: "submitted", staff: 48, served: 5200, placed: 960, revenueYuan: 8_900_000 },
  },
  {
    name: "营口智联人才测评中心有限公司",
    uscc: demoUscc("91210800", "MA0YKHR4"),
    licenceNo: null,
    licenceValidFrom: null,
    licenceValidTo: null,
    services: ["人才测评", "人力资源培训"],
    contactName: "韩冰",
    contactPhone: "13904170004",
    address: "营口市站前区新兴大街 120 号",
    report: { status: "returned", staff: 12, served: 640, placed: 0, revenueYuan: 980_000 },
  },
  {
    name: "营口沿海人力资源开发有限公司",
    uscc: demoUscc("91210811", "MA0YKHR5"),
    licenceNo: "（辽）人服证字〔2023〕第0811002号",
    licenceValidFrom: "2023-05-20",
    licenceValidTo: "2028-05-19",
    services: ["职业中介", "人力资源外包", "人力资源培训"],
    contactName: "罗思远",
    contactPhone: "13904170005",
    address: "营口市老边区沿海产业基地创业大厦 5 层",
    report: { status: "accepted", staff: 35, served: 3100, placed: 420, revenueYuan: 5_200_000 },
  },
];

/** `password`: the demo password (seeds/demo.ts) for the agency's account. */
export async function seedHrAgencies(
  database: Database,
  services: Services,
  password: string,
): Promise<void> {
  const db = database.db;
  if (await db.selectFrom("hr_agencies").select("id").limit(1).executeTakeFirst()) return;
  const hrss = await actorOf(database, "hrss");
  const org = await services.orgs.create(null, {
    name: DEMO_AGENCY_ORG,
    shortName: "英才人力",
    kind: "employer",
    parentId: null,
    regionCode: "210802",
    uscc: AGENCIES[0]!.uscc,
  });
  await services.users.create(
    null,
    {
      username: DEMO_AGENCY_ACCOUNT,
      displayName: "高雅琴",
      orgId: org.id,
      roles: [{ role: "employer", orgId: org.id }],
    },
    { password, mustChangePassword: false },
  );
  const ids: string[] = [];
  for (const [i, a] of AGENCIES.entries()) {
    const created = await services.hrAgencies.create(hrss, {
      name: a.name,
      uscc: a.uscc,
      licenceNo: a.licenceNo,
      licenceValidFrom: a.licenceValidFrom,
      licenceValidTo: a.licenceValidTo,
      services: a.services as never,
      contactName: a.contactName,
      contactPhone: a.contactPhone,
      address: a.address,
      orgId: i === 0 ? org.id : null,
    });
    ids.push(created.id);
    if (a.report) {
      await services.hrAgencies.putReport(hrss, created.id, 2025, {
        staffCount: a.report.staff,
        servedPersons: a.report.served,
        placements: a.report.placed,
        revenueFen: 元(a.report.revenueYuan),
        summary: `${a.name}2025年度经营情况：服务 ${a.report.served} 人次，成功推荐就业 ${a.report.placed} 人。`,
      });
      if (a.report.status !== "submitted")
        await services.hrAgencies.reviewReport(hrss, created.id, 2025, {
          decision: a.report.status === "accepted" ? "accept" : "return",
          ...(a.report.status === "returned" ? { note: "请补充分季度服务台账及营业收入证明" } : {}),
        });
    }
  }
  const headhunt = await services.hrAgencies.createContract(hrss, ids[1]!, {
    title: "2026年度重点产业急需紧缺高层次人才寻访服务",
    amountFen: 元(480_000),
    periodFrom: "2026-01-01",
    periodTo: "2026-12-31",
    deliverables:
      "为镁质材料、石化、装备制造等重点产业企业寻访并推荐高层次人才不少于 30 名，按季度报送寻访台账。",
  });
  await services.hrAgencies.updateContract(hrss, headhunt.id, { status: "in_progress" });
  await services.hrAgencies.createContract(hrss, ids[4]!, {
    title: "2026年高校毕业生就业见习组织服务",
    amountFen: 元(260_000),
    periodFrom: "2026-03-01",
    periodTo: "2026-11-30",
    deliverables: "组织高校毕业生就业见习不少于 200 人次，提交见习人员名册与满意度评估报告。",
  });
}
