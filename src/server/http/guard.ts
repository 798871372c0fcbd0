import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import { type Actor, can, isKnownPolicy, PUBLIC } from "../lib/authz.js";
import type { Op, RequestMeta } from "../lib/context.js";
import { AppError, forbidden, unauthenticated } from "../lib/errors.js";
import type { MfaState, SessionResolver } from "../modules/identity/session.service.js";
import { sessionCookieOf } from "./cookies.js";
import { makeUserRateLimiter } from "./user-rate-limit.js";

export { CSRF_COOKIE, SESSION_COOKIE } from "./cookies.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The rule that gates this route: a registered `domain.action`, "authenticated" or "public". */
    policy?: string;
    /** Routes a user who must change their password may still call. */
    allowDuringPasswordChange?: boolean;
    /** Routes a session that has passed only the password (second factor pending) may call. */
    allowDuringMfaPending?: boolean;
    /** Routes a user whose role requires 2FA and who has not enrolled may still call. */
    allowDuringMfaEnrolment?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    mfa: MfaState | null;
    sessionHash: string | null;
    csrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers["user-agent"];
  return { ip: request.ip ?? null, requestId: request.id, userAgent: typeof ua === "string" ? ua : null };
}

/** The Origin a state-changing request must carry. In production PUBLIC_ORIGIN is required (config.ts
 * refuses to start without it), so the Host header, which the client chooses, is never trusted there. */
export function expectedOrigin(config: Config, request: FastifyRequest): string {
  if (config.publicOrigin !== null) return config.publicOrigin;
  if (config.production) throw new Error("PUBLIC_ORIGIN is required in production");
  return `${request.protocol}://${request.host}`;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const csrfFailed = () =>
  new AppError("forbidden", "CSRF_FAILED", {
    zh: "请求来源校验失败，请刷新页面后重试",
    en: "Cross-site request check failed; reload the page and try again",
  });

export const passwordChangeRequired = () =>
  new AppError("forbidden", "PASSWORD_CHANGE_REQUIRED", {
    zh: "首次登录或密码被重置后，须先修改密码",
    en: "You must change your password before continuing",
  });

export const mfaRequired = () =>
  new AppError("unauthenticated", "MFA_REQUIRED", {
    zh: "请输入两步验证码完成登录",
    en: "Enter your two-factor authentication code to finish signing in",
  });

export const mfaEnrolmentRequired = () =>
  new AppError("forbidden", "MFA_ENROLMENT_REQUIRED", {
    zh: "你的角色要求启用两步验证，请先在“我的账户”中完成设置",
    en: "Your role requires two-factor authentication; set it up under My account first",
  });

/**
 * Runs before body parsing on every route: resolves the session, enforces CSRF on state changes,
 * the second login step, the forced password change, the 2FA enrolment a role requires, and the
 * route's declared policy.
 */
export function registerGuard(app: FastifyInstance, config: Config, resolveSession: SessionResolver) {
  const limiter = makeUserRateLimiter(config.apiRateLimitPerMinute);
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionHash", null);
  app.decorateRequest("csrfToken", null);
  app.decorateRequest("mfa", null);

  app.addHook("onRoute", (route) => {
    const policy = route.config?.policy;
    if (policy !== undefined && !isKnownPolicy(policy))
      throw new Error(`route ${route.method} ${route.url} names unknown policy ${policy}`);
  });

  app.addHook("onRequest", async (request) => {
    const policy = request.routeOptions.config?.policy;
    if (policy === undefined) return;
    const unsafe = !SAFE_METHODS.has(request.method);
    const origin = request.headers.origin;
    const originMatches = typeof origin === "string" && origin === expectedOrigin(config, request);

    if (policy === PUBLIC) {
      // Public state changes (login) carry no session yet; a foreign Origin is still refused.
      if (unsafe && typeof origin === "string" && !originMatches) throw csrfFailed();
      return;
    }

    const session = await resolveSession(sessionCookieOf(config, request));
    if (!session) throw unauthenticated();
    request.actor = session.actor;
    request.sessionHash = session.idHash;
    request.csrfToken = session.csrfToken;
    request.mfa = session.mfa;
    limiter.hit(session.actor.userId);

    if (unsafe) {
      const header = request.headers["x-csrf-token"];
      const tokenMatches = typeof header === "string" && sameToken(header, session.csrfToken);
      if (!tokenMatches && !originMatches) throw csrfFailed();
    }
    const route = request.routeOptions.config;
    // A password alone is not a session: until the second factor, only the second step (and logout).
    if (session.mfa.pending && !route?.allowDuringMfaPending) throw mfaRequired();
    if (session.actor.mustChangePassword && !route?.allowDuringPasswordChange) {
      throw passwordChangeRequired();
    }
    if (session.mfa.enrolmentRequired && !route?.allowDuringMfaEnrolment) throw mfaEnrolmentRequired();
    // The error handler records the denial in the audit trail.
    if (!can(session.actor, policy)) throw forbidden();
  });
}

/** The operation a guarded route performs: its actor (present: the guard ran) and request metadata. */
export function opOf(request: FastifyRequest): Op {
  if (!request.actor) throw unauthenticated();
  return { actor: request.actor, meta: requestMeta(request) };
}
