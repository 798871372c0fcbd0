import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.js";

// The session and CSRF cookies. Over https (PUBLIC_ORIGIN https://…, or a trusted proxy's
// X-Forwarded-Proto: https) they carry the `__Host-` prefix, which the browser only accepts with
// Secure, Path=/ and no Domain: no sibling subdomain can plant or overwrite them.

export const SESSION_COOKIE = "rencai_sid";
export const CSRF_COOKIE = "rencai_csrf";
export const HOST_PREFIX = "__Host-";

/** Whether this request is served over https (request.protocol honours X-Forwarded-Proto only with TRUST_PROXY). */
export function servedOverHttps(config: Config, request: FastifyRequest): boolean {
  return request.protocol === "https" || (config.publicOrigin?.startsWith("https://") ?? false);
}

export function cookieNames(secure: boolean): { session: string; csrf: string } {
  return secure
    ? { session: `${HOST_PREFIX}${SESSION_COOKIE}`, csrf: `${HOST_PREFIX}${CSRF_COOKIE}` }
    : { session: SESSION_COOKIE, csrf: CSRF_COOKIE };
}

/** The session token this request carries, under the name its scheme uses. */
export function sessionCookieOf(config: Config, request: FastifyRequest): string | undefined {
  return request.cookies[cookieNames(servedOverHttps(config, request)).session];
}

export function setSessionCookies(
  config: Config,
  request: FastifyRequest,
  reply: FastifyReply,
  issued: { token: string; csrfToken: string; expiresAt: string },
): void {
  const secure = servedOverHttps(config, request);
  const names = cookieNames(secure);
  const expires = new Date(issued.expiresAt);
  reply.setCookie(names.session, issued.token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    expires,
  });
  // Readable by the page's script so it can echo it in X-CSRF-Token; useless to another site.
  reply.setCookie(names.csrf, issued.csrfToken, {
    path: "/",
    httpOnly: false,
    sameSite: "strict",
    secure,
    expires,
  });
}

export function clearSessionCookies(config: Config, request: FastifyRequest, reply: FastifyReply): void {
  const secure = servedOverHttps(config, request);
  const names = cookieNames(secure);
  reply.clearCookie(names.session, { path: "/", secure });
  reply.clearCookie(names.csrf, { path: "/", secure });
}
