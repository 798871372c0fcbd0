import { createHash } from "node:crypto";
import type { Actor, RoleGrant } from "../../lib/authz.js";
import type { Deps, RequestMeta, Trx } from "../../lib/context.js";
import { randomToken } from "../../lib/ids.js";
import type { SecuritySettings } from "../settings/settings.schema.js";
import { deleteSessionsOfUser, findSession, rolesOf } from "./identity.repo.js";

// Server-side sessions: the cookie holds a 256-bit random token, the database only its SHA-256,
// so a leaked database does not yield live sessions.

const TOUCH_EVERY_MS = 60_000;

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
): Promise<IssuedSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + settings.sessionAbsoluteHours * 3_600_000).toISOString();
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
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface ResolvedSession {
  actor: Actor;
  idHash: string;
  csrfToken: string;
}

export function makeSessionResolver(deps: Deps, securitySettings: () => Promise<SecuritySettings>) {
  const db = deps.database.db;
  return async function resolveSession(token: string | undefined): Promise<ResolvedSession | null> {
    if (!token || token.length > 100) return null;
    const idHash = hashSessionToken(token);
    const found = await findSession(db, idHash);
    if (!found) return null;
    const { session, user } = found;
    const now = deps.clock.now();
    const settings = await securitySettings();
    const idleLimit = new Date(session.last_seen_at).getTime() + settings.sessionIdleMinutes * 60_000;
    const dead =
      user.status !== "active" || now.toISOString() >= session.expires_at || now.getTime() > idleLimit;
    if (dead) {
      await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
      return null;
    }
    // Writing last_seen on every request would turn every read into a write; once a minute is enough.
    if (now.getTime() - new Date(session.last_seen_at).getTime() > TOUCH_EVERY_MS) {
      await db
        .updateTable("sessions")
        .set({ last_seen_at: now.toISOString() })
        .where("id_hash", "=", idHash)
        .execute();
    }
    const roles = (await rolesOf(db, [user.id])).get(user.id) ?? ([] as RoleGrant[]);
    return {
      idHash,
      csrfToken: session.csrf_token,
      actor: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        orgId: user.org_id,
        roles,
        mustChangePassword: user.must_change_password === 1,
      },
    };
  };
}
export type SessionResolver = ReturnType<typeof makeSessionResolver>;

export { deleteSessionsOfUser };
