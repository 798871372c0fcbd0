import type { Kysely } from "kysely";
import type { DB, UserRowDb } from "../../db/schema.js";
import { type Actor, ADMIN_ROLES, authorize, ROLE_LABELS, type RoleGrant } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import { conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import { maskEmail } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { deleteSessionsOfUser, findUserById, replaceRoles, rolesOf } from "./identity.repo.js";
import { generateInitialPassword, hashPassword } from "./password.js";
import type { SessionCache } from "./session.service.js";
import { type CreateUserBody, type ListUsersQuery, USERNAME_PATTERN, type UserRow } from "./users.schema.js";
import "./users.policy.js";

const userLabel = { zh: "用户", en: "User" };

/** 三权分立 and organisation checks on a set of role grants. */
async function checkRoleGrants(db: Kysely<DB>, roles: readonly RoleGrant[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const adminRoles = [...new Set(roles.map((g) => g.role).filter((r) => ADMIN_ROLES.includes(r)))];
  if (adminRoles.length > 1) {
    const names = adminRoles.map((r) => ROLE_LABELS[r]);
    errors.push({
      path: "/roles",
      message: {
        zh: `系统管理员、安全管理员、安全审计员三种角色不能由同一账户兼任（${names.map((n) => n.zh).join("、")}）`,
        en: `System admin, security admin and auditor must be held by different accounts (${names.map((n) => n.en).join(", ")})`,
      },
    });
  }
  const orgIds = [...new Set(roles.map((g) => g.orgId))];
  if (orgIds.length > 0) {
    const found = new Set(
      (await db.selectFrom("organisations").select("id").where("id", "in", orgIds).execute()).map(
        (r) => r.id,
      ),
    );
    roles.forEach((g, i) => {
      if (!found.has(g.orgId))
        errors.push({
          path: `/roles/${i}/orgId`,
          message: { zh: "角色所属机构不存在", en: "The role's organisation does not exist" },
        });
    });
  }
  return errors;
}

const dedupe = (roles: readonly RoleGrant[]): RoleGrant[] => {
  const seen = new Set<string>();
  return roles.filter((g) => {
    const key = `${g.role}@${g.orgId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export function makeUserService(deps: Deps, writeAudit: AuditWriter, sessions: SessionCache) {
  const db = deps.database.db;

  async function present(rows: UserRowDb[]): Promise<UserRow[]> {
    if (rows.length === 0) return [];
    const roles = await rolesOf(
      db,
      rows.map((r) => r.id),
    );
    const orgIds = new Set(rows.map((r) => r.org_id));
    for (const grants of roles.values()) for (const g of grants) orgIds.add(g.orgId);
    const orgs = await db
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("id", "in", [...orgIds])
      .execute();
    const orgName = new Map(orgs.map((o) => [o.id, o.name]));
    const now = deps.clock.now().toISOString();
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      // Personal data is masked in lists; the address is only used to deliver notifications.
      email: r.email === null ? null : maskEmail(r.email),
      org: { id: r.org_id, name: orgName.get(r.org_id) ?? "" },
      status: r.status as UserRow["status"],
      locked: r.locked_until !== null && r.locked_until > now,
      roles: (roles.get(r.id) ?? []).map((g) => ({ ...g, orgName: orgName.get(g.orgId) ?? "" })),
      mustChangePassword: r.must_change_password === 1,
      lastLoginAt: r.last_login_at,
      createdAt: r.created_at,
    }));
  }

  async function load(id: string): Promise<UserRowDb> {
    const row = await findUserById(db, id);
    if (!row) throw notFound(userLabel);
    return row;
  }

  async function presentOne(id: string): Promise<UserRow> {
    const [row] = await present([await load(id)]);
    return row!;
  }

  return {
    present,

    async list(op: Op, query: ListUsersQuery) {
      authorize(op.actor, "users.list");
      const limit = query.limit ?? 50;
      let q = db.selectFrom("users").selectAll();
      const after = decodeCursor<string>(query.cursor, "string");
      if (after !== undefined) q = q.where("id", ">", after);
      if (query.orgId) q = q.where("org_id", "=", query.orgId);
      if (query.status) q = q.where("status", "=", query.status);
      const term = query.q?.trim();
      if (term) {
        // Prefix ranges use the username and name indexes; no '%…%' scans.
        const lower = term.toLowerCase();
        q = q.where((eb) =>
          eb.or([
            eb.and([eb("username", ">=", lower), eb("username", "<", `${lower}\uffff`)]),
            eb.and([eb("display_name", ">=", term), eb("display_name", "<", `${term}\uffff`)]),
          ]),
        );
      }
      const rows = await q
        .orderBy("id")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await present(page.items), nextCursor: page.nextCursor };
    },

    /** Creates an account with a one-time initial password the user must change at first login.
     * With op = null the platform itself creates it (seed, CLI) and may set the password. */
    async create(
      op: Op | null,
      input: CreateUserBody,
      options: { password?: string; mustChangePassword?: boolean } = {},
    ) {
      if (op) authorize(op.actor, "users.create");
      const username = input.username.toLowerCase();
      const roles = dedupe(input.roles as RoleGrant[]);
      const errors = await checkRoleGrants(db, roles);
      // The HTTP schema checks this too; the CLI and seeds come straight here.
      if (!new RegExp(USERNAME_PATTERN).test(input.username)) {
        errors.push({
          path: "/username",
          message: {
            zh: "用户名须以字母开头，由 3–32 位字母、数字、点、下划线或连字符组成",
            en: "Username must start with a letter and have 3–32 letters, digits, dots, underscores or hyphens",
          },
        });
      }
      if (input.displayName.trim() === "") {
        errors.push({
          path: "/displayName",
          message: { zh: "姓名不能为空", en: "Display name is required" },
        });
      }
      const org = await db
        .selectFrom("organisations")
        .select("id")
        .where("id", "=", input.orgId)
        .executeTakeFirst();
      if (!org)
        errors.push({ path: "/orgId", message: { zh: "所属机构不存在", en: "Organisation not found" } });
      if (errors.length > 0) throw invalidFields("USER_INVALID", errors);
      const taken = await db
        .selectFrom("users")
        .select("id")
        .where("username", "=", username)
        .executeTakeFirst();
      if (taken)
        throw conflict("USERNAME_TAKEN", {
          zh: `用户名“${username}”已被使用`,
          en: `Username "${username}" is taken`,
        });
      const initialPassword = options.password ?? generateInitialPassword();
      const hash = await hashPassword(initialPassword);
      const now = deps.clock.now().toISOString();
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("users")
          .values({
            id,
            org_id: input.orgId,
            username,
            display_name: input.displayName.trim(),
            email: input.email ?? null,
            password_hash: hash,
            status: "active",
            must_change_password: (options.mustChangePassword ?? true) ? 1 : 0,
            failed_attempts: 0,
            locked_until: null,
            password_changed_at: now,
            last_login_at: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await replaceRoles(trx, id, roles);
        await writeAudit(trx, op ?? SYSTEM, {
          action: "users.create",
          objectType: "user",
          objectId: id,
          detail: { username, orgId: input.orgId, roles },
        });
      });
      return { user: await presentOne(id), initialPassword };
    },

    async setRoles(op: Op, id: string, roles: RoleGrant[]) {
      const target = await load(id);
      authorize(op.actor, "users.setRoles", target);
      const next = dedupe(roles);
      const errors = await checkRoleGrants(db, next);
      if (errors.length > 0) throw invalidFields("USER_INVALID", errors);
      const before = (await rolesOf(db, [id])).get(id) ?? [];
      await db.transaction().execute(async (trx) => {
        await replaceRoles(trx, id, next);
        await writeAudit(trx, op, {
          action: "users.roles.set",
          objectType: "user",
          objectId: id,
          detail: { before, after: next },
        });
      });
      sessions.forgetUser(id);
      return presentOne(id);
    },

    /** Disabling ends every session of the account at once; enabling lets it log in again. */
    async setStatus(op: Op, id: string, status: "active" | "disabled") {
      const target = await load(id);
      authorize(op.actor, "users.setStatus", target);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({ status, updated_at: deps.clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        const ended = status === "disabled" ? await deleteSessionsOfUser(trx, id) : 0;
        await writeAudit(trx, op, {
          action: status === "disabled" ? "users.disable" : "users.enable",
          objectType: "user",
          objectId: id,
          detail: { sessionsEnded: ended },
        });
      });
      sessions.forgetUser(id);
      return presentOne(id);
    },

    async resetPassword(op: Op, id: string) {
      const target = await load(id);
      authorize(op.actor, "users.resetPassword", target);
      const initialPassword = generateInitialPassword();
      const hash = await hashPassword(initialPassword);
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({
            password_hash: hash,
            must_change_password: 1,
            failed_attempts: 0,
            locked_until: null,
            password_changed_at: now.toISOString(),
            updated_at: now.toISOString(),
          })
          .where("id", "=", id)
          .execute();
        const ended = await deleteSessionsOfUser(trx, id);
        await notifyUser(trx, now, id, {
          kind: "security",
          title: "密码已被管理员重置",
          body: "系统管理员重置了你的密码，请使用新的初始密码登录并立即修改。",
        });
        await writeAudit(trx, op, {
          action: "users.password.reset",
          objectType: "user",
          objectId: id,
          detail: { sessionsEnded: ended },
        });
      });
      sessions.forgetUser(id);
      return { initialPassword };
    },

    async unlock(op: Op, id: string) {
      await load(id);
      authorize(op.actor, "users.unlock");
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({ failed_attempts: 0, locked_until: null, updated_at: deps.clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op, { action: "users.unlock", objectType: "user", objectId: id });
      });
      return presentOne(id);
    },
  };
}
export type UserService = ReturnType<typeof makeUserService>;

export type { Actor };
