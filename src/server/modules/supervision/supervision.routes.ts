import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import { TaskParams } from "../tasks/tasks.schema.js";
import {
  IssueOrderBody,
  ListOrdersQuery,
  OrderParams,
  RespondBody,
  SupervisionOrder,
} from "./supervision.schema.js";

const tags = ["supervision"];

export function supervisionRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/supervision",
      {
        config: { policy: "supervision.read" },
        schema: {
          tags,
          summary: "Supervision orders (mine, or all for the talent office) / 督办单",
          querystring: ListOrdersQuery,
          response: {
            200: PageOf(SupervisionOrder),
          },
        },
      },
      async (request) => services.supervision.list(opOf(request), request.query),
    );

    app.get(
      "/api/tasks/:id/supervision",
      {
        config: { policy: "tasks.read" },
        schema: {
          tags,
          summary: "Supervision orders on a task / 任务督办记录",
          params: TaskParams,
          response: { 200: Type.Object({ items: Type.Array(SupervisionOrder) }) },
        },
      },
      async (request) => ({
        items: await services.supervision.listForTask(opOf(request), request.params.id),
      }),
    );

    app.post(
      "/api/tasks/:id/supervision",
      {
        config: { policy: "supervision.issue" },
        schema: {
          tags,
          summary: "Issue a supervision order / 下发督办单",
          params: TaskParams,
          body: IssueOrderBody,
          response: { 201: SupervisionOrder },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await services.supervision.issue(opOf(request), request.params.id, request.body)),
    );

    app.post(
      "/api/supervision/:id/respond",
      {
        config: { policy: "supervision.respond" },
        schema: {
          tags,
          summary: "Respond to an order / 督办反馈",
          params: OrderParams,
          body: RespondBody,
          response: { 200: SupervisionOrder },
        },
      },
      async (request) => services.supervision.respond(opOf(request), request.params.id, request.body),
    );
  };
}
