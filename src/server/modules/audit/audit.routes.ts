import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import { PageOf } from "../../lib/pagination.js";
import type { Services } from "../../services.js";

const tags = ["audit"];
const Result = Type.Union([Type.Literal("ok"), Type.Literal("denied"), Type.Literal("failed")]);

const AuditRow = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  objectType: Type.Union([Type.String(), Type.Null()]),
  objectId: Type.Union([Type.String(), Type.Null()]),
  result: Result,
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  hash: Type.String(),
});

const Retention = Type.Object({
  days: Type.Integer(),
  minimumDays: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()]),
});

const AuditQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    action: Type.Optional(Type.String({ maxLength: 80 })),
    actor: Type.Optional(Type.String({ maxLength: 40 })),
    result: Type.Optional(Result),
    from: Type.Optional(Type.String({ format: "date-time" })),
    to: Type.Optional(Type.String({ format: "date-time" })),
  },
  { additionalProperties: false },
);

export function auditRoutes(services: Services): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/audit",
      {
        config: { policy: "audit.read" },
        schema: {
          tags,
          summary: "Audit trail / 审计日志",
          querystring: AuditQuery,
          response: {
            200: PageOf(AuditRow),
          },
        },
      },
      async (request) => services.audit.list(opOf(request), request.query),
    );

    app.get(
      "/api/audit/retention",
      {
        config: { policy: "audit.readRetention" },
        schema: {
          tags,
          summary: "Audit retention period / 审计记录保存期限",
          response: { 200: Retention },
        },
      },
      async (request) => services.audit.readRetention(opOf(request)),
    );

    app.put(
      "/api/audit/retention",
      {
        config: { policy: "audit.updateRetention" },
        schema: {
          tags,
          summary: "Set the audit retention period (≥ 183 days) / 设置审计记录保存期限",
          body: Type.Object({ days: Type.Integer({ maximum: 36_500 }) }, { additionalProperties: false }),
          response: { 200: Retention },
        },
      },
      async (request) => services.audit.updateRetention(opOf(request), request.body.days),
    );

    app.post(
      "/api/audit/verify",
      {
        config: { policy: "audit.verify" },
        schema: {
          tags,
          summary: "Verify the hash chain / 校验审计链",
          response: {
            200: Type.Object({
              ok: Type.Boolean(),
              checked: Type.Integer(),
              firstBroken: Type.Union([
                Type.Object({ seq: Type.Integer(), reason: Type.String() }),
                Type.Null(),
              ]),
            }),
          },
        },
      },
      async (request) => services.audit.verify(opOf(request)),
    );
  };
}
