import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { opOf } from "../../http/guard.js";
import type { Services } from "../../services.js";
import {
  Adjustment,
  AdjustmentBody,
  AdjustmentParams,
  AssessmentResult,
  SchemeBody,
  SchemeView,
  UnitParams,
  UnitScore,
  YearParams,
} from "./assessment.schema.js";

const tags = ["assessment"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function assessmentRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/assessment/:year",
      {
        config: { policy: "assessment.read" },
        schema: {
          tags,
          summary: "Scores and ranking / 考核结果与排名",
          params: YearParams,
          response: { 200: AssessmentResult },
        },
      },
      async (request) => services.assessment.results(opOf(request), request.params.year),
    );

    app.get(
      "/api/assessment/:year/units/:orgId",
      {
        config: { policy: "assessment.read" },
        schema: {
          tags,
          summary: "A unit's score, line by line / 单位得分明细",
          params: UnitParams,
          response: { 200: UnitScore },
        },
      },
      async (request) =>
        services.assessment.unitScore(opOf(request), request.params.year, request.params.orgId),
    );

    app.get(
      "/api/assessment/:year/export",
      {
        config: { policy: "assessment.read" },
        schema: { tags, summary: "Export to Excel / 导出 Excel", params: YearParams },
      },
      async (request, reply) => {
        const { filename, content } = await services.assessment.exportXlsx(
          opOf(request),
          request.params.year,
        );
        return reply
          .type(XLSX)
          .header("content-disposition", `attachment; filename="${filename}"`)
          .send(content);
      },
    );

    app.get(
      "/api/assessment/:year/scheme",
      {
        config: { policy: "assessment.read" },
        schema: {
          tags,
          summary: "Indicator scheme / 考核指标",
          params: YearParams,
          response: { 200: SchemeView },
        },
      },
      async (request) => services.assessment.scheme(opOf(request), request.params.year),
    );

    app.put(
      "/api/assessment/:year/scheme",
      {
        config: { policy: "assessment.manage" },
        schema: {
          tags,
          summary: "Set the indicator scheme / 设置考核指标",
          params: YearParams,
          body: SchemeBody,
          response: { 200: SchemeView },
        },
      },
      async (request) => services.assessment.setScheme(opOf(request), request.params.year, request.body),
    );

    app.post(
      "/api/assessment/:year/adjustments",
      {
        config: { policy: "assessment.manage" },
        schema: {
          tags,
          summary: "Bonus or deduction with a reason / 加减分",
          params: YearParams,
          body: AdjustmentBody,
          response: { 201: Adjustment },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await services.assessment.addAdjustment(opOf(request), request.params.year, request.body)),
    );

    app.delete(
      "/api/assessment/:year/adjustments/:id",
      {
        config: { policy: "assessment.manage" },
        schema: { tags, summary: "Remove an adjustment / 撤销加减分", params: AdjustmentParams },
      },
      async (request, reply) => {
        await services.assessment.removeAdjustment(opOf(request), request.params.year, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
