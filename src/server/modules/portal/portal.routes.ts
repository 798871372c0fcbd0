import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { opOf } from "../../http/guard.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import {
  ArticleContentBody,
  ArticleDetail,
  ArticleParams,
  ArticleSummary,
  ImportPolicyBody,
  ListArticlesQuery,
  PinBody,
  PublishBody,
} from "./portal.schema.js";

const tags = ["portal"];

/** The editors' API (talent office): articles, scheduling, pinning, withdrawal, policy import. */
export function portalRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    const manage = { policy: "portal.manage" };

    app.get(
      "/api/portal/articles",
      {
        config: manage,
        schema: {
          tags,
          summary: "Articles (all states) / 文章管理",
          querystring: ListArticlesQuery,
          response: { 200: PageOf(ArticleSummary) },
        },
      },
      async (request) => services.portal.list(opOf(request), request.query),
    );

    app.post(
      "/api/portal/articles",
      {
        config: manage,
        schema: {
          tags,
          summary: "Write an article (a draft) / 新建文章",
          body: ArticleContentBody,
          response: { 201: ArticleDetail },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await services.portal.create(opOf(request), request.body)),
    );

    app.post(
      "/api/portal/articles/import-policy",
      {
        config: manage,
        schema: {
          tags,
          summary:
            "Import a plain-text policy as a published article linked to its parsed document / 导入政策文件",
          body: ImportPolicyBody,
          response: { 201: ArticleDetail },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await services.portal.importPolicy(opOf(request), request.body)),
    );

    app.get(
      "/api/portal/articles/:id",
      {
        config: manage,
        schema: {
          tags,
          summary: "One article / 文章详情",
          params: ArticleParams,
          response: { 200: ArticleDetail },
        },
      },
      async (request) => services.portal.get(opOf(request), request.params.id),
    );

    app.put(
      "/api/portal/articles/:id",
      {
        config: manage,
        schema: {
          tags,
          summary: "Edit an article / 修改文章",
          params: ArticleParams,
          body: ArticleContentBody,
          response: { 200: ArticleDetail },
        },
      },
      async (request) => services.portal.update(opOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/portal/articles/:id/publish",
      {
        config: manage,
        schema: {
          tags,
          summary: "Publish now or at a set time / 发布（可定时）",
          params: ArticleParams,
          body: PublishBody,
          response: { 200: ArticleDetail },
        },
      },
      async (request) => services.portal.publish(opOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/portal/articles/:id/withdraw",
      {
        config: manage,
        schema: { tags, summary: "Withdraw / 撤回", params: ArticleParams, response: { 200: ArticleDetail } },
      },
      async (request) => services.portal.withdraw(opOf(request), request.params.id),
    );

    app.post(
      "/api/portal/articles/:id/pin",
      {
        config: manage,
        schema: {
          tags,
          summary: "Pin or unpin / 置顶",
          params: ArticleParams,
          body: PinBody,
          response: { 200: ArticleDetail },
        },
      },
      async (request) => services.portal.pin(opOf(request), request.params.id, request.body.pinned),
    );
  };
}
