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
