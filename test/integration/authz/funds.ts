// Authorization rows for the funds routes (人才专项资金). A fund is managed by the talent office and
// paid by a finance organisation; for an officer or leader the rows use a fund whose finance
// organisation is their own, so "allowed" really means allowed on the object (other departments'
// funds answer 404, see funds-flow.test.ts).
import { randomUUID } from "node:crypto";
import type { Actor, Role } from "../../../src/server/lib/authz.js";
import { type Op, SYSTEM_META } from "../../../src/server/lib/context.js";
import type { TestClient } from "../../harness/app.js";
import { PAYEE } from "../../harness/funds.js";
import { type CaseList, GOVERNMENT } from "./case.js";

const OFFICE = ["talent_office"] as const;
const FINANCE = ["officer", "leader"] as const;
const ENTITLEMENT_READERS: readonly Role[] = [...GOVERNMENT, "talent", "employer"];

interface Scenario {
  fundId: string;
  lineId: string;
  entitlementId: string;
  stageId: string;
  journalId: string;
  schemeId: string;
}

export const FUNDS_CASES: CaseList = (ctx) => {
  const services = () => ctx.app().rt.services;
  const me = async (actor: TestClient) =>
    (await actor.get("/api/auth/me")).json() as {
      id: string;
      org: { id: string };
      roles: { role: Role; orgId: string }[];
    };

  const opFor = async (username: string, role: Role, orgId: string): Promise<Op> => {
    const userId = await ctx.app().userId(username);
    const actor: Actor = {
      userId,
      username,
      displayName: username,
      orgId,
      roles: [{ role, orgId }],
      mustChangePassword: false,
    };
    return { actor, meta: SYSTEM_META };
  };

  /** A fund paid by the actor's organisation if they are an officer or leader (else by 市财政局), with an
   * allocated line, a payable entitlement of the demo talent at the demo employer, and a subsidy scheme. */
  const scenario = async (actor: TestClient): Promise<Scenario> => {
    const who = await me(actor);
    const financeRole = who.roles.find((r) => r.role === "officer" || r.role === "leader");
    const financeOrgId = financeRole?.orgId ?? (await ctx.app().orgId("市财政局"));
    const office = await opFor("office", "talent_office", await ctx.app().orgId("市委组织部"));
    const finance = await opFor("finance", "officer", financeOrgId);
    const n = ctx.next();
    const fund = await services().funds.createFund(office, {
      code: `MX-${n}-${Date.now()}`,
      name: `矩阵测试资金${n}`,
      financeOrgId,
    });
    const line = await services().funds.createBudgetLine(office, fund.id, {
      year: 2026,
      code: `MX${n}`,
      name: `矩阵测试科目${n}`,
    });
    const allocated = await services().funds.allocate(
      finance,
      line.id,
      { amount: 100_000_000 },
      randomUUID(),
    );
    const employerOrg = await ctx.app().orgId("营口辽海新材料科技有限公司");
    const created = await services().funds.createEntitlement(
      office,
      {
        budgetLineId: line.id,
        talentUserId: await ctx.app().userId("talent"),
        employerOrgId: employerOrg,
        title: "矩阵测试资助",
        stages: [
          { name: "启动经费", amount: 100_000, condition: "on_creation" },
          { name: "验收奖励", amount: 100_000, condition: "manual" },
        ],
        payee: PAYEE,
      },
      randomUUID(),
    );
    const entitlementId = (created.body as { id: string }).id;
    const e = await services().funds.getEntitlement(office, entitlementId);
    const scheme = await services().funds.createSubsidyScheme(office, {
      budgetLineId: line.id,
      name: "矩阵奖补",
      rule: { kind: "amount", formula: 100_000 },
      capPerPerson: 100_000,
      capPerYear: 1_000_000,
    });
    return {
      fundId: fund.id,
      lineId: line.id,
      entitlementId,
      stageId: e.stages.find((s) => s.condition === "manual")!.id,
      journalId: (allocated.body as { journalId: string }).journalId,
      schemeId: scheme.id,
    };
  };

  /** A batch of the scenario's payable stage, created (and approved, if asked) by the fund's finance side. */
  let collectorReady = false;
  const batchCollector = async () => {
    if (!collectorReady) {
      const orgId = await ctx.app().orgId("市财政局");
      await ctx.app().rt.services.users.create(
        null,
        {
          username: "matrix_collector",
          displayName: "矩阵制单人",
          orgId,
          roles: [{ role: "officer", orgId }],
        },
        { password: "Rencai@2026", mustChangePassword: false },
      );
      collectorReady = true;
    }
    return "matrix_collector";
  };

  const batchOf = async (actor: TestClient, approve: boolean) => {
    const s = await scenario(actor);
    const who = await me(actor);
    const financeOrgId =
      who.roles.find((r) => r.role === "officer" || r.role === "leader")?.orgId ??
      (await ctx.app().orgId("市财政局"));
    const finance = await opFor("finance", "officer", financeOrgId);
    // The creator never approves its batch: collect it as someone who is no actor of the matrix.
    const collector = await opFor(await batchCollector(), "officer", financeOrgId);
    const batch = await services().fundBatches.create(
      collector,
      { fundId: s.fundId, title: "矩阵批次" },
      randomUUID(),
    );
    const id = (batch.body as { id: string }).id;
    if (approve) await services().fundBatches.approve(finance, id, randomUUID());
    return id;
  };

  /** A pending raise of the limit, asked by 市财政局's finance officer (never an actor's own request). */
  const raiseRequest = async () => {
    const financeOrgId = await ctx.app().orgId("市财政局");
    const finance = await opFor("finance", "officer", financeOrgId);
    const current = (await services().funds.settings()).dualApprovalAbove;
    const r = await services().funds.updateSettings(finance, { dualApprovalAbove: current + 1 });
    return (r.body as { id: string }).id;
  };

  const headers = () => ({ "idempotency-key": randomUUID() });
  // The matrix asks for the URL (with the actor) right before the body (without): the URL step
  // leaves what the body needs here.
  let pending = "";

  return [
    { method: "GET", route: "/api/funds", allowed: GOVERNMENT },
    {
      method: "POST",
      route: "/api/funds",
      allowed: OFFICE,
      body: async () => ({
        code: `MXF-${ctx.next()}-${Date.now()}`,
        name: "矩阵新资金",
        financeOrgId: await ctx.app().orgId("市财政局"),
      }),
    },
    { method: "GET", route: "/api/funds/settings", allowed: GOVERNMENT },
    {
      // Lowering (or keeping) the limit: the talent office, or the finance side of some fund (the
      // scenario makes the actor's organisation pay one). Raising: funds-threshold.test.ts.
      method: "PUT",
      route: "/api/funds/settings",
      allowed: [...OFFICE, ...FINANCE],
      url: async (a) => {
        await scenario(a);
        return "/api/funds/settings";
      },
      body: async () => ({ dualApprovalAbove: 10_000_000 }),
    },
    { method: "GET", route: "/api/funds/settings/requests", allowed: GOVERNMENT },
    {
      method: "POST",
      route: "/api/funds/settings/requests/:id/approve",
      allowed: OFFICE,
      url: async () => `/api/funds/settings/requests/${await raiseRequest()}/approve`,
    },
    {
      method: "POST",
      route: "/api/funds/settings/requests/:id/reject",
      allowed: OFFICE,
      url: async () => `/api/funds/settings/requests/${await raiseRequest()}/reject`,
      body: async () => ({ note: "权限矩阵测试" }),
    },
    { method: "GET", route: "/api/funds/dashboard", allowed: GOVERNMENT },
    { method: "GET", route: "/api/funds/reconciliation", allowed: GOVERNMENT },
    { method: "GET", route: "/api/funds/reconciliation/export", allowed: GOVERNMENT },
    { method: "GET", route: "/api/funds/mine", allowed: ["talent", "employer"] },
    {
      method: "GET",
      route: "/api/funds/:id",
      allowed: GOVERNMENT,
      url: async (a) => `/api/funds/${(await scenario(a)).fundId}`,
    },
    {
      method: "GET",
      route: "/api/funds/:id/budget-lines",
      allowed: GOVERNMENT,
      url: async (a) => `/api/funds/${(await scenario(a)).fundId}/budget-lines`,
    },
    {
      method: "POST",
      route: "/api/funds/:id/budget-lines",
      allowed: OFFICE,
      url: async (a) => `/api/funds/${(await scenario(a)).fundId}/budget-lines`,
      body: async () => ({ year: 2026, code: `NEW${ctx.next()}`, name: "矩阵新科目" }),
    },
    {
      method: "GET",
      route: "/api/funds/:id/subsidy-schemes",
      allowed: GOVERNMENT,
      url: async (a) => `/api/funds/${(await scenario(a)).fundId}/subsidy-schemes`,
    },
    {
      method: "GET",
      route: "/api/funds/budget-lines/:id",
      allowed: GOVERNMENT,
      url: async (a) => `/api/funds/budget-lines/${(await scenario(a)).lineId}`,
    },
    {
      method: "GET",
      route: "/api/funds/budget-lines/:id/journals",
      allowed: GOVERNMENT,
      url: async (a) => `/api/funds/budget-lines/${(await scenario(a)).lineId}/journals`,
    },
    ...(["allocate", "deallocate"] as const).map((kind) => ({
      method: "POST" as const,
      route: `/api/funds/budget-lines/:id/${kind}`,
      allowed: FINANCE,
      url: async (a: TestClient) => `/api/funds/budget-lines/${(await scenario(a)).lineId}/${kind}`,
      body: async () => ({ amount: 100 }),
      headers: headers(),
    })),
    {
      method: "POST",
      route: "/api/funds/journals/:id/reverse",
      allowed: FINANCE,
      url: async (a) => {
        const s = await scenario(a);
        const who = await me(a);
        const financeOrgId =
          who.roles.find((r) => r.role === "officer" || r.role === "leader")?.orgId ??
          (await ctx.app().orgId("市财政局"));
        const more = await services().funds.allocate(
          await opFor("finance", "officer", financeOrgId),
          s.lineId,
          { amount: 1_000 },
          randomUUID(),
        );
        return `/api/funds/journals/${(more.body as { journalId: string }).journalId}/reverse`;
      },
      headers: headers(),
    },
    { method: "GET", route: "/api/funds/entitlements", allowed: GOVERNMENT },
    {
      method: "POST",
      route: "/api/funds/entitlements",
      allowed: OFFICE,
      url: async () => "/api/funds/entitlements",
      body: async () => {
        const s = await scenario(ctx.client("office"));
        return {
          budgetLineId: s.lineId,
          talentUserId: await ctx.app().userId("talent"),
          title: "矩阵核定",
          amount: 1_000,
          payee: PAYEE,
        };
      },
      headers: headers(),
    },
    {
      method: "GET",
      route: "/api/funds/entitlements/:id",
      allowed: ENTITLEMENT_READERS,
      url: async (a) => `/api/funds/entitlements/${(await scenario(a)).entitlementId}`,
    },
    {
      method: "POST",
      route: "/api/funds/entitlements/:id/cancel",
      allowed: OFFICE,
      url: async (a) => `/api/funds/entitlements/${(await scenario(a)).entitlementId}/cancel`,
      body: async () => ({ reason: "矩阵测试取消" }),
      headers: headers(),
    },
    {
      method: "POST",
      route: "/api/funds/stages/:id/met",
      allowed: OFFICE,
      url: async (a) => `/api/funds/stages/${(await scenario(a)).stageId}/met`,
      headers: headers(),
    },
    {
      method: "POST",
      route: "/api/funds/subsidy-schemes",
      allowed: OFFICE,
      body: async () => ({
        budgetLineId: (await scenario(ctx.client("office"))).lineId,
        name: "矩阵新奖补",
        rule: { kind: "amount", formula: 1_000 },
        capPerPerson: 1_000,
        capPerYear: 10_000,
      }),
    },
    {
      method: "POST",
      route: "/api/funds/subsidy-schemes/:id/grant",
      allowed: OFFICE,
      url: async (a) => `/api/funds/subsidy-schemes/${(await scenario(a)).schemeId}/grant`,
      body: async () => {
        const talentUserId = await ctx.app().userId("talent");
        const year = 2000 + (ctx.next() % 90);
        await services().funds.recordContribution(
          await opFor("office", "talent_office", await ctx.app().orgId("市委组织部")),
          { talentUserId, year, tax: 1_000_000 },
        );
        return { talentUserId, year, payee: PAYEE };
      },
      headers: headers(),
    },
    {
      method: "POST",
      route: "/api/funds/contributions",
      allowed: OFFICE,
      body: async () => ({ talentUserId: await ctx.app().userId("talent"), year: 2001, tax: 100 }),
    },
    { method: "GET", route: "/api/funds/batches", allowed: GOVERNMENT },
    {
      method: "POST",
      route: "/api/funds/batches",
      allowed: FINANCE,
      url: async (a) => {
        pending = (await scenario(a)).fundId;
        return "/api/funds/batches";
      },
      body: async () => ({ fundId: pending, title: "矩阵批次" }),
      headers: headers(),
    },
    {
      method: "GET",
      route: "/api/funds/batches/:id",
      allowed: GOVERNMENT,
      url: async (a) => `/api/funds/batches/${await batchOf(a, false)}`,
    },
    {
      method: "POST",
      route: "/api/funds/batches/:id/approve",
      allowed: FINANCE,
      url: async (a) => `/api/funds/batches/${await batchOf(a, false)}/approve`,
      headers: headers(),
    },
    {
      method: "GET",
      route: "/api/funds/batches/:id/export",
      allowed: FINANCE,
      url: async (a) => `/api/funds/batches/${await batchOf(a, true)}/export`,
    },
    {
      method: "POST",
      route: "/api/funds/batches/:id/results",
      allowed: FINANCE,
      url: async (a) => {
        const id = await batchOf(a, true);
        const line = await ctx
          .app()
          .rt.deps.database.db.selectFrom("fund_batch_lines")
          .select("id")
          .where("batch_id", "=", id)
          .executeTakeFirstOrThrow();
        pending = line.id;
        return `/api/funds/batches/${id}/results`;
      },
      body: async () => ({ lines: [{ lineId: pending, result: "paid" }] }),
      headers: headers(),
    },
    {
      method: "POST",
      route: "/api/funds/stages/:id/return",
      allowed: FINANCE,
      // A stage paid through an approved batch of the fund's finance side.
      url: async (a) => {
        const id = await batchOf(a, true);
        const line = await ctx
          .app()
          .rt.deps.database.db.selectFrom("fund_batch_lines")
          .select(["id", "stage_id"])
          .where("batch_id", "=", id)
          .executeTakeFirstOrThrow();
        const who = await me(a);
        const financeOrgId =
          who.roles.find((r) => r.role === "officer" || r.role === "leader")?.orgId ??
          (await ctx.app().orgId("市财政局"));
        const finance = await opFor("finance", "officer", financeOrgId);
        await services().fundBatches.recordResults(
          finance,
          id,
          { lines: [{ lineId: line.id, result: "paid" }] },
          randomUUID(),
        );
        return `/api/funds/stages/${line.stage_id}/return`;
      },
      body: async () => ({ reason: "矩阵测试追回" }),
      headers: headers(),
    },
    {
      method: "POST",
      route: "/api/funds/batches/:id/cancel",
      allowed: FINANCE,
      url: async (a) => `/api/funds/batches/${await batchOf(a, false)}/cancel`,
      headers: headers(),
    },
  ];
};
