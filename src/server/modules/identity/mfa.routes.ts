import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { opOf } from "../../http/guard.js";
import { CodeBody, DisableBody, MfaEnrolmentView, MfaStatusView, RecoveryCodesView } from "./mfa.schema.js";
import type { MfaService } from "./mfa.service.js";

// Two-factor authentication of the caller's own account. Status, start and confirm stay open while a
// role requires 2FA that is not yet on (the guard confines such a session to them); none is open to a
// pending (password-only) session.

const tags = ["auth"];
const enrolment = { policy: "authenticated", allowDuringMfaEnrolment: true } as const;

export function mfaRoutes(mfa: MfaService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      "/api/auth/mfa",
      {
        config: enrolment,
        schema: {
          tags,
          summary: "My two-factor status / 我的两步验证状态",
          response: { 200: MfaStatusView },
        },
      },
      async (request) => mfa.status(opOf(request)),
    );

    app.post(
      "/api/auth/mfa/enrol",
      {
        config: enrolment,
        schema: {
          tags,
          summary: "Start two-factor set-up: secret, otpauth URI, QR code / 开始设置两步验证",
          response: { 200: MfaEnrolmentView },
        },
      },
      async (request) => mfa.startEnrolment(opOf(request)),
    );

    app.post(
      "/api/auth/mfa/enrol/confirm",
      {
        config: enrolment,
        schema: {
          tags,
          summary: "Confirm with a first code; returns recovery codes once / 输入验证码确认启用",
          body: CodeBody,
          response: { 200: RecoveryCodesView },
        },
      },
      async (request) => mfa.confirmEnrolment(opOf(request), request.body.code),
    );

    app.post(
      "/api/auth/mfa/disable",
      {
        config: { policy: "authenticated" },
        schema: {
          tags,
          summary: "Turn two-factor off (password + current code) / 停用两步验证",
          body: DisableBody,
        },
      },
      async (request, reply) => {
        await mfa.disable(opOf(request), request.body);
        return reply.code(204).send();
      },
    );

    app.post(
      "/api/auth/mfa/recovery-codes",
      {
        config: { policy: "authenticated" },
        schema: {
          tags,
          summary: "New recovery codes for a current code / 重新生成恢复码",
          body: CodeBody,
          response: { 200: RecoveryCodesView },
        },
      },
      async (request) => mfa.regenerateRecoveryCodes(opOf(request), request.body.code),
    );
  };
}
