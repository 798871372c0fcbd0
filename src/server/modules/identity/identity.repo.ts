import type { Kysely } from "kysely";
import type { DB, SessionRow, UserRowDb } from "../../db/schema.js";
import type { RoleGrant } from "../../lib/authz.js";

// Plain queries over users, roles and sessions; the caller owns the transaction.

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRowDb | undefined> {
  return db.selectFrom("users").selectAll().where("username", "=", username.toLowerCase()).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: string): Promise<UserRowDb | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function rolesOf(db: Kysely<DB>, userIds: readonly string[]): Promise<Map<string, RoleGrant[]>> {
  const byUser = new Map<string, RoleGrant[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom("user_roles")
    .select(["user_id", "org_id", "role"])
    .where("user_id", "in", userIds)
    .orderBy("role")
    .orderBy("org_id")
    .execute();
  for (const r of rows) byUser.get(r.user_id)?.push({ role: r.role as RoleGrant["role"], orgId: r.org_id });
  return byUser;
}

export async function replaceRoles(
  db: Kysely<DB>,
  userId: string,
  roles: readonly RoleGrant[],
): Promise<void> {
  await db.deleteFrom("user_roles").where("user_id", "=", userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto("user_roles")
      .values(roles.map((g) => ({ user_id: userId, org_id: g.orgId, role: g.role })))
      .execute();
  }
}

/** Adds one failure and returns the new count; atomic, so parallel guesses all count. */
export async function recordLoginFailure(db: Kysely<DB>, userId: string, at: string): Promise<number> {
  const row = await db
    .updateTable("users")
    .set((eb) => ({ failed_attempts: eb("failed_attempts", "+", 1), updated_at: at }))
    .where("id", "=", userId)
    .returning("failed_attempts")
    .executeTakeFirstOrThrow();
  return row.failed_attempts;
}

export interface SessionWithUser {
  session: SessionRow;
  user: Pick<UserRowDb, "id" | "username" | "display_name" | "org_id" | "status" | "must_change_password"> & {
    /** A confirmed TOTP enrolment exists. */
    mfa_enabled: boolean;
  };
}

export async function findSession(db: Kysely<DB>, idHash: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("user_mfa", "user_mfa.user_id", "sessions.user_id")
    .select([
      "sessions.id_hash",
      "sessions.user_id",
      "sessions.csrf_token",
      "sessions.created_at",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "sessions.ip",
      "sessions.user_agent",
      "sessions.mfa_pending",
      "users.username",
      "users.display_name",
      "users.org_id",
      "users.status",
      "users.must_change_password",
      "user_mfa.enabled_at as mfa_enabled_at",
    ])
    .where("sessions.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { username, display_name, org_id, status, must_change_password, mfa_enabled_at, ...session } = row;
  return {
    session,
    user: {
      id: session.user_id,
      username,
      display_name,
      org_id,
      status,
      must_change_password,
      mfa_enabled: mfa_enabled_at !== null,
    },
  };
}

export async function deleteSessionsOfUser(db: Kysely<DB>, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
