import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";
import {
  Alias,
  CreateAliasBody,
  DocumentDetail,
  DocumentSummary,
  IdParams,
  ImportResult,
  ListDocumentsQuery,
  MAX_POLICY_BASE64,
  MeasureDetail,
  ParsedPolicyJson,
  PreviewBody,
  UpdateDocumentBody,
  UploadBody,
} from "./policy.schema.js";
import { decodeUpload } from "./policy.service.js";

const tags = ["policy"];
/** Room for the base64 of a 2 MiB file plus the JSON around it. */
const UPLOAD_BODY_LIMIT = MAX_POLICY_BASE64 + 64 * 1024;

export function policyRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      "/api/policy/parse",
      {
        config: { policy: "policy.import" },
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags,
          summary: "Parse without importing / 解析预览",
          body: PreviewBody,
          response: { 200: ParsedPolicyJson },
        },
      },
      async (request) => services.policy.preview(opOf(request), request.body),
    );

    app.post(
      "/api/policy/documents",
      {
        config: { policy: "policy.import" },
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags,
          summary: "Import a policy document / 导入政策文件",
          body: UploadBody,
          response: { 201: ImportResult },
        },
      },
      async (request, reply) => {
        const { filename, contentBase64, reportPeriod } = request.body;
        const result = await services.policy.importDocument(opOf(request), {
          filename,
          bytes: decodeUpload(contentBase64),
          ...(reportPeriod ? { reportPeriod } : {}),
        });
        return reply.code(201).send(result);
      },
    );

    app.get(
      "/api/policy/documents",
      {
        config: { policy: "policy.read" },
        schema: {
          tags,
          summary: "Policy documents / 政策文件列表",
          querystring: ListDocumentsQuery,
          response: {
            200: PageOf(DocumentSummary),
          },
        },
      },
      async (request) => services.policy.list(opOf(request), request.query),
    );

    app.get(
      "/api/policy/documents/:id",
      {
        config: { policy: "policy.read" },
        schema: {
          tags,
          summary: "A document with its sections and measures / 政策文件全文",
          params: IdParams,
          response: { 200: DocumentDetail },
        },
      },
      async (request) => services.policy.get(opOf(request), request.params.id),
    );

    app.patch(
      "/api/policy/documents/:id",
      {
        config: { policy: "policy.update" },
        schema: {
          tags,
          summary: "Set the report period / 设置报告周期",
          params: IdParams,
          body: UpdateDocumentBody,
          response: { 200: DocumentSummary },
        },
      },
      async (request) => services.policy.update(opOf(request), request.params.id, request.body),
    );

    app.get(
      "/api/policy/measures/:id",
      {
        config: { policy: "policy.read" },
        schema: { tags, summary: "A measure / 政策措施", params: IdParams, response: { 200: MeasureDetail } },
      },
      async (request) => services.policy.measure(opOf(request), request.params.id),
    );

    app.get(
      "/api/policy/aliases",
      {
        config: { policy: "policy.read" },
        schema: {
          tags,
          summary: "Unit name aliases / 单位别名",
          response: { 200: Type.Object({ items: Type.Array(Alias) }) },
        },
      },
      async (request) => ({ items: await services.policy.aliases(opOf(request)) }),
    );

    app.post(
      "/api/policy/aliases",
      {
        config: { policy: "policy.manageAliases" },
        schema: { tags, summary: "Add an alias / 新增别名", body: CreateAliasBody, response: { 201: Alias } },
      },
      async (request, reply) =>
        reply.code(201).send(await services.policy.addAlias(opOf(request), request.body)),
    );

    app.delete(
      "/api/policy/aliases/:id",
      {
        config: { policy: "policy.manageAliases" },
        schema: { tags, summary: "Remove an alias / 删除别名", params: IdParams },
      },
      async (request, reply) => {
        await services.policy.removeAlias(opOf(request), request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
