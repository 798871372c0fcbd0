import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import { idempotencyKeyOf } from "../../lib/idempotency.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import {
  Application,
  ApplicationParams,
  ApplicationSummary,
  CreateApplicationBody,
  DecisionBody,
  MineQuery,
  OverviewQuery,
  RevealedForm,
  RevealFormBody,
  UpdateApplicationBody,
  WithdrawBody,
  WorkbenchQuery,
} from "./applications.schema.js";

const tags = ["applications"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function applicationRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      "/api/applications",
      {
        config: { policy: "applications.apply" },
        schema: {
          tags,
          summary: "Start an application (a draft) / 新建申请",
          body: CreateApplicationBody,
          response: { 201: Application },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await services.applications.create(opOf(request), request.body)),
    );

    app.get(
      "/api/applications/mine",
      {
        config: { policy: "applications.apply" },
        schema: {
          tags,
          summary: "My applications / 我的申请",
          querystring: MineQuery,
          response: { 200: PageOf(ApplicationSummary) },
        },
      },
      async (request) => services.applications.mine(opOf(request), request.query),
    );

    app.get(
      "/api/applications/overview",
      {
        config: { policy: "applications.oversee" },
        schema: {
          tags,
          summary: "Cases overdue or due today across departments / 超期与今日到期办件",
          querystring: OverviewQuery,
          response: { 200: PageOf(ApplicationSummary) },
        },
      },
      async (request) => services.applications.overview(opOf(request), request.query),
    );

    app.get(
      "/api/applications/:id",
      {
        config: { policy: "applications.read" },
        schema: {
          tags,
          summary: "An application / 办件详情",
          params: ApplicationParams,
          response: { 200: Application },
        },
      },
      async (request) => services.applications.get(opOf(request), request.params.id),
    );

    app.patch(
      "/api/applications/:id",
      {
        config: { policy: "applications.apply" },
        schema: {
          tags,
          summary: "Fill in the form and materials / 填写表单、上传材料",
          params: ApplicationParams,
          body: UpdateApplicationBody,
          response: { 200: Application },
        },
      },
      async (request) => services.applications.update(opOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/applications/:id/submit",
      {
        config: { policy: "applications.apply" },
        schema: {
          tags,
          summary: "Submit or resubmit (Idempotency-Key) / 提交申请",
          params: ApplicationParams,
          headers: Type.Object({ "idempotency-key": Type.Optional(Type.String()) }),
          response: { 200: Application },
        },
      },
      async (request) =>
        services.applications.submit(opOf(request), request.params.id, idempotencyKeyOf(request)),
    );

    app.post(
      "/api/applications/:id/reveal",
      {
        config: { policy: "applications.reveal" },
        schema: {
          tags,
          summary:
            "Full ID number / phone / bank account of the form, with a reason (audited) / 查看完整个人信息（须说明理由，留痕）",
          params: ApplicationParams,
          body: RevealFormBody,
          response: { 200: RevealedForm },
        },
      },
      async (request) => services.applications.revealForm(opOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/applications/:id/withdraw",
      {
        config: { policy: "applications.apply" },
        schema: {
          tags,
          summary: "Withdraw before the first decision / 撤回申请",
          params: ApplicationParams,
          body: WithdrawBody,
          response: { 200: Application },
        },
      },
      async (request) =>
        services.applications.withdraw(opOf(request), request.params.id, request.body.reason),
    );

    app.post(
      "/api/applications/:id/decisions",
      {
        config: { policy: "applications.handle" },
        schema: {
          tags,
          summary: "Approve, return, reject or revoke at the current step / 审批",
          params: ApplicationParams,
          body: DecisionBody,
          response: { 200: Application },
        },
      },
      async (request) => services.applications.decide(opOf(request), request.params.id, request.body),
    );

    app.get(
      "/api/workbench",
      {
        config: { policy: "applications.handle" },
        schema: {
          tags,
          summary: "Applications waiting at my organisation's steps / 待办",
          querystring: WorkbenchQuery,
          response: { 200: PageOf(ApplicationSummary) },
        },
      },
      async (request) => services.applications.workbench(opOf(request), request.query),
    );

    app.get(
      "/api/workbench/export.xlsx",
      {
        config: { policy: "applications.handle" },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: "Export the filtered queue / 导出",
          querystring: WorkbenchQuery,
          produces: [XLSX],
        },
      },
      async (request, reply) => {
        const bytes = await services.applications.exportWorkbench(opOf(request), request.query);
        return reply
          .type(XLSX)
          .header("content-disposition", `attachment; filename="workbench.xlsx"`)
          .header("cache-control", "private, no-store")
          .send(bytes);
      },
    );
  };
}
