import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { Config } from "../../config.js";
import { clearSessionCookies, sessionCookieOf, setSessionCookies } from "../../http/cookies.js";
import { opOf, requestMeta } from "../../http/guard.js";
import { type Actor, can } from "../../lib/authz.js";
import type { Services } from "../../services.js";
import { seesFunds } from "../funds/funds.policy.js";
import { seesHrAgencies, seesOwnHrAgency } from "../hr-agencies/hr-agencies.policy.js";
import { RecoveryCode, TotpCode } from "./mfa.schema.js";
import type { MfaState } from "./session.service.js";
import { RoleGrantView } from "./users.schema.js";

const Me = Type.Object(
  {
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    org: Type.Object({ id: Type.String(), name: Type.String() }),
    roles: Type.Array(RoleGrantView),
    mustChangePassword: Type.Boolean(),
    /** Two-factor authentication is on for this account. */
    mfaEnabled: Type.Boolean(),
    /** A role requires 2FA and it is not on: only the account page's enrolment is open. */
    mfaEnrolmentRequired: Type.Boolean(),
    csrfToken: Type.String(),
    unreadNotifications: Type.Integer(),
    nav: Type.Array(Type.String()),
  },
  { $id: "Me" },
);

/** The areas of the UI this actor may open, derived from the same policies the routes enforce. */
export function navFor(actor: Actor): string[] {
  const nav = ["home", "notifications", "account"];
  if (can(actor, "orgs.read")) nav.push("orgs");
  if (can(actor, "users.list")) nav.push("users");
  if (can(actor, "audit.read")) nav.push("audit");
  if (can(actor, "settings.readSecurity")) nav.push("security");
  if (can(actor, "policy.read")) nav.push("policy");
  if (can(actor, "tasks.read")) nav.push("tasks");
  if (can(actor, "supervision.read")) nav.push("supervision");
  if (can(actor, "assessment.read")) nav.push("assessment");
  if (can(actor, "registry.manageTalents")) nav.push("talents", "employers");
  if (can(actor, "registry.readOwn")) nav.push("myProfile");
  if (can(actor, "catalogue.manage")) nav.push("catalogue");
  if (can(actor, "applications.apply")) nav.push("apply", "myApplications");
  if (can(actor, "applications.handle")) nav.push("workbench");
  if (can(actor, "holidays.manage")) nav.push("holidays");
  if (can(actor, "portal.manage")) nav.push("articles");
  if (can(actor, "publicity.read")) nav.push("publicity");
  if (can(actor, "calculator.me")) nav.push("calculator");
  if (can(actor, "proactive.offers")) nav.push("myOffers");
  if (can(actor, "proactive.manage")) nav.push("proactive");
  if (seesFunds(actor)) nav.push("funds");
  if (can(actor, "funds.mine")) nav.push("myFunds");
  if (can(actor, "claims.own")) nav.push("myClaims");
  if (can(actor, "claims.manage")) nav.push("claims");
  if (can(actor, "certificates.readOwn")) nav.push("myCertificates");
  if (can(actor, "certificates.list")) nav.push("certificates");
  if (seesHrAgencies(actor)) nav.push("hrAgencies");
  if (seesOwnHrAgency(actor)) nav.push("myHrAgency");
  if (can(actor, "reports.clauses")) nav.push("clauseReport");
  if (can(actor, "reports.cockpit")) nav.push("cockpit");
  if (can(actor, "evaluation.score")) nav.push("myReviews");
  if (can(actor, "evaluation.manageRounds")) nav.push("evaluationRounds");
  return nav;
}

const LoginResult = Type.Object({
  /** Absent while the second factor is pending. */
  user: Type.Optional(Me),
  csrfToken: Type.String(),
  /** The password was right and the account uses 2FA: POST /api/auth/login/mfa next. */
  mfaRequired: Type.Boolean(),
});

export function authRoutes(services: Services, config: Config): FastifyPluginAsyncTypebox {
  async function me(actor: Actor, csrfToken: string, mfa: MfaState) {
    const orgIds = [...new Set([actor.orgId, ...actor.roles.map((g) => g.orgId)])];
    const [names, unread, runsRounds] = await Promise.all([
      services.orgs.namesOf(orgIds),
      services.notifications.unreadCount(actor.userId),
      services.evaluation.runsRounds(actor),
    ]);
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      org: { id: actor.orgId, name: names.get(actor.orgId) ?? "" },
      roles: actor.roles.map((g) => ({ ...g, orgName: names.get(g.orgId) ?? "" })),
      mustChangePassword: actor.mustChangePassword,
      mfaEnabled: mfa.enabled,
      mfaEnrolmentRequired: mfa.enrolmentRequired,
      csrfToken,
      unreadNotifications: unread,
      // 评审批次 only for the office and the staff of an organisation that runs rounds.
      nav: navFor(actor).filter((k) => k !== "evaluationRounds" || runsRounds),
    };
  }

  return async (app) => {
    app.post(
      "/api/auth/login",
      {
        config: {
          policy: "public",
          rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["auth"],
          summary: "Log in / 登录",
          body: Type.Object(
            {
              username: Type.String({ minLength: 1, maxLength: 64 }),
              password: Type.String({ minLength: 1, maxLength: 256 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: LoginResult },
        },
      },
      async (request, reply) => {
        const { userId, session, mfaPending } = await services.auth.login(
          request.body,
          requestMeta(request),
          sessionCookieOf(config, request),
        );
        setSessionCookies(config, request, reply, session);
        if (mfaPending) return { csrfToken: session.csrfToken, mfaRequired: true };
        const resolved = await services.resolveSession(session.token);
        if (!resolved) throw new Error(`session for ${userId} vanished right after login`);
        return {
          user: await me(resolved.actor, session.csrfToken, resolved.mfa),
          csrfToken: session.csrfToken,
          mfaRequired: false,
        };
      },
    );

    app.post(
      "/api/auth/login/mfa",
      {
        config: {
          policy: "authenticated",
          allowDuringMfaPending: true,
          allowDuringPasswordChange: true,
          rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["auth"],
          summary: "Second login step: a two-factor code or a recovery code / 登录第二步：两步验证码或恢复码",
          body: Type.Union(
            [
              Type.Object({ code: TotpCode }, { additionalProperties: false }),
              Type.Object({ recoveryCode: RecoveryCode }, { additionalProperties: false }),
            ],
            { description: "exactly one of code and recoveryCode" },
          ),
          response: { 200: LoginResult },
        },
      },
      async (request, reply) => {
        const actor = request.actor!;
        const body = request.body;
        const session = await services.mfa.completeLogin(
          {
            userId: actor.userId,
            sessionHash: request.sessionHash!,
            isPending: request.mfa?.pending === true,
          },
          "code" in body ? { code: body.code } : { recoveryCode: body.recoveryCode },
          requestMeta(request),
        );
        setSessionCookies(config, request, reply, session);
        const resolved = await services.resolveSession(session.token);
        if (!resolved) throw new Error(`session for ${actor.userId} vanished right after login`);
        return {
          user: await me(resolved.actor, session.csrfToken, resolved.mfa),
          csrfToken: session.csrfToken,
          mfaRequired: false,
        };
      },
    );

    app.post(
      "/api/auth/logout",
      {
        config: {
          policy: "authenticated",
          allowDuringPasswordChange: true,
          allowDuringMfaPending: true,
          allowDuringMfaEnrolment: true,
        },
        schema: { tags: ["auth"], summary: "Log out / 退出" },
      },
      async (request, reply) => {
        await services.auth.logout(opOf(request), request.sessionHash!);
        clearSessionCookies(config, request, reply);
        return reply.code(204).send();
      },
    );

    app.get(
      "/api/auth/me",
      {
        config: { policy: "authenticated", allowDuringPasswordChange: true, allowDuringMfaEnrolment: true },
        schema: { tags: ["auth"], summary: "Who am I / 当前用户", response: { 200: Me } },
      },
      async (request) => me(request.actor!, request.csrfToken!, request.mfa!),
    );

    app.get(
      "/api/auth/password-policy",
      {
        config: { policy: "public" },
        schema: {
          tags: ["auth"],
          response: { 200: Type.Object({ minLength: Type.Integer(), minClasses: Type.Integer() }) },
        },
      },
      async () => {
        const s = await services.settings.security();
        return { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses };
      },
    );

    app.post(
      "/api/auth/password-reset",
      {
        config: {
          policy: "public",
          rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["auth"],
          summary: "Set a new password with a one-time reset link / 用一次性链接设置新密码",
          body: Type.Object(
            {
              token: Type.String({ minLength: 20, maxLength: 100 }),
              newPassword: Type.String({ minLength: 1, maxLength: 256 }),
            },
            { additionalProperties: false },
          ),
        },
      },
      async (request, reply) => {
        await services.passwordReset.redeem(requestMeta(request), request.body);
        return reply.code(204).send();
      },
    );

    app.post(
      "/api/auth/password",
      {
        config: { policy: "authenticated", allowDuringPasswordChange: true, allowDuringMfaEnrolment: true },
        schema: {
          tags: ["auth"],
          summary: "Change my password / 修改密码",
          body: Type.Object(
            {
              currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
              newPassword: Type.String({ minLength: 1, maxLength: 256 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ csrfToken: Type.String() }) },
        },
      },
      async (request, reply) => {
        const issued = await services.auth.changePassword(opOf(request), request.body);
        setSessionCookies(config, request, reply, issued);
        return { csrfToken: issued.csrfToken };
      },
    );
  };
}
