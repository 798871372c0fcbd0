import { randomUUID } from "node:crypto";
import type { Database } from "../db/connect.js";
import type { Actor, Role } from "../lib/authz.js";
import { type Op, SYSTEM_META } from "../lib/context.js";
import type { Services } from "../services.js";

// The demo's 2026 talent special fund (人才专项资金): budget lines for the policy's money measures
// (七) staged grants, (八) research funding, (十)(十九) the measures' payment items, (二十二) post-hoc
// subsidies; budget allocated by the finance bureau, a few entitlements, and one paid batch.
// Everything goes through the services, acting as the demo's talent office (office) and finance officer (finance), so it is all in the ledger and
// the audit trail. Budget lines name their measure by label; funds.linkMeasuresByLabel() links them
// once the policy is imported (seedDemoPolicy).

const 元 = (yuan: number) => yuan * 100;

/** A demo user acting (as the CLI does): their roles from the database, no session. */
export async function actorOf(database: Database, username: string): Promise<Op> {
  const user = await database.db
    .selectFrom("users")
    .select(["id", "username", "display_name", "org_id"])
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const roles = await database.db
    .selectFrom("user_roles")
    .select(["role", "org_id"])
    .where("user_id", "=", user.id)
    .execute();
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    orgId: user.org_id,
    roles: roles.map((r) => ({ role: r.role as Role, orgId: r.org_id })),
    mustChangePassword: false,
  };
  return { actor, meta: SYSTEM_META };
}

export async function seedFunds(
  database: Database,
  services: Services,
  options: { year?: number } = {},
): Promise<{ fundId: string } | null> {
  const year = options.year ?? 2026;
  const db = database.db;
  if (await db.selectFrom("funds").select("id").limit(1).executeTakeFirst()) return null;
  const office = await actorOf(database, "office");
  const finance = await actorOf(database, "finance");
  // A batch's creator never approves it: the bureau's leader does.
  const financeLeader = await actorOf(database, "finance_leader");
  const talent = await db
    .selectFrom("users")
    .select("id")
    .where("username", "=", "talent")
    .executeTakeFirstOrThrow();
  const employerOrg = await db
    .selectFrom("organisations")
    .select("id")
    .where("name", "=", "营口辽海新材料科技有限公司")
    .executeTakeFirst();
  const measures = await db
    .selectFrom("policy_measures")
    .select(["id", "no"])
    .where("no", "in", [7, 8, 10, 19, 22])
    .orderBy("id", "desc")
    .execute();
  const measure = (no: number) => measures.find((m) => m.no === no)?.id ?? null;
  const key = () => randomUUID();

  const fund = await services.funds.createFund(office, {
    code: `YK-TALENT-${year}`,
    name: `${year}年营口市人才发展专项资金`,
    description: "市委组织部（人才办）管理、市财政局拨付的人才专项资金（营口人才新政第二十二条）",
    financeOrgId: finance.actor.orgId,
  });
  const grants = await services.funds.createBudgetLine(office, fund.id, {
    year,
    code: `${year}-07`,
    name: "创新型科技人才项目资助（事前立项启动经费、事后验收奖励经费）",
    measureId: measure(7),
    measureLabel: "(七)",
    // The catalogue's 科技人才创新项目启动经费 (amount rule: 200,000 元): approved applications draw on this line.
    itemCode: "RC-KJQD",
    stagePlan: [{ name: "启动经费", percent: 100, condition: "on_creation" }],
  });
  const research = await services.funds.createBudgetLine(office, fund.id, {
    year,
    code: `${year}-08`,
    name: "科研项目经费后补助",
    measureId: measure(8),
    measureLabel: "(八)",
    itemCode: "RC-RESEARCH-08",
  });
  const subsidies = await services.funds.createBudgetLine(office, fund.id, {
    year,
    code: `${year}-22`,
    name: "人才贡献事后奖补",
    measureId: measure(22),
    measureLabel: "(二十二)",
  });

  // The measures' payment items (seeds/services-measures.ts). The policy gives no amounts for (十) and
  // (十九); these budgets are demo figures like the items' amounts (金额以年度通知为准).
  const studios = await services.funds.createBudgetLine(office, fund.id, {
    year,
    code: `${year}-10`,
    name: "技能大师工作室建设补助（演示预算，以年度通知为准）",
    measureId: measure(10),
    measureLabel: "(十)",
    itemCode: "RC-JNDS-GZS",
  });
  const incubation = await services.funds.createBudgetLine(office, fund.id, {
    year,
    code: `${year}-19-1`,
    name: "人才创业孵化补贴（演示预算，以年度通知为准）",
    measureId: measure(19),
    measureLabel: "(十九)",
    itemCode: "RC-CYFH-BZ",
  });
  const loanInterest = await services.funds.createBudgetLine(office, fund.id, {
    year,
    code: `${year}-19-2`,
    name: "创业担保贷款贴息（演示预算，以年度通知为准）",
    measureId: measure(19),
    measureLabel: "(十九)",
    itemCode: "RC-CYDB-TX",
  });
  await services.funds.allocate(finance, grants.id, { amount: 元(5_000_000), memo: "年初预算下达" }, key());
  await services.funds.allocate(finance, research.id, { amount: 元(2_000_000), memo: "年初预算下达" }, key());
  await services.funds.allocate(
    finance,
    subsidies.id,
    { amount: 元(3_000_000), memo: "年初预算下达" },
    key(),
  );

  await services.funds.allocate(finance, studios.id, { amount: 元(1_000_000), memo: "年初预算下达" }, key());
  await services.funds.allocate(
    finance,
    incubation.id,
    { amount: 元(1_000_000), memo: "年初预算下达" },
    key(),
  );
  await services.funds.allocate(
    finance,
    loanInterest.id,
    { amount: 元(500_000), memo: "年初预算下达" },
    key(),
  );

  const payee = { name: "刘洋", bank: "中国银行营口分行", account: "6217850800001234567" };
  const staged = await services.funds.createEntitlement(
    office,
    {
      budgetLineId: grants.id,
      talentUserId: talent.id,
      employerOrgId: employerOrg?.id ?? null,
      title: "高性能镁基新材料研发项目资助",
      sourceKind: "grant",
      sourceId: `${year}-KJ-007`,
      stages: [
        { name: "启动经费", amount: 元(100_000), condition: "on_creation" },
        // Met by hand when the project passes acceptance (验收).
        { name: "验收奖励经费", amount: 元(100_000), condition: "manual" },
      ],
      payee,
    },
    key(),
  );
  await services.funds.createEntitlement(
    office,
    {
      budgetLineId: research.id,
      talentUserId: talent.id,
      employerOrgId: employerOrg?.id ?? null,
      title: "镁质耐火材料关键工艺科研经费后补助",
      sourceKind: "grant",
      sourceId: `${year}-KY-008`,
      amount: 元(50_000),
      payee,
    },
    key(),
  );
  const scheme = await services.funds.createSubsidyScheme(office, {
    budgetLineId: subsidies.id,
    name: "高端人才个人所得税贡献奖补",
    rule: {
      kind: "amount",
      label: {
        zh: "上年度个人所得税的10%，取整到元，最高5万元",
        en: "10% of last year's income tax, max 50,000 yuan",
      },
      citation: { doc: "营口市人才新政", measure: 22 },
      formula: {
        min: [
          {
            roundTo: 100,
            mode: "floor",
            of: { fraction: [1, 10], of: { field: "taxYearly" }, round: "floor" },
          },
          5_000_000,
        ],
      },
    },
    capPerPerson: 元(50_000),
    capPerYear: 元(1_000_000),
  });
  await services.funds.recordContribution(office, {
    talentUserId: talent.id,
    year: year - 1,
    salary: 元(480_000),
    tax: 元(96_000),
  });
  await services.funds.grantSubsidy(
    office,
    scheme.id,
    { talentUserId: talent.id, year: year - 1, employerOrgId: employerOrg?.id ?? null, payee },
    key(),
  );

  // One paid batch: the start-up money of the staged grant.
  const entitlement = await services.funds.getEntitlement(office, (staged.body as { id: string }).id);
  const startUp = entitlement.stages.find((s) => s.status === "payable")!;
  const batch = await services.fundBatches.create(
    finance,
    { fundId: fund.id, title: `${year}年第1批人才项目启动经费`, stageIds: [startUp.id] },
    key(),
  );
  const batchId = (batch.body as { id: string }).id;
  await services.fundBatches.approve(financeLeader, batchId, key());
  await services.fundBatches.exportFile(finance, batchId, "csv");
  const view = await services.fundBatches.get(finance, batchId);
  await services.fundBatches.recordResults(
    finance,
    batchId,
    { lines: view.lines!.map((l) => ({ lineId: l.id, result: "paid" as const })) },
    key(),
  );
  return { fundId: fund.id };
}
