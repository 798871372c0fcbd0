import QRCode from "qrcode";
import type { Deps, Op, RequestMeta, Trx } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { AppError, conflict, invalidFields } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import type { SettingsService } from "../settings/settings.service.js";
import { authFailed } from "./auth.service.js";
import { findUserById } from "./identity.repo.js";
import type { RecordAuthFailure } from "./lockout.js";
import { verifyPassword } from "./password.js";
import { type IssuedSession, issueSession, mfaRequiredFor, type SessionCache } from "./session.service.js";
import { matchedStep, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpOf } from "./totp.js";

// Two-factor authentication (issue 12 item 8). Every route acts on the caller's own account only:
// there is no user id in any of them, so one user cannot reach another's enrolment.
//
// - enrolment: a fresh secret, sealed at rest; confirmed by a first valid code, which returns ten
//   recovery codes once (only their keyed hashes are kept);
// - login: the password step leaves a pending session (session.service.ts, guard.ts); the second
//   step takes a TOTP code (±1 step, never the same step twice) or an unused recovery code;
// - every wrong code counts towards the lockout and is audited.

const SECRET_FIELD = "user_mfa.secret";
const ISSUER = "rencai";

const codeInvalid = () =>
  invalidFields("MFA_CODE_INVALID", [
    {
      path: "/code",
      message: { zh: "验证码不正确或已使用过", en: "The code is wrong or has already been used" },
    },
  ]);
const passwordInvalid = () =>
  invalidFields("PASSWORD_INVALID", [
    { path: "/password", message: { zh: "当前密码不正确", en: "The current password is wrong" } },
  ]);
export const mfaFailed = () =>
  new AppError("unauthenticated", "MFA_FAILED", {
    zh: "两步验证码或恢复码不正确，或已使用过",
    en: "The two-factor code or recovery code is wrong or has already been used",
  });
const alreadyEnabled = () =>
  conflict("MFA_ALREADY_ENABLED", {
    zh: "两步验证已启用；如需更换设备，请先停用再重新设置",
    en: "Two-factor authentication is already on; turn it off first to set up a new device",
  });
const notEnabled = () =>
  conflict("MFA_NOT_ENABLED", { zh: "尚未启用两步验证", en: "Two-factor authentication is not on" });
const notStarted = () =>
  conflict("MFA_NOT_STARTED", {
    zh: "请先开始设置两步验证",
    en: "Start the two-factor set-up first",
  });
const notPending = () =>
  conflict("MFA_NOT_PENDING", {
    zh: "当前登录不需要两步验证",
    en: "This session is not waiting for a two-factor code",
  });
const requiredByRole = () =>
  conflict("MFA_REQUIRED_BY_ROLE", {
    zh: "你的角色要求两步验证，不能停用",
    en: "Your role requires two-factor authentication; it cannot be turned off",
  });

export interface MfaStatus {
  enabled: boolean;
  required: boolean;
  enrolmentPending: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

export interface MfaEnrolment {
  otpauthUri: string;
  /** The same URI as a QR code, a data: URL of a PNG. */
  qrCode: string;
  /** The secret (base32) for typing into an app that cannot scan. */
  secret: string;
}

export function makeMfaService(
  deps: Deps,
  writeAudit: AuditWriter,
  options: {
    cipher: FieldCipher;
    settings: SettingsService;
    sessions: SessionCache;
    recordFailure: RecordAuthFailure;
  },
) {
  const db = deps.database.db;
  const { cipher, settings, sessions, recordFailure } = options;
  const recoveryHash = (userId: string, typed: string) =>
    cipher.blindIndex(`mfa.recovery.${userId}`, normaliseRecoveryCode(typed));

  const mfaRow = (userId: string) =>
    db.selectFrom("user_mfa").selectAll().where("user_id", "=", userId).executeTakeFirst();

  /** Accepts the code for an enabled enrolment at most once per time step (atomic, so parallel
   * submissions of one code cannot both pass). Runs in the transaction of what the code authorises. */
  async function consumeCode(
    trx: Trx,
    userId: string,
    secret: string,
    code: string,
  ): Promise<"ok" | "bad_code" | "replay"> {
    const step = matchedStep(cipher.decrypt(SECRET_FIELD, secret), code, deps.clock.now());
    if (step === null) return "bad_code";
    const result = await trx
      .updateTable("user_mfa")
      .set({ last_step: step, updated_at: deps.clock.now().toISOString() })
      .where("user_id", "=", userId)
      .where("enabled_at", "is not", null)
      .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? "ok" : "replay";
  }

  /** Marks one unused recovery code of the user used; false when none matches. */
  async function consumeRecoveryCode(trx: Trx, userId: string, typed: string): Promise<boolean> {
    const result = await trx
      .updateTable("mfa_recovery_codes")
      .set({ used_at: deps.clock.now().toISOString() })
      .where("user_id", "=", userId)
      .where("code_hash", "=", recoveryHash(userId, typed))
      .where("used_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function replaceRecoveryCodes(trx: Trx, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    const at = deps.clock.now().toISOString();
    await trx.deleteFrom("mfa_recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("mfa_recovery_codes")
      .values(
        codes.map((code) => ({
          id: newId(),
          user_id: userId,
          code_hash: recoveryHash(userId, code),
          used_at: null,
          created_at: at,
        })),
      )
      .execute();
    return codes;
  }

  /** A wrong code on an authenticated route: counted towards the lockout, audited, then 422. */
  async function refuseCode(op: Op, action: string, reason: string): Promise<never> {
    await recordFailure({
      username: op.actor.username,
      userId: op.actor.userId,
      meta: op.meta,
      action,
      reason,
      counts: true,
    });
    throw reason === "bad_password" ? passwordInvalid() : codeInvalid();
  }

  async function enabledRowOf(userId: string) {
    const row = await mfaRow(userId);
    if (!row || row.enabled_at === null) throw notEnabled();
    return row;
  }

  return {
    async status(op: Op): Promise<MfaStatus> {
      const [row, security, left] = await Promise.all([
        mfaRow(op.actor.userId),
        settings.security(),
        db
          .selectFrom("mfa_recovery_codes")
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .where("user_id", "=", op.actor.userId)
          .where("used_at", "is", null)
          .executeTakeFirstOrThrow(),
      ]);
      const enabled = row?.enabled_at != null;
      return {
        enabled,
        required: mfaRequiredFor(op.actor.roles, security.mfaRequiredRoles),
        enrolmentPending: row !== undefined && !enabled,
        enabledAt: row?.enabled_at ?? null,
        recoveryCodesLeft: enabled ? Number(left.n) : 0,
      };
    },

    /** A new secret (replacing an unconfirmed one); not active until confirmed with a code. */
    async startEnrolment(op: Op): Promise<MfaEnrolment> {
      const userId = op.actor.userId;
      const existing = await mfaRow(userId);
      if (existing?.enabled_at) throw alreadyEnabled();
      const secret = newTotpSecret();
      const at = deps.clock.now().toISOString();
      const sealed = cipher.encrypt(SECRET_FIELD, secret);
      await db.transaction().execute(async (trx) => {
        const values = {
          user_id: userId,
          secret: sealed,
          enabled_at: null,
          last_step: null,
          created_at: at,
          updated_at: at,
        };
        await trx
          .insertInto("user_mfa")
          .values(values)
          .onConflict((oc) =>
            // An enabled row is never overwritten, even by a request racing the confirmation.
            oc
              .column("user_id")
              .doUpdateSet({ secret: sealed, last_step: null, created_at: at, updated_at: at })
              .where("user_mfa.enabled_at", "is", null),
          )
          .execute();
        await writeAudit(trx, op, {
          action: "auth.mfa.enrol",
          objectType: "user",
          objectId: userId,
          detail: { stage: "start" },
        });
      });
      const otpauthUri = totpOf(secret, ISSUER, op.actor.username).toString();
      return {
        otpauthUri,
        qrCode: await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: "M", margin: 2 }),
        secret,
      };
    },

    /** The first valid code turns 2FA on and yields the recovery codes, shown this once. */
    async confirmEnrolment(op: Op, code: string): Promise<{ recoveryCodes: string[] }> {
      const userId = op.actor.userId;
      const row = await mfaRow(userId);
      if (!row) throw notStarted();
      if (row.enabled_at) throw alreadyEnabled();
      const now = deps.clock.now();
      const step = matchedStep(cipher.decrypt(SECRET_FIELD, row.secret), code, now);
      if (step === null) {
        // A typo while setting up is not an attack on the account: audited, not counted.
        await db.transaction().execute((trx) =>
          writeAudit(trx, op, {
            action: "auth.mfa.enrol",
            result: "failed",
            objectType: "user",
            objectId: userId,
            detail: { stage: "confirm", reason: "bad_code" },
          }),
        );
        throw codeInvalid();
      }
      const recoveryCodes = await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable("user_mfa")
          .set({ enabled_at: now.toISOString(), last_step: step, updated_at: now.toISOString() })
          .where("user_id", "=", userId)
          .where("enabled_at", "is", null)
          .where("secret", "=", row.secret)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw alreadyEnabled();
        const codes = await replaceRecoveryCodes(trx, userId);
        await notifyUser(trx, now, userId, {
          kind: "security",
          title: "两步验证已启用",
          body: "你的账户已启用两步验证，今后登录需输入验证器应用中的动态码。如非本人操作，请立即联系安全管理员。",
        });
        await writeAudit(trx, op, {
          action: "auth.mfa.enrol",
          objectType: "user",
          objectId: userId,
          detail: { stage: "confirm" },
        });
        return codes;
      });
      sessions.forgetUser(userId);
      return { recoveryCodes };
    },

    /** Turning 2FA off needs the password and a current code, and is refused where a role requires it. */
    async disable(op: Op, input: { password: string; code: string }): Promise<void> {
      const userId = op.actor.userId;
      const row = await enabledRowOf(userId);
      const security = await settings.security();
      if (mfaRequiredFor(op.actor.roles, security.mfaRequiredRoles)) throw requiredByRole();
      const user = await findUserById(db, userId);
      if (!user) throw authFailed();
      if (!(await verifyPassword(user.password_hash, input.password)))
        await refuseCode(op, "auth.mfa.disable", "bad_password");
      const now = deps.clock.now();
      const checked = await db.transaction().execute(async (trx) => {
        const result = await consumeCode(trx, userId, row.secret, input.code);
        if (result !== "ok") return result;
        await trx.deleteFrom("mfa_recovery_codes").where("user_id", "=", userId).execute();
        await trx.deleteFrom("user_mfa").where("user_id", "=", userId).execute();
        await notifyUser(trx, now, userId, {
          kind: "security",
          title: "两步验证已停用",
          body: "你的账户已停用两步验证。如非本人操作，请立即修改密码并联系安全管理员。",
        });
        await writeAudit(trx, op, { action: "auth.mfa.disable", objectType: "user", objectId: userId });
        return result;
      });
      if (checked !== "ok") await refuseCode(op, "auth.mfa.disable", checked);
      sessions.forgetUser(userId);
    },

    /** New recovery codes for a current code; the old ones stop working. */
    async regenerateRecoveryCodes(op: Op, code: string): Promise<{ recoveryCodes: string[] }> {
      const userId = op.actor.userId;
      const row = await enabledRowOf(userId);
      const outcome = await db.transaction().execute(async (trx) => {
        const checked = await consumeCode(trx, userId, row.secret, code);
        if (checked !== "ok") return { ok: false as const, failure: checked };
        const codes = await replaceRecoveryCodes(trx, userId);
        await writeAudit(trx, op, {
          action: "auth.mfa.recovery.regenerate",
          objectType: "user",
          objectId: userId,
        });
        return { ok: true as const, recoveryCodes: codes };
      });
      if (!outcome.ok) return refuseCode(op, "auth.mfa.recovery.regenerate", outcome.failure);
      return { recoveryCodes: outcome.recoveryCodes };
    },

    /**
     * The second login step on a pending session: a TOTP code or a recovery code. Success replaces the
     * pending session with a full one; a wrong code counts towards the lockout, and once the account is
     * locked the pending session ends.
     */
    async completeLogin(
      pending: { userId: string; sessionHash: string; isPending: boolean },
      input: { code?: string; recoveryCode?: string },
      meta: RequestMeta,
    ): Promise<IssuedSession> {
      if (!pending.isPending) throw notPending();
      const now = deps.clock.now();
      const user = await findUserById(db, pending.userId);
      const endPending = async () => {
        await db.deleteFrom("sessions").where("id_hash", "=", pending.sessionHash).execute();
        sessions.forget(pending.sessionHash);
      };
      const locked = user?.locked_until != null && user.locked_until > now.toISOString();
      if (user?.status !== "active" || locked) {
        await endPending();
        if (user) {
          await recordFailure({
            username: user.username,
            userId: user.id,
            meta,
            action: "auth.mfa.verify",
            reason: user.status !== "active" ? "disabled" : "locked",
            counts: false,
          });
        }
        throw authFailed();
      }
      const row = await mfaRow(user.id);
      const method: "totp" | "recovery" = input.recoveryCode !== undefined ? "recovery" : "totp";
      const security = await settings.security();
      // The code is used up in the same transaction that issues the session.
      const outcome = await db.transaction().execute(async (trx) => {
        if (!row || row.enabled_at === null) return { ok: false as const, failure: "not_enrolled" };
        if (method === "recovery") {
          if (!(await consumeRecoveryCode(trx, user.id, input.recoveryCode ?? "")))
            return { ok: false as const, failure: "bad_recovery_code" };
        } else {
          const checked = await consumeCode(trx, user.id, row.secret, input.code ?? "");
          if (checked !== "ok") return { ok: false as const, failure: checked };
        }
        await trx.deleteFrom("sessions").where("id_hash", "=", pending.sessionHash).execute();
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
        const who = { actor: { userId: user.id, username: user.username }, meta };
        if (method === "recovery") {
          const left = await trx
            .selectFrom("mfa_recovery_codes")
            .select((eb) => eb.fn.countAll<number | string>().as("n"))
            .where("user_id", "=", user.id)
            .where("used_at", "is", null)
            .executeTakeFirstOrThrow();
          await writeAudit(trx, who, {
            action: "auth.mfa.recovery",
            objectType: "user",
            objectId: user.id,
            detail: { left: Number(left.n) },
          });
          await notifyUser(trx, now, user.id, {
            kind: "security",
            title: "已使用两步验证恢复码登录",
            body: `你的账户刚用一个恢复码登录，还剩 ${Number(left.n)} 个。如非本人操作，请立即修改密码并重新生成恢复码。`,
          });
        }
        await writeAudit(trx, who, {
          action: "auth.login",
          objectType: "user",
          objectId: user.id,
          detail: { mfa: method },
        });
        return { ok: true as const, session };
      });
      if (!outcome.ok) {
        const lockedNow = await recordFailure({
          username: user.username,
          userId: user.id,
          meta,
          action: "auth.mfa.verify",
          reason: outcome.failure,
          counts: true,
        });
        if (lockedNow) await endPending();
        throw mfaFailed();
      }
      const issued = outcome.session;
      sessions.forget(pending.sessionHash);
      return issued;
    },
  };
}
export type MfaService = ReturnType<typeof makeMfaService>;
