import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { FastifyReply } from "fastify";
import { opOf } from "../../http/guard.js";
import { idempotencyKeyOf } from "../../lib/idempotency.js";
import { PageOf, PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";
import type { Services } from "../../services.js";
import {
  AmountBody,
  BatchResultsBody,
  BatchView,
  BudgetLineView,
  ContributionBody,
  CreateBatchBody,
  CreateBudgetLineBody,
  CreateEntitlementBody,
  CreateFundBody,
  CreateSubsidySchemeBody,
  Dashboard,
  DashboardQuery,
  DecideSettingsRequestBody,
  EntitlementView,
  ExportQuery,
  FundsSettings,
  FundView,
  GrantSubsidyBody,
  IdParams,
  JournalView,
  ListBatchesQuery,
  ListEntitlementsQuery,
  MovementResult,
  ReconcileQuery,
  Reconciliation,
  SettingsRequestView,
  StageMetBody,
  StageReturnBody,
  StageReturnResult,
  SubsidySchemeView,
} from "./funds.schema.js";
import { reconciliationWorkbook } from "./reconcile.js";

const tags = ["funds"];

/** Documents the header every money-moving route requires (checked by idempotencyKeyOf). */
const IdempotencyHeaders = Type.Object({
  "idempotency-key": Type.Optional(
    Type.String({
      description: "8–128 characters [A-Za-z0-9_-], one per logical request (see docs/api/funds.md)",
    }),
  ),
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function sendResult(reply: FastifyReply, result: { status: number; body: unknown; replayed: boolean }) {
  if (result.replayed) reply.header("idempotent-replayed", "true");
  return reply.code(result.status).send(result.body);
}

const PaymentView = Type.Object({
  id: Type.String(),
  stageId: Type.String(),
  amount: Type.Integer(),
  status: StringEnum(["pending", "paid", "failed"] as const),
  failureReason: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  batch: Type.Object({ id: Type.String(), title: Type.String() }),
});

const EntitlementDetail = Type.Object({ ...EntitlementView.properties, payments: Type.Array(PaymentView) });

const EntitlementCreated = Type.Object({ id: Type.String(), status: Type.String(), amount: Type.Integer() });

export function fundsRoutes(services: Services): FastifyPluginAsyncTypebox {
  const { funds, fundBatches } = services;
  return async (app) => {
    app.get(
      "/api/funds",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "Funds / 人才专项资金",
          response: { 200: Type.Object({ items: Type.Array(FundView) }) },
        },
      },
      async (request) => ({ items: await funds.listFunds(opOf(request)) }),
    );

    app.post(
      "/api/funds",
      {
        config: { policy: "funds.manage" },
        schema: {
          tags,
          summary: "Create a fund / 设立资金",
          body: CreateFundBody,
          response: { 201: FundView },
        },
      },
      async (request, reply) => reply.code(201).send(await funds.createFund(opOf(request), request.body)),
    );

    app.get(
      "/api/funds/settings",
      {
        config: { policy: "funds.read" },
        schema: { tags, summary: "Fund settings / 资金设置", response: { 200: FundsSettings } },
      },
      async (request) => funds.readSettings(opOf(request)),
    );

    app.put(
      "/api/funds/settings",
      {
        config: { policy: "funds.changeSettings" },
        schema: {
          tags,
          summary:
            "Change fund settings; a raise of the limit waits for co-signature / 修改资金设置（提高限额须会签）",
          body: FundsSettings,
          response: { 200: FundsSettings, 202: SettingsRequestView },
        },
      },
      async (request, reply) => {
        const result = await funds.updateSettings(opOf(request), request.body);
        return reply.code(result.status).send(result.body);
      },
    );

    app.get(
      "/api/funds/settings/requests",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "Requests to raise the dual-approval limit / 限额调整申请",
          response: { 200: Type.Object({ items: Type.Array(SettingsRequestView) }) },
        },
      },
      async (request) => ({ items: await funds.listSettingsRequests(opOf(request)) }),
    );

    for (const decision of ["approve", "reject"] as const)
      app.post(
        `/api/funds/settings/requests/:id/${decision}`,
        {
          config: { policy: "funds.cosignSettings" },
          schema: {
            tags,
            summary:
              decision === "approve"
                ? "Co-sign a raise of the limit / 会签提高限额"
                : "Refuse a raise of the limit / 不同意提高限额",
            params: IdParams,
            body: Type.Optional(DecideSettingsRequestBody),
            response: { 200: SettingsRequestView },
          },
        },
        async (request) =>
          funds.decideSettingsRequest(opOf(request), request.params.id, decision, request.body ?? {}),
      );

    app.get(
      "/api/funds/dashboard",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "Budget vs reserved vs paid, per fund and measure / 资金看板",
          querystring: DashboardQuery,
          response: { 200: Dashboard },
        },
      },
      async (request) => funds.dashboard(opOf(request), request.query),
    );

    app.get(
      "/api/funds/reconciliation",
      {
        config: { policy: "funds.reconcile" },
        schema: {
          tags,
          summary: "Reconciliation: account totals vs postings / 对账",
          querystring: ReconcileQuery,
          response: { 200: Reconciliation },
        },
      },
      async (request) => funds.reconcile(opOf(request), request.query.fundId),
    );

    app.get(
      "/api/funds/reconciliation/export",
      {
        config: { policy: "funds.reconcile" },
        schema: { tags, summary: "Reconciliation as Excel / 导出对账表", querystring: ReconcileQuery },
      },
      async (request, reply) => {
        const report = await funds.reconcile(opOf(request), request.query.fundId);
        return reply
          .header("content-type", XLSX)
          .header("content-disposition", 'attachment; filename="reconciliation.xlsx"')
          .send(await reconciliationWorkbook(report));
      },
    );

    app.get(
      "/api/funds/mine",
      {
        config: { policy: "funds.mine" },
        schema: {
          tags,
          summary: "My entitlements (a talent's own, an employer's staff's) / 我的资金",
          querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
          response: { 200: PageOf(EntitlementView) },
        },
      },
      async (request) => funds.mine(opOf(request), request.query),
    );

    app.get(
      "/api/funds/:id",
      {
        config: { policy: "funds.read" },
        schema: { tags, summary: "A fund / 资金", params: IdParams, response: { 200: FundView } },
      },
      async (request) => funds.getFund(opOf(request), request.params.id),
    );

    app.get(
      "/api/funds/:id/budget-lines",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "A fund's budget lines / 预算科目",
          params: IdParams,
          querystring: Type.Object(
            { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ items: Type.Array(BudgetLineView) }) },
        },
      },
      async (request) => ({
        items: await funds.listBudgetLines(opOf(request), request.params.id, request.query.year),
      }),
    );

    app.post(
      "/api/funds/:id/budget-lines",
      {
        config: { policy: "funds.manage" },
        schema: {
          tags,
          summary: "Add a budget line / 新增预算科目",
          params: IdParams,
          body: CreateBudgetLineBody,
          response: { 201: BudgetLineView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await funds.createBudgetLine(opOf(request), request.params.id, request.body)),
    );

    app.get(
      "/api/funds/:id/subsidy-schemes",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "Post-hoc subsidy schemes / 事后奖补方案",
          params: IdParams,
          response: { 200: Type.Object({ items: Type.Array(SubsidySchemeView) }) },
        },
      },
      async (request) => ({ items: await funds.listSubsidySchemes(opOf(request), request.params.id) }),
    );

    app.get(
      "/api/funds/budget-lines/:id",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "A budget line / 预算科目",
          params: IdParams,
          response: { 200: BudgetLineView },
        },
      },
      async (request) => funds.getBudgetLine(opOf(request), request.params.id),
    );

    app.get(
      "/api/funds/budget-lines/:id/journals",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "A budget line's journals and postings / 记账明细",
          params: IdParams,
          querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
          response: { 200: PageOf(JournalView) },
        },
      },
      async (request) => funds.listJournals(opOf(request), request.params.id, request.query),
    );

    for (const kind of ["allocate", "deallocate"] as const) {
      app.post(
        `/api/funds/budget-lines/:id/${kind}`,
        {
          config: { policy: "funds.allocate" },
          schema: {
            tags,
            summary:
              kind === "allocate"
                ? "Allocate budget (finance) / 下达预算"
                : "Take budget back (finance) / 调减预算",
            params: IdParams,
            headers: IdempotencyHeaders,
            body: AmountBody,
            response: { 200: MovementResult },
          },
        },
        async (request, reply) =>
          sendResult(
            reply,
            await funds.allocate(
              opOf(request),
              request.params.id,
              request.body,
              idempotencyKeyOf(request),
              kind,
            ),
          ),
      );
    }

    app.post(
      "/api/funds/journals/:id/reverse",
      {
        config: { policy: "funds.allocate" },
        schema: {
          tags,
          summary: "Reverse a budget adjustment / 冲正",
          params: IdParams,
          headers: IdempotencyHeaders,
          body: Type.Object(
            { memo: Type.Optional(Type.String({ maxLength: 500 })) },
            { additionalProperties: false },
          ),
          response: { 200: MovementResult },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await funds.reverse(opOf(request), request.params.id, request.body.memo, idempotencyKeyOf(request)),
        ),
    );

    app.get(
      "/api/funds/entitlements",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "Entitlements / 资金待遇",
          querystring: ListEntitlementsQuery,
          response: { 200: PageOf(EntitlementView) },
        },
      },
      async (request) => funds.listEntitlements(opOf(request), request.query),
    );

    app.post(
      "/api/funds/entitlements",
      {
        config: { policy: "funds.manage" },
        schema: {
          tags,
          summary: "Approve an entitlement: fixed amount, reserved at once / 核定资金待遇",
          headers: IdempotencyHeaders,
          body: CreateEntitlementBody,
          response: { 201: EntitlementCreated },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await funds.createEntitlement(opOf(request), request.body, idempotencyKeyOf(request)),
        ),
    );

    app.get(
      "/api/funds/entitlements/:id",
      {
        config: { policy: "funds.readEntitlement" },
        schema: {
          tags,
          summary: "An entitlement with its stages and payments / 资金待遇详情",
          params: IdParams,
          response: { 200: EntitlementDetail },
        },
      },
      async (request) => funds.getEntitlement(opOf(request), request.params.id),
    );

    app.post(
      "/api/funds/entitlements/:id/cancel",
      {
        config: { policy: "funds.manage" },
        schema: {
          tags,
          summary: "Cancel what is not yet paid / 取消待遇",
          params: IdParams,
          headers: IdempotencyHeaders,
          body: Type.Object(
            { reason: Type.String({ minLength: 2, maxLength: 500 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ id: Type.String(), status: Type.String(), released: Type.Integer() }),
          },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await funds.cancelEntitlement(
            opOf(request),
            request.params.id,
            request.body.reason,
            idempotencyKeyOf(request),
          ),
        ),
    );

    app.post(
      "/api/funds/stages/:id/return",
      {
        config: { policy: "funds.pay" },
        schema: {
          tags,
          summary: "Paid money came back from the payee: paid → returned → available / 资金追回",
          params: IdParams,
          headers: IdempotencyHeaders,
          body: StageReturnBody,
          response: { 200: StageReturnResult },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await funds.returnStage(opOf(request), request.params.id, request.body, idempotencyKeyOf(request)),
        ),
    );

    app.post(
      "/api/funds/stages/:id/met",
      {
        config: { policy: "funds.manage" },
        schema: {
          tags,
          summary: "A stage's condition is met: it becomes payable / 阶段达成",
          params: IdParams,
          headers: IdempotencyHeaders,
          body: StageMetBody,
          response: { 200: MovementResult },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await funds.markStageMet(opOf(request), request.params.id, request.body, idempotencyKeyOf(request)),
        ),
    );

    app.post(
      "/api/funds/subsidy-schemes",
      {
        config: { policy: "funds.manage" },
        schema: {
          tags,
          summary: "Create a post-hoc subsidy scheme / 新建事后奖补方案",
          body: CreateSubsidySchemeBody,
          response: { 201: SubsidySchemeView },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await funds.createSubsidyScheme(opOf(request), request.body)),
    );

    app.post(
      "/api/funds/subsidy-schemes/:id/grant",
      {
        config: { policy: "funds.manage" },
        schema: {
          tags,
          summary: "Grant a subsidy computed from contribution / 核定事后奖补",
          params: IdParams,
          headers: IdempotencyHeaders,
          body: GrantSubsidyBody,
          response: {
            201: Type.Object({
              computed: Type.Integer(),
              capped: Type.Integer(),
              explanation: Type.Unknown(),
              entitlementId: Type.String(),
            }),
          },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await funds.grantSubsidy(opOf(request), request.params.id, request.body, idempotencyKeyOf(request)),
        ),
    );

    app.post(
      "/api/funds/contributions",
      {
        config: { policy: "funds.manage" },
        schema: {
          tags,
          summary: "Record a talent's yearly contribution / 登记贡献数据",
          body: ContributionBody,
          response: {
            200: Type.Object({
              talentUserId: Type.String(),
              year: Type.Integer(),
              salary: Nullable(Type.Integer()),
              tax: Nullable(Type.Integer()),
              output: Nullable(Type.Integer()),
            }),
          },
        },
      },
      async (request) => funds.recordContribution(opOf(request), request.body),
    );

    app.get(
      "/api/funds/batches",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "Payment batches / 支付批次",
          querystring: ListBatchesQuery,
          response: { 200: PageOf(BatchView) },
        },
      },
      async (request) => fundBatches.list(opOf(request), request.query),
    );

    app.post(
      "/api/funds/batches",
      {
        config: { policy: "funds.pay" },
        schema: {
          tags,
          summary: "Collect payable stages into a batch / 生成支付批次",
          headers: IdempotencyHeaders,
          body: CreateBatchBody,
          response: {
            201: Type.Object({
              id: Type.String(),
              total: Type.Integer(),
              lineCount: Type.Integer(),
              approvalsRequired: Type.Integer(),
              /** Payable stages left out: their payee's bank-account change awaits confirmation. */
              heldOut: Type.Array(
                Type.Object({
                  stageId: Type.String(),
                  entitlementId: Type.String(),
                  reason: Type.Object({ zh: Type.String(), en: Type.String() }),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) =>
        sendResult(reply, await fundBatches.create(opOf(request), request.body, idempotencyKeyOf(request))),
    );

    app.get(
      "/api/funds/batches/:id",
      {
        config: { policy: "funds.read" },
        schema: {
          tags,
          summary: "A payment batch with its lines / 支付批次",
          params: IdParams,
          response: { 200: BatchView },
        },
      },
      async (request) => fundBatches.get(opOf(request), request.params.id),
    );

    app.post(
      "/api/funds/batches/:id/approve",
      {
        config: { policy: "funds.pay" },
        schema: {
          tags,
          summary: "Approve a batch (two people above the limit) / 审批支付批次",
          params: IdParams,
          headers: IdempotencyHeaders,
          response: { 200: Type.Object({ id: Type.String(), status: Type.String() }) },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await fundBatches.approve(opOf(request), request.params.id, idempotencyKeyOf(request)),
        ),
    );

    app.get(
      "/api/funds/batches/:id/export",
      {
        config: { policy: "funds.pay" },
        schema: {
          tags,
          summary: "The bank payment file (CSV or xlsx, full account numbers) / 导出银行支付文件",
          params: IdParams,
          querystring: ExportQuery,
        },
      },
      async (request, reply) => {
        const format = request.query.format ?? "csv";
        const file = await fundBatches.exportFile(opOf(request), request.params.id, format);
        return reply
          .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : XLSX)
          .header("content-disposition", `attachment; filename="${file.filename}"`)
          .header("cache-control", "no-store")
          .send(file.body);
      },
    );

    app.post(
      "/api/funds/batches/:id/results",
      {
        config: { policy: "funds.pay" },
        schema: {
          tags,
          summary: "Record paid and failed lines / 登记支付结果",
          params: IdParams,
          headers: IdempotencyHeaders,
          body: BatchResultsBody,
          response: {
            200: Type.Object({
              id: Type.String(),
              status: Type.String(),
              paid: Type.Integer(),
              failed: Type.Integer(),
            }),
          },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await fundBatches.recordResults(
            opOf(request),
            request.params.id,
            request.body,
            idempotencyKeyOf(request),
          ),
        ),
    );

    app.post(
      "/api/funds/batches/:id/cancel",
      {
        config: { policy: "funds.pay" },
        schema: {
          tags,
          summary: "Withdraw a batch not yet exported / 撤销支付批次",
          params: IdParams,
          headers: IdempotencyHeaders,
          response: { 200: Type.Object({ id: Type.String(), status: Type.String() }) },
        },
      },
      async (request, reply) =>
        sendResult(
          reply,
          await fundBatches.cancel(opOf(request), request.params.id, idempotencyKeyOf(request)),
        ),
    );
  };
}
