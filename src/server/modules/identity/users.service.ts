import type { Kysely } from "kysely";
import type { DB, UserRowDb } from "../../db/schema.js";
import {
  type Actor,
  ADMIN_ROLES,
  authorize,
  ROLE_LABELS,
  type Role,
  type RoleGrant,
} from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM, type Trx } from "../../lib/context.js";
import { conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import { maskEmail } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { deleteSessionsOfUser, findUserById, replaceRoles, rolesOf } from "./identity.repo.js";
import { generateInitialPassword, hashPassword } from "./password.js";
import { issueResetToken, RESET_LINK_MINUTES, resetUrl } from "./password-reset.js";
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

export function makeUserService(
  deps: Deps,
  writeAudit: AuditWriter,
  sessions: SessionCache,
  links: { baseUrl: string } = { baseUrl: "" },
) {
  const db = deps.database.db;

  /** The account as its policy sees it: id and the roles it holds now. */
  async function subjectOf(id: string): Promise<{ id: string; roles: Role[] }> {
    return { id, roles: ((await rolesOf(db, [id])).get(id) ?? []).map((g) => g.role) };
  }

  /** Puts a one-time reset link in the outbox for the account holder's e-mail, in the caller's transaction. */
  async function deliverResetLink(
    trx: Trx,
    now: Date,
    user: UserRowDb,
    createdBy: string | null,
    first: boolean,
  ) {
    if (!user.email)
      throw conflict("RESET_NO_CHANNEL", {
        zh: "该账户未登记电子邮箱，无法发送一次性链接；请先登记邮箱，或在服务器控制台运行 rencai admin reset-link",
        en: "The account has no e-mail address for a one-time link; add one, or run `rencai admin reset-link` at the server console",
      });
    const { token, expiresAt } = await issueResetToken(trx, now, user.id, createdBy);
    await trx
      .insertInto("outbox")
      .values({
        id: newId(now.getTime()),
        channel: "email",
        recipient: user.email,
        subject: first
          ? "设置你的 rencai 账户密码 / Set your rencai password"
          : "重置 rencai 密码 / Reset your rencai password",
        body: `请在 ${RESET_LINK_MINUTES} 分钟内打开以下一次性链接设置新密码（仅能使用一次）：\n${resetUrl(links.baseUrl, token)}\n\nOpen this one-time link within ${RESET_LINK_MINUTES} minutes to set a new password.`,
        status: "pending",
        attempts: 0,
        last_error: null,
        created_at: now.toISOString(),
        sent_at: null,
      })
      .execute();
    return { delivered: "email" as const, to: maskEmail(user.email), expiresAt };
  }

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
    const withMfa = new Set(
      (
        await db
          .selectFrom("user_mfa")
          .select("user_id")
          .where(
            "user_id",
            "in",
            rows.map((r) => r.id),
          )
          .where("enabled_at", "is not", null)
          .execute()
      ).map((r) => r.user_id),
    );
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
      mfaEnabled: withMfa.has(r.id),
      lastLoginAt: r.last_login_at,
      createdAt: r.created_at,
    }));
  }

  async function load(id: string): Promise<UserRowDb> {
    const row = await findUserById(db, id);
    if (!row) throw notFound(userLabel);
    return row;
  }

  /** Removes the account's 2FA and recovery codes and ends its sessions, in one audited transaction. */
  async function clearMfa(who: Op | typeof SYSTEM, id: string, action: string): Promise<{ hadMfa: boolean }> {
    const now = deps.clock.now();
    const result = await db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom("user_mfa").where("user_id", "=", id).executeTakeFirst();
      await trx.deleteFrom("mfa_recovery_codes").where("user_id", "=", id).execute();
      const ended = await deleteSessionsOfUser(trx, id);
      const hadMfa = Number(removed.numDeletedRows) > 0;
      await notifyUser(trx, now, id, {
        kind: "security",
        title: "两步验证已被管理员重置",
        body: "管理员已停用你账户的两步验证，你在各设备上的登录已退出。如非本人申请，请立即联系安全管理员。",
      });
      await writeAudit(trx, who, {
        action,
        objectType: "user",
        objectId: id,
        detail: { hadMfa, sessionsEnded: ended },
      });
      return { hadMfa };
    });
    sessions.forgetUser(id);
    return result;
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
      const username = input.username.toLowerCase();
      const roles = dedupe(input.roles as RoleGrant[]);
      // The keeper of an auditor or security-admin account never learns its password: the holder
      // sets it through a one-time link sent to their own address.
      const byLink = op !== null && roles.some((g) => g.role === "auditor" || g.role === "secadmin");
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
      if (byLink && !input.email)
        errors.push({
          path: "/email",
          message: {
            zh: "安全管理员、安全审计员账户须登记电子邮箱，用于本人设置密码",
            en: "Security-admin and auditor accounts need an e-mail address for the holder to set their password",
          },
        });
      if (errors.length > 0) throw invalidFields("USER_INVALID", errors);
      // 三权分立: an auditor's account is made by the security admin and vice versa, never by sysadmin.
      if (op) authorize(op.actor, "users.create", { roles: roles.map((g) => g.role) });
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
          detail: { username, orgId: input.orgId, roles, passwordBy: byLink ? "link" : "initial" },
        });
        if (byLink) {
          const created = await trx
            .selectFrom("users")
            .selectAll()
            .where("id", "=", id)
            .executeTakeFirstOrThrow();
          await deliverResetLink(trx, new Date(now), created, op?.actor.userId ?? null, true);
        }
      });
      return { user: await presentOne(id), initialPassword: byLink ? null : initialPassword };
    },

    async setRoles(op: Op, id: string, roles: RoleGrant[]) {
      await load(id);
      const next = dedupe(roles);
      const errors = await checkRoleGrants(db, next);
      if (errors.length > 0) throw invalidFields("USER_INVALID", errors);
      // Both the roles it holds and those it is to hold decide who may change them.
      authorize(op.actor, "users.setRoles", await subjectOf(id));
      authorize(op.actor, "users.setRoles", { id, roles: next.map((g) => g.role) });
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
      await load(id);
      authorize(op.actor, "users.setStatus", await subjectOf(id));
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

    /** Ends the account's sessions and sends its holder a one-time link to set a new password;
     * the response never carries a password. */
    async resetPassword(op: Op, id: string) {
      const target = await load(id);
      authorize(op.actor, "users.resetPassword", await subjectOf(id));
      const now = deps.clock.now();
      const delivered = await db.transaction().execute(async (trx) => {
        const sent = await deliverResetLink(trx, now, target, op.actor.userId, false);
        const ended = await deleteSessionsOfUser(trx, id);
        await notifyUser(trx, now, id, {
          kind: "security",
          title: "密码重置链接已发送",
          body: "管理员为你的账户发送了一次性密码重置链接，请查收邮件并在有效期内设置新密码。",
        });
        await writeAudit(trx, op, {
          action: "users.password.reset",
          objectType: "user",
          objectId: id,
          detail: { sessionsEnded: ended, delivered: "email" },
        });
        return sent;
      });
      sessions.forgetUser(id);
      return delivered;
    },

    /**
     * The holder lost the phone (and the recovery codes): the custodian switches 2FA off and ends the
     * account's sessions. If a role requires 2FA, the next login is confined to enrolling again.
     */
    async resetMfa(op: Op, id: string) {
      await load(id);
      authorize(op.actor, "users.resetMfa", await subjectOf(id));
      await clearMfa(op, id, "users.mfa.reset");
      return presentOne(id);
    },

    /** `rencai admin reset-mfa`: the same at the server's console, for when no custodian can sign in. */
    async resetMfaAtConsole(username: string): Promise<{ hadMfa: boolean }> {
      const user = await db
        .selectFrom("users")
        .select("id")
        .where("username", "=", username.toLowerCase())
        .executeTakeFirst();
      if (!user) throw notFound(userLabel);
      return clearMfa(SYSTEM, user.id, "users.mfa.reset.console");
    },

    async unlock(op: Op, id: string) {
      await load(id);
      authorize(op.actor, "users.unlock", await subjectOf(id));
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
