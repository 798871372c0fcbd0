import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { opOf } from "../../http/guard.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import {
  DeclineBody,
  IdParams,
  ListQuery,
  OfferView,
  RunResultView,
  RunView,
  StartRunBody,
} from "./proactive.schema.js";

const tags = ["proactive"];

export function proactiveRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      "/api/proactive/runs",
      {
        config: { policy: "proactive.manage" },
        schema: {
          tags,
          summary: "Run an item's rule over the registry / 免申即享比对",
          body: StartRunBody,
          response: { 202: RunView },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await services.proactive.start(opOf(request), request.body)),
    );

    app.get(
      "/api/proactive/runs",
      {
        config: { policy: "proactive.manage" },
        schema: {
          tags,
          summary: "Runs / 比对批次",
          querystring: ListQuery,
          response: { 200: PageOf(RunView) },
        },
      },
      async (request) => services.proactive.list(opOf(request), request.query),
    );

    app.get(
      "/api/proactive/runs/:id",
      {
        config: { policy: "proactive.manage" },
        schema: {
          tags,
          summary: "A run and its progress / 比对进度",
          params: IdParams,
          response: { 200: RunView },
        },
      },
      async (request) => services.proactive.get(opOf(request), request.params.id),
    );

    app.get(
      "/api/proactive/runs/:id/results",
      {
        config: { policy: "proactive.manage" },
        schema: {
          tags,
          summary: "Eligible talents of a run (masked) / 比对结果",
          params: IdParams,
          querystring: ListQuery,
          response: { 200: PageOf(RunResultView) },
        },
      },
      async (request) => services.proactive.results(opOf(request), request.params.id, request.query),
    );

    app.get(
      "/api/proactive/offers/mine",
      {
        config: { policy: "proactive.offers" },
        schema: {
          tags,
          summary: "My offers / 我的免申即享",
          querystring: ListQuery,
          response: { 200: PageOf(OfferView) },
        },
      },
      async (request) => services.proactive.myOffers(opOf(request), request.query),
    );

    app.post(
      "/api/proactive/offers/:id/accept",
      {
        config: { policy: "proactive.offers" },
        schema: { tags, summary: "Accept / 确认享受", params: IdParams, response: { 200: OfferView } },
      },
      async (request) => services.proactive.accept(opOf(request), request.params.id),
    );

    app.post(
      "/api/proactive/offers/:id/decline",
      {
        config: { policy: "proactive.offers" },
        schema: {
          tags,
          summary: "Decline / 放弃",
          params: IdParams,
          body: DeclineBody,
          response: { 200: OfferView },
        },
      },
      async (request) => services.proactive.decline(opOf(request), request.params.id, request.body.reason),
    );
  };
}
