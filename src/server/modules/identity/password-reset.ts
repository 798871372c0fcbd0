import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { Deps, RequestMeta, Trx } from "../../lib/context.js";
import { AppError, invalidFields } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { SettingsService } from "../settings/settings.service.js";
import { deleteSessionsOfUser } from "./identity.repo.js";
import { checkPassword, hashPassword } from "./password.js";
import type { SessionCache } from "./session.service.js";

// Password resets never hand a password to the admin who resets: they make a one-time link
// (256-bit random token, only its SHA-256 stored, valid RESET_LINK_MINUTES, used once) that reaches
// the account holder through the outbox, or the server console (`rencai admin reset-link`).

export const RESET_LINK_MINUTES = 30;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Where the reset page lives; the token rides in the fragment, so it never reaches a server log. */
export const resetUrl = (baseUrl: string, token: string) => `${baseUrl}/reset-password#token=${token}`;

/** Creates a link for the user in the caller's transaction; earlier unused links of the user die. */
export async function issueResetToken(
  trx: Trx | Kysely<DB>,
  now: Date,
  userId: string,
  createdBy: string | null,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString("base64url");
  const at = now.toISOString();
  await trx
    .updateTable("password_reset_tokens")
    .set({ used_at: at })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
  const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000).toISOString();
  await trx
    .insertInto("password_reset_tokens")
    .values({
      id: newId(now.getTime()),
      user_id: userId,
      token_hash: hashToken(token),
      expires_at: expiresAt,
      used_at: null,
      created_by: createdBy,
      created_at: at,
    })
    .execute();
  return { token, expiresAt };
}

const linkInvalid = () =>
  new AppError("bad_request", "RESET_LINK_INVALID", {
    zh: "重置链接无效、已使用或已过期，请联系管理员重新发送",
    en: "This reset link is invalid, used or expired; ask for a new one",
  });

export function makePasswordResetService(
  deps: Deps,
  writeAudit: AuditWriter,
  settings: SettingsService,
  sessions: SessionCache,
) {
  const db = deps.database.db;
  return {
    /** Sets a new password with a link's token: once, before it expires; ends every session. */
    async redeem(meta: RequestMeta, input: { token: string; newPassword: string }): Promise<void> {
      const now = deps.clock.now();
      const row = await db
        .selectFrom("password_reset_tokens as t")
        .innerJoin("users as u", "u.id", "t.user_id")
        .select(["t.id", "t.user_id", "t.expires_at", "t.used_at", "u.username", "u.status"])
        .where("t.token_hash", "=", hashToken(input.token))
        .executeTakeFirst();
      if (!row || row.used_at !== null || row.expires_at <= now.toISOString() || row.status !== "active") {
        await db.transaction().execute((trx) =>
          writeAudit(
            trx,
            { actor: null, meta },
            {
              action: "auth.password.resetLink",
              result: "failed",
              objectType: "user",
              objectId: row?.user_id ?? null,
              detail: { reason: row ? "used_or_expired" : "unknown_token" },
            },
          ),
        );
        throw linkInvalid();
      }
      const security = await settings.security();
      const problems = checkPassword(
        input.newPassword,
        { minLength: security.passwordMinLength, minClasses: security.passwordMinClasses },
        { username: row.username, path: "/newPassword" },
      );
      if (problems.length > 0) throw invalidFields("PASSWORD_POLICY", problems);
      const hash = await hashPassword(input.newPassword);
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        // Single use under concurrency: only the request that flips used_at goes on.
        const claimed = await trx
          .updateTable("password_reset_tokens")
          .set({ used_at: at })
          .where("id", "=", row.id)
          .where("used_at", "is", null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw linkInvalid();
        await trx
          .updateTable("users")
          .set({
            password_hash: hash,
            must_change_password: 0,
            failed_attempts: 0,
            locked_until: null,
            password_changed_at: at,
            updated_at: at,
          })
          .where("id", "=", row.user_id)
          .execute();
        const ended = await deleteSessionsOfUser(trx, row.user_id);
        await writeAudit(
          trx,
          { actor: { userId: row.user_id, username: row.username }, meta },
          {
            action: "auth.password.resetLink",
            objectType: "user",
            objectId: row.user_id,
            detail: { sessionsEnded: ended },
          },
        );
      });
      sessions.forgetUser(row.user_id);
    },
  };
}
export type PasswordResetService = ReturnType<typeof makePasswordResetService>;
