import type { Deps, Op, RequestMeta } from "../../lib/context.js";
import { AppError, invalidFields } from "../../lib/errors.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import type { SettingsService } from "../settings/settings.service.js";
import { findUserById, findUserByUsername } from "./identity.repo.js";
import type { RecordAuthFailure } from "./lockout.js";
import { burnPasswordCheck, checkPassword, hashPassword, verifyPassword } from "./password.js";
import {
  deleteSessionsOfUser,
  hashSessionToken,
  type IssuedSession,
  issueSession,
  type SessionCache,
} from "./session.service.js";

// One message for every failed login: unknown user, wrong password, disabled and locked accounts
// must look the same from outside, so the login form cannot be used to find accounts.
export const authFailed = () =>
  new AppError("unauthenticated", "AUTH_FAILED", {
    zh: "用户名或密码错误，或账户暂时不可用",
    en: "Wrong username or password, or the account is unavailable",
  });

type LoginFailure = "unknown_user" | "disabled" | "locked" | "bad_password";

export function makeAuthService(
  deps: Deps,
  writeAudit: AuditWriter,
  settings: SettingsService,
  sessions: SessionCache,
  recordFailure: RecordAuthFailure,
) {
  const db = deps.database.db;

  const recordLoginFailure = async (
    username: string,
    meta: RequestMeta,
    reason: LoginFailure,
    userId: string | null,
    action = "auth.login",
  ) => {
    await recordFailure({
      username,
      userId,
      meta,
      action,
      reason,
      counts: reason === "bad_password",
    });
    return authFailed();
  };

  const reauthFailed = () =>
    new AppError("forbidden", "REAUTH_FAILED", {
      zh: "当前密码不正确，操作未执行",
      en: "The current password is wrong; nothing was changed",
    });

  return {
    /**
     * Re-authentication before a sensitive change (a payee bank account): the signed-in user's
     * current password. Missing → 403 REAUTH_REQUIRED; wrong → 403 REAUTH_FAILED, counted like a
     * failed login (the same lockout) and audited as auth.reauth; a locked account always fails.
     */
    async reauthenticate(op: Op, password: string | undefined, purpose: string): Promise<void> {
      if (password === undefined || password === "")
        throw new AppError("forbidden", "REAUTH_REQUIRED", {
          zh: "此操作须输入当前登录密码确认身份",
          en: "Enter your current password to confirm this change",
        });
      const user = await findUserById(db, op.actor.userId);
      if (!user) throw reauthFailed();
      const now = deps.clock.now().toISOString();
      if (user.status !== "active" || (user.locked_until && user.locked_until > now)) {
        await burnPasswordCheck(password);
        await recordLoginFailure(user.username, op.meta, "locked", user.id, "auth.reauth");
        throw reauthFailed();
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        await recordLoginFailure(user.username, op.meta, "bad_password", user.id, "auth.reauth");
        throw reauthFailed();
      }
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("users").set({ failed_attempts: 0 }).where("id", "=", user.id).execute();
        await writeAudit(trx, op, {
          action: "auth.reauth",
          objectType: "user",
          objectId: user.id,
          detail: { purpose },
        });
      });
    },

    /**
     * The password step. Without 2FA it yields the session; with 2FA a pending session that only the
     * second step (mfa.service.ts) can turn into one. The failure count is reset only by a complete
     * login, so fresh password steps do not give unlimited guesses at the code.
     */
    async login(
      input: { username: string; password: string },
      meta: RequestMeta,
      previousToken?: string,
    ): Promise<{ userId: string; session: IssuedSession; mfaPending: boolean }> {
      const now = deps.clock.now();
      const user = await findUserByUsername(db, input.username);
      if (!user) {
        await burnPasswordCheck(input.password);
        throw await recordLoginFailure(input.username, meta, "unknown_user", null);
      }
      if (user.status !== "active") {
        await burnPasswordCheck(input.password);
        throw await recordLoginFailure(user.username, meta, "disabled", user.id);
      }
      if (user.locked_until && user.locked_until > now.toISOString()) {
        await burnPasswordCheck(input.password);
        throw await recordLoginFailure(user.username, meta, "locked", user.id);
      }
      if (!(await verifyPassword(user.password_hash, input.password))) {
        throw await recordLoginFailure(user.username, meta, "bad_password", user.id);
      }
      const security = await settings.security();
      const mfa = await db
        .selectFrom("user_mfa")
        .select("enabled_at")
        .where("user_id", "=", user.id)
        .executeTakeFirst();
      const mfaPending = mfa?.enabled_at != null;
      const issued = await db.transaction().execute(async (trx) => {
        // Rotate: whatever session the browser had before logging in is discarded.
        if (previousToken)
          await trx.deleteFrom("sessions").where("id_hash", "=", hashSessionToken(previousToken)).execute();
        const who = { actor: { userId: user.id, username: user.username }, meta };
        if (mfaPending) {
          const pending = await issueSession(trx, now, user.id, meta, security, { mfaPending: true });
          await writeAudit(trx, who, { action: "auth.mfa.challenge", objectType: "user", objectId: user.id });
          return pending;
        }
        await trx
          .updateTable("users")
          .set({
            failed_attempts: 0,
            locked_until: null,
            last_login_at: now.toISOString(),
            updated_at: now.toISOString(),
          })
          .where("id", "=", user.id)
          .execute();
        const session = await issueSession(trx, now, user.id, meta, security);
        await writeAudit(
          trx,
          { actor: { userId: user.id, username: user.username }, meta },
          {
            action: "auth.login",
            objectType: "user",
            objectId: user.id,
          },
        );
        return session;
      });
      if (previousToken) sessions.forget(hashSessionToken(previousToken));
      return { userId: user.id, session: issued, mfaPending };
    },

    async logout(op: Op, sessionHash: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("sessions").where("id_hash", "=", sessionHash).execute();
        await writeAudit(trx, op, { action: "auth.logout", objectType: "user", objectId: op.actor.userId });
      });
      sessions.forget(sessionHash);
    },

    /** Changing the password kills every session of the user and issues a fresh one for this browser. */
    async changePassword(
      op: Op,
      input: { currentPassword: string; newPassword: string },
    ): Promise<IssuedSession> {
      const user = await findUserById(db, op.actor.userId);
      if (!user) throw authFailed();
      if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
        await db.transaction().execute((trx) =>
          writeAudit(trx, op, {
            action: "auth.password.change",
            result: "failed",
            objectType: "user",
            objectId: user.id,
            detail: { reason: "bad_current_password" },
          }),
        );
        throw authFailed();
      }
      const security = await settings.security();
      const problems = checkPassword(
        input.newPassword,
        { minLength: security.passwordMinLength, minClasses: security.passwordMinClasses },
        { username: user.username },
      );
      if (input.newPassword === input.currentPassword) {
        problems.push({
          path: "/newPassword",
          message: {
            zh: "新密码不能与当前密码相同",
            en: "The new password must differ from the current one",
          },
        });
      }
      if (problems.length > 0) throw invalidFields("PASSWORD_POLICY", problems);
      const hash = await hashPassword(input.newPassword);
      const now = deps.clock.now();
      const issued = await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({
            password_hash: hash,
            must_change_password: 0,
            password_changed_at: now.toISOString(),
            updated_at: now.toISOString(),
          })
          .where("id", "=", user.id)
          .execute();
        const killed = await deleteSessionsOfUser(trx, user.id);
        const session = await issueSession(trx, now, user.id, op.meta, security);
        await notifyUser(trx, now, user.id, {
          kind: "security",
          title: "密码已修改",
          body: "你的登录密码已修改，其他设备上的登录已全部退出。如非本人操作，请立即联系系统管理员。",
        });
        await writeAudit(trx, op, {
          action: "auth.password.change",
          objectType: "user",
          objectId: user.id,
          detail: { sessionsEnded: killed },
        });
        return session;
      });
      sessions.forgetUser(user.id);
      return issued;
    },
  };
}
export type AuthService = ReturnType<typeof makeAuthService>;
