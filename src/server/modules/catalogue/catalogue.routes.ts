import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import { notFound } from "../../lib/errors.js";
import type { Services } from "../../services.js";
import {
  CatalogueItem,
  CatalogueQuery,
  CatalogueSummary,
  CodeParams,
  CreateItemBody,
  DraftBody,
  HolidayBody,
  HolidayDay,
  HolidayParams,
  HolidayQuery,
  ItemParams,
  ManagedItem,
  MeasuresBody,
  PowerListRow,
  VersionQuery,
} from "./catalogue.schema.js";
import { FormSchema } from "./form-schema.js";

const tags = ["catalogue"];

export function catalogueRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/catalogue",
      {
        config: { policy: "public" },
        schema: {
          tags,
          summary: "Published service items / 服务事项目录",
          querystring: CatalogueQuery,
          response: { 200: Type.Object({ items: Type.Array(CatalogueSummary) }) },
        },
      },
      async (request) => ({ items: await services.catalogue.listPublished(request.query) }),
    );

    app.get(
      "/api/catalogue/power-list",
      {
        config: { policy: "public" },
        schema: {
          tags,
          summary: "Power and responsibility lists / 权力清单和责任清单",
          response: { 200: Type.Object({ items: Type.Array(PowerListRow) }) },
        },
      },
      async () => ({ items: await services.catalogue.powerList() }),
    );

    app.get(
      "/api/catalogue/form-schema",
      {
        config: { policy: "public" },
        schema: { tags, summary: "The form schema subset / 表单模式子集说明" },
      },
      async () => FormSchema,
    );

    app.get(
      "/api/catalogue/:code",
      {
        config: { policy: "public" },
        schema: {
          tags,
          summary: "A published service item / 办事指南",
          params: CodeParams,
          querystring: VersionQuery,
          response: { 200: CatalogueItem },
        },
      },
      async (request) => {
        const item = await services.catalogue.getPublished(request.params.code, request.query.version);
        if (!item) throw notFound({ zh: "服务事项", en: "Service item" });
        return item;
      },
    );

    app.get(
      "/api/catalogue/manage/items",
      {
        config: { policy: "catalogue.manage" },
        schema: {
          tags,
          summary: "All items with drafts and versions / 事项管理",
          response: { 200: Type.Object({ items: Type.Array(ManagedItem) }) },
        },
      },
      async (request) => ({ items: await services.catalogue.listManaged(opOf(request)) }),
    );

    app.post(
      "/api/catalogue/manage/items",
      {
        config: { policy: "catalogue.manage" },
        schema: {
          tags,
          summary: "Create an item (a draft) / 新建事项",
          body: CreateItemBody,
          response: { 201: ManagedItem },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await services.catalogue.create(opOf(request), request.body)),
    );

    app.get(
      "/api/catalogue/manage/items/:id",
      {
        config: { policy: "catalogue.manage" },
        schema: { tags, summary: "An item / 事项详情", params: ItemParams, response: { 200: ManagedItem } },
      },
      async (request) => services.catalogue.getManaged(opOf(request), request.params.id),
    );

    app.put(
      "/api/catalogue/manage/items/:id/draft",
      {
        config: { policy: "catalogue.manage" },
        schema: {
          tags,
          summary: "Save the draft / 保存草稿",
          params: ItemParams,
          body: DraftBody,
          response: { 200: ManagedItem },
        },
      },
      async (request) => services.catalogue.saveDraft(opOf(request), request.params.id, request.body.content),
    );

    app.post(
      "/api/catalogue/manage/items/:id/publish",
      {
        config: { policy: "catalogue.manage" },
        schema: {
          tags,
          summary: "Publish the draft as a new version / 发布新版本",
          params: ItemParams,
          response: { 200: ManagedItem },
        },
      },
      async (request) => services.catalogue.publish(opOf(request), request.params.id),
    );

    app.put(
      "/api/catalogue/manage/items/:id/measures",
      {
        config: { policy: "catalogue.manage" },
        schema: {
          tags,
          summary: "Link the policy measures the item implements / 关联政策条款",
          params: ItemParams,
          body: MeasuresBody,
          response: { 200: ManagedItem },
        },
      },
      async (request) =>
        services.catalogue.setMeasures(opOf(request), request.params.id, request.body.measureIds),
    );

    app.get(
      "/api/holidays",
      {
        config: { policy: "authenticated" },
        schema: {
          tags,
          summary: "Holiday calendar / 节假日安排",
          querystring: HolidayQuery,
          response: { 200: Type.Object({ items: Type.Array(HolidayDay) }) },
        },
      },
      async (request) => ({ items: await services.holidays.list(request.query.year) }),
    );

    app.put(
      "/api/holidays/:date",
      {
        config: { policy: "holidays.manage" },
        schema: {
          tags,
          summary: "Set a holiday or make-up working day / 设置节假日或调休",
          params: HolidayParams,
          body: HolidayBody,
          response: { 200: HolidayDay },
        },
      },
      async (request) => services.holidays.put(opOf(request), request.params.date, request.body),
    );

    app.delete(
      "/api/holidays/:date",
      {
        config: { policy: "holidays.manage" },
        schema: {
          tags,
          summary: "Remove a calendar entry / 删除",
          params: HolidayParams,
          response: { 200: Type.Object({ ok: Type.Boolean() }) },
        },
      },
      async (request) => {
        await services.holidays.remove(opOf(request), request.params.date);
        return { ok: true };
      },
    );
  };
}
