import type { Deps, RequestMeta } from "../../lib/context.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import type { SettingsService } from "../settings/settings.service.js";
import { recordLoginFailure } from "./identity.repo.js";

// Failed authentication attempts: wrong passwords at login and wrong second-factor codes anywhere
// count towards the same lockout (threshold and duration from the security settings), so the six
// digits of a TOTP code cannot be guessed faster than a password.

export interface AuthFailure {
  username: string;
  userId: string | null;
  meta: RequestMeta;
  /** The audit action of the attempt ("auth.login", "auth.mfa.verify", …). */
  action: string;
  /** Why it failed; lands in the audit detail. */
  reason: string;
  /** Whether this failure counts towards the lockout (a guess at a secret of a known account). */
  counts: boolean;
}

export function makeLockout(deps: Deps, writeAudit: AuditWriter, settings: SettingsService) {
  const db = deps.database.db;

  /** Records the failure (audit, counter, lock when the threshold is reached); resolves to whether it locked now. */
  return async function recordFailure(failure: AuthFailure): Promise<boolean> {
    const { username, userId, meta, reason } = failure;
    const now = deps.clock.now();
    const security = await settings.security();
    return db.transaction().execute(async (trx) => {
      let lockedNow = false;
      if (failure.counts && userId) {
        const failures = await recordLoginFailure(trx, userId, now.toISOString());
        if (failures >= security.lockoutThreshold) {
          lockedNow = true;
          const until = new Date(now.getTime() + security.lockoutMinutes * 60_000).toISOString();
          await trx
            .updateTable("users")
            .set({ locked_until: until, failed_attempts: 0 })
            .where("id", "=", userId)
            .execute();
          await notifyUser(trx, now, userId, {
            kind: "security",
            title: "账户已被临时锁定",
            body: `连续 ${security.lockoutThreshold} 次密码或验证码错误，账户已锁定 ${security.lockoutMinutes} 分钟。如非本人操作，请联系系统管理员。`,
          });
        }
      }
      await writeAudit(
        trx,
        { actor: userId ? { userId, username } : null, meta },
        {
          action: lockedNow ? "auth.lockout" : failure.action,
          result: "failed",
          objectType: "user",
          objectId: userId,
          detail: { username, reason },
        },
      );
      return lockedNow;
    });
  };
}
export type RecordAuthFailure = ReturnType<typeof makeLockout>;
