import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { opOf } from "../../http/guard.js";
import type { ClaimService } from "./claims.service.js";

// Claims of existing registry records (claims.service.ts): the claimant's four calls and the
// talent office's list and decision.

const tags = ["registry"];
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const ClaimStatus = Type.Union([Type.Literal("pending"), Type.Literal("approved"), Type.Literal("rejected")]);
const ClaimView = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union([Type.Literal("talent"), Type.Literal("employer")]),
    status: ClaimStatus,
    recordName: Type.String(),
    sms: Type.Object({ available: Type.Boolean(), phoneMasked: Type.Union([Type.String(), Type.Null()]) }),
    nameMatches: Type.Boolean(),
    hasLetter: Type.Boolean(),
    letterFileId: Type.Union([Type.String(), Type.Null()]),
    claimant: Type.Union([
      Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }),
      Type.Null(),
    ]),
    note: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: "RegistryClaim" },
);

export function claimRoutes(claims: ClaimService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/registry/claims/mine",
      {
        config: { policy: "claims.own" },
        schema: {
          tags,
          summary: "My record claims / 我的档案认领",
          response: { 200: Type.Array(ClaimView) },
        },
      },
      async (request) => claims.mine(opOf(request)),
    );
    app.post(
      "/api/registry/claims/:id/send-code",
      {
        config: { policy: "claims.own", rateLimit: { max: 10, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Send a one-time code to the phone on the record / 向档案手机号发送验证码",
          params: IdParams,
          response: { 200: Type.Object({ phoneMasked: Type.String(), expiresAt: Type.String() }) },
        },
      },
      async (request) => claims.sendCode(opOf(request), request.params.id),
    );
    app.post(
      "/api/registry/claims/:id/verify",
      {
        config: { policy: "claims.own", rateLimit: { max: 20, timeWindow: "1 minute" } },
        schema: {
          tags,
          summary: "Enter the code / 输入验证码",
          params: IdParams,
          body: Type.Object(
            { code: Type.String({ pattern: "^\\s*\\d{6}\\s*$" }) },
            { additionalProperties: false },
          ),
          response: { 200: ClaimView },
        },
      },
      async (request) => claims.verifyCode(opOf(request), request.params.id, request.body.code),
    );
    app.post(
      "/api/registry/claims/:id/letter",
      {
        config: { policy: "claims.own" },
        schema: {
          tags,
          summary: "Attach the authorisation letter / 上传授权委托书",
          params: IdParams,
          body: Type.Object(
            { fileId: Type.String({ minLength: 1, maxLength: 64 }) },
            { additionalProperties: false },
          ),
          response: { 200: ClaimView },
        },
      },
      async (request) => claims.attachLetter(opOf(request), request.params.id, request.body.fileId),
    );
    app.get(
      "/api/registry/claims",
      {
        config: { policy: "claims.manage" },
        schema: {
          tags,
          summary: "Record claims / 档案认领审核",
          querystring: Type.Object({ status: Type.Optional(ClaimStatus) }, { additionalProperties: false }),
          response: { 200: Type.Array(ClaimView) },
        },
      },
      async (request) => claims.list(opOf(request), request.query),
    );
    app.post(
      "/api/registry/claims/:id/decision",
      {
        config: { policy: "claims.manage" },
        schema: {
          tags,
          summary: "Approve or reject a claim / 审核认领",
          params: IdParams,
          body: Type.Object(
            {
              decision: Type.Union([Type.Literal("approve"), Type.Literal("reject")]),
              note: Type.Optional(Type.String({ maxLength: 500 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ClaimView },
        },
      },
      async (request) => claims.decide(opOf(request), request.params.id, request.body),
    );
  };
}
