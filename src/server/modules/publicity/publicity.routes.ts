import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf, requestMeta } from "../../http/guard.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import {
  AnswerBody,
  ListNoticesQuery,
  LodgeObjectionBody,
  NoticeDetail,
  NoticeParams,
  NoticeSummary,
  Objection,
  ObjectionParams,
  PublicNotice,
} from "./publicity.schema.js";

const tags = ["publicity"];

/** Lodging is public: a client may lodge a few dozen objections a minute. */
export const LODGE_RATE_LIMIT = { max: 30, timeWindow: "1 minute" };

export function publicityRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/public/publicity/:id",
      {
        config: { policy: "public" },
        schema: {
          tags,
          summary: "A publicity notice as the public sees it / 公示（公开）",
          params: NoticeParams,
          response: { 200: PublicNotice },
        },
      },
      async (request) => services.publicity.publicView(request.params.id),
    );

    app.post(
      "/api/public/publicity/:id/objections",
      {
        config: { policy: "public", rateLimit: LODGE_RATE_LIMIT },
        schema: {
          tags,
          summary: "Lodge an objection / 提出异议",
          params: NoticeParams,
          body: LodgeObjectionBody,
          response: { 201: Type.Object({ id: Type.String(), createdAt: Type.String() }) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await services.publicity.lodge(requestMeta(request), request.params.id, request.body)),
    );

    app.get(
      "/api/publicity",
      {
        config: { policy: "publicity.read" },
        schema: {
          tags,
          summary: "Publicity notices of my organisation / 本单位公示",
          querystring: ListNoticesQuery,
          response: { 200: PageOf(NoticeSummary) },
        },
      },
      async (request) => services.publicity.list(opOf(request), request.query),
    );

    app.get(
      "/api/publicity/:id",
      {
        config: { policy: "publicity.read" },
        schema: {
          tags,
          summary: "A notice with its list and objections / 公示详情与异议",
          params: NoticeParams,
          response: { 200: NoticeDetail },
        },
      },
      async (request) => services.publicity.get(opOf(request), request.params.id),
    );

    app.post(
      "/api/publicity/:id/objections/:objectionId/answer",
      {
        config: { policy: "publicity.answer" },
        schema: {
          tags,
          summary: "Answer an objection / 答复异议",
          params: ObjectionParams,
          body: AnswerBody,
          response: { 200: Objection },
        },
      },
      async (request) =>
        services.publicity.answer(opOf(request), request.params.id, request.params.objectionId, request.body),
    );
  };
}
