import { createHash } from "node:crypto";
import type { Actor, Role, RoleGrant } from "../../lib/authz.js";
import type { Deps, RequestMeta, Trx } from "../../lib/context.js";
import { randomToken } from "../../lib/ids.js";
import type { SecuritySettings } from "../settings/settings.schema.js";
import { deleteSessionsOfUser, findSession, rolesOf } from "./identity.repo.js";

// Server-side sessions: the cookie holds a 256-bit random token, the database only its SHA-256,
// so a leaked database does not yield live sessions.

const TOUCH_EVERY_MS = 60_000;
/** A session that has passed the password but not the second factor lives at most this long. */
export const MFA_PENDING_MS = 5 * 60_000;

export const hashSessionToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export async function issueSession(
  trx: Trx,
  now: Date,
  userId: string,
  meta: RequestMeta,
  settings: SecuritySettings,
  options: { mfaPending?: boolean } = {},
): Promise<IssuedSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const lifetime = options.mfaPending ? MFA_PENDING_MS : settings.sessionAbsoluteHours * 3_600_000;
  const expiresAt = new Date(now.getTime() + lifetime).toISOString();
  await trx
    .insertInto("sessions")
    .values({
      id_hash: hashSessionToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      mfa_pending: options.mfaPending ? 1 : 0,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface MfaState {
  /** The password is checked, the second factor not yet: only the second step may be called. */
  pending: boolean;
  /** The user has confirmed a TOTP enrolment. */
  enabled: boolean;
  /** A role of the user requires 2FA (security settings) and it is not enabled: only enrolment is open. */
  enrolmentRequired: boolean;
}

export interface ResolvedSession {
  actor: Actor;
  idHash: string;
  csrfToken: string;
  mfa: MfaState;
}

/** Whether any of the actor's roles is one the security settings require 2FA for. */
export const mfaRequiredFor = (roles: readonly RoleGrant[], required: readonly Role[]): boolean =>
  roles.some((g) => required.includes(g.role));

interface CachedSession {
  /** Whether 2FA is required is decided on every request from the current settings. */
  session: Omit<ResolvedSession, "mfa"> & { mfa: Omit<MfaState, "enrolmentRequired"> };
  lastSeenAt: string;
  expiresAt: string;
  cachedAt: number;
}

/**
 * Resolved sessions kept in memory for a couple of seconds, so an authenticated read does not
 * cost three queries. Whatever ends or changes a session in this process (logout, disable,
 * password change, role change) forgets it at once after its transaction commits; another server
 * process sharing the database sees such a change within `ttlMs`.
 */
export function makeSessionCache(ttlMs = 2_000, maxEntries = 10_000) {
  const entries = new Map<string, CachedSession>();
  return {
    get(idHash: string): CachedSession | undefined {
      const hit = entries.get(idHash);
      if (!hit) return undefined;
      if (performance.now() - hit.cachedAt > ttlMs) {
        entries.delete(idHash);
        return undefined;
      }
      return hit;
    },
    set(idHash: string, entry: Omit<CachedSession, "cachedAt">) {
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(idHash, { ...entry, cachedAt: performance.now() });
    },
    forget(idHash: string) {
      entries.delete(idHash);
    },
    forgetUser(userId: string) {
      for (const [key, entry] of entries) if (entry.session.actor.userId === userId) entries.delete(key);
    },
  };
}
export type SessionCache = ReturnType<typeof makeSessionCache>;

export function makeSessionResolver(
  deps: Deps,
  securitySettings: () => Promise<SecuritySettings>,
  cache: SessionCache,
) {
  const db = deps.database.db;

  const alive = (now: Date, settings: SecuritySettings, lastSeenAt: string, expiresAt: string) =>
    now.toISOString() < expiresAt &&
    now.getTime() <= new Date(lastSeenAt).getTime() + settings.sessionIdleMinutes * 60_000;

  return async function resolveSession(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 100) return null;
    const idHash = hashSessionToken(token);
    const now = deps.clock.now();
    const settings = await securitySettings();

    const withPolicy = (session: CachedSession["session"]): ResolvedSession => ({
      ...session,
      mfa: {
        ...session.mfa,
        enrolmentRequired:
          !session.mfa.enabled && mfaRequiredFor(session.actor.roles, settings.mfaRequiredRoles),
      },
    });

    const cached = cache.get(idHash);
    // Within a minute of the last recorded use the cached copy is enough; after that the
    // database is read again, which also records the use.
    if (
      cached &&
      now.getTime() - new Date(cached.lastSeenAt).getTime() <= TOUCH_EVERY_MS &&
      alive(now, settings, cached.lastSeenAt, cached.expiresAt)
    ) {
      return withPolicy(cached.session);
    }

    const found = await findSession(db, idHash);
    if (!found) {
      cache.forget(idHash);
      return null;
    }
    const { session, user } = found;
    if (user.status !== "active" || !alive(now, settings, session.last_seen_at, session.expires_at)) {
      cache.forget(idHash);
      await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
      return null;
    }
    // Writing last_seen on every request would turn every read into a write; once a minute is enough.
    let lastSeenAt = session.last_seen_at;
    if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_EVERY_MS) {
      lastSeenAt = now.toISOString();
      await db
        .updateTable("sessions")
        .set({ last_seen_at: lastSeenAt })
        .where("id_hash", "=", idHash)
        .execute();
    }
    const roles = (await rolesOf(db, [user.id])).get(user.id) ?? ([] as RoleGrant[]);
    const resolved: CachedSession["session"] = {
      idHash,
      csrfToken: session.csrf_token,
      mfa: { pending: session.mfa_pending === 1, enabled: user.mfa_enabled },
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        orgId: user.org_id,
        roles,
        mustChangePassword: user.must_change_password === 1,
      },
    };
    cache.set(idHash, { session: resolved, lastSeenAt, expiresAt: session.expires_at });
    return withPolicy(resolved);
  };
}
export type SessionResolver = ReturnType<typeof makeSessionResolver>;

export { deleteSessionsOfUser };
