import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import type { BankAccountChangeTable } from "../../db/tables/payout-holds.js";
import { authorize, can } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { conflict, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { maskBankAccount, maskIdNumber, sealBankAccount } from "./personal-data.js";
import type { TalentRow } from "./registry.repo.js";
import type { BankChangeView, DecideBankChangeBody, ListBankChangesQuery } from "./registry.schema.js";
import "./registry.policy.js";

// A payee's bank account never changes at once (issue 12 item 1). A change asked by the talent
// (after re-entering their password) or by someone at the talent office is stored sealed as a
// pending change; the talent is told; another person at the talent office — never the one who
// asked, never the talent themselves — confirms or rejects it. Until then the registry and every
// open entitlement keep the old account, and the funds domain holds the payee's stages out of
// payment batches (funds/registry-payee.ts). A newer request replaces an older pending one.

const changeLabel = { zh: "银行账号变更", en: "Bank account change" };

type ChangeRow = BankAccountChangeTable;

/** What the funds domain does when a change is confirmed, in the same transaction: open entitlements
 * that pay the old account are pointed at the new one. */
export type BankAccountConfirmedHook = (
  trx: Kysely<DB>,
  change: { talentUserId: string; oldAccountEnc: string | null; newAccountEnc: string | null },
) => Promise<number>;

export interface BankChangeDeps {
  cipher: FieldCipher;
  onConfirmed?: BankAccountConfirmedHook;
}

const last4 = (account: string | null) => (account === null ? "无" : account.slice(-4));

export function makeBankChanges(
  deps: Deps,
  writeAudit: AuditWriter,
  { cipher, onConfirmed }: BankChangeDeps,
) {
  const db = deps.database.db;
  const open = (enc: string | null) => (enc === null ? null : cipher.decrypt("talent.bankAccount", enc));
  const masked = (enc: string | null) => {
    const plain = open(enc);
    return plain === null ? null : maskBankAccount(plain);
  };

  async function present(op: Op, rows: ChangeRow[]): Promise<BankChangeView[]> {
    if (rows.length === 0) return [];
    const talents = new Map(
      (
        await db
          .selectFrom("talents")
          .select(["id", "name", "id_number_enc", "user_id"])
          .where("id", "in", [...new Set(rows.map((r) => r.talent_id))])
          .execute()
      ).map((t) => [t.id, t]),
    );
    const userIds = [...new Set(rows.flatMap((r) => [r.requested_by, r.decided_by]))].filter(
      (v): v is string => v !== null,
    );
    const names = new Map(
      (await db.selectFrom("users").select(["id", "display_name"]).where("id", "in", userIds).execute()).map(
        (u) => [u.id, u.display_name],
      ),
    );
    return rows.map((r) => {
      const talent = talents.get(r.talent_id)!;
      return {
        id: r.id,
        status: r.status,
        talent: {
          id: talent.id,
          name: talent.name,
          idNumberMasked: maskIdNumber(cipher.decrypt("talent.idNumber", talent.id_number_enc)),
        },
        oldAccountMasked: masked(r.old_account_enc),
        newAccountMasked: masked(r.new_account_enc),
        requestedBy: { id: r.requested_by, name: names.get(r.requested_by) ?? "", kind: r.requested_as },
        createdAt: r.created_at,
        decidedBy: r.decided_by ? { id: r.decided_by, name: names.get(r.decided_by) ?? "" } : null,
        decidedAt: r.decided_at,
        note: r.note,
        abilities: {
          decide:
            r.status === "pending" &&
            can(op.actor, "registry.decideBankChanges") &&
            r.requested_by !== op.actor.userId &&
            talent.user_id !== op.actor.userId,
        },
      };
    });
  }

  async function load(id: string): Promise<ChangeRow> {
    const row = await db
      .selectFrom("bank_account_changes")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw notFound(changeLabel);
    return row;
  }

  const decided = () =>
    conflict("BANK_CHANGE_DECIDED", {
      zh: "该银行账号变更已处理或已被新的申请取代",
      en: "This bank account change has already been decided or replaced",
    });

  return {
    /** The pending change of a talent, for the record's view (masked). */
    async pendingOf(talentId: string) {
      const row = await db
        .selectFrom("bank_account_changes")
        .selectAll()
        .where("talent_id", "=", talentId)
        .where("status", "=", "pending")
        .executeTakeFirst();
      return row
        ? {
            id: row.id,
            accountMasked: masked(row.new_account_enc),
            requestedBy: row.requested_as,
            requestedAt: row.created_at,
          }
        : null;
    },

    /** Holds a change of `row`'s account (null: remove it), in the caller's transaction; replaces an
     * older pending change; tells the talent. */
    async holdIn(trx: Kysely<DB>, op: Op, row: TalentRow, account: string | null, as: "talent" | "office") {
      const now = deps.clock.now();
      const at = now.toISOString();
      await trx
        .updateTable("bank_account_changes")
        .set({ status: "superseded", updated_at: at })
        .where("talent_id", "=", row.id)
        .where("status", "=", "pending")
        .execute();
      const id = newId(now.getTime());
      try {
        await trx
          .insertInto("bank_account_changes")
          .values({
            id,
            talent_id: row.id,
            status: "pending",
            old_account_enc: row.bank_account_enc,
            new_account_enc: sealBankAccount(cipher, account),
            requested_by: op.actor.userId,
            requested_as: as,
            decided_by: null,
            decided_at: null,
            note: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
      } catch (error) {
        // The partial unique index: another request for this talent was pending at the same moment.
        const code = (error as { code?: unknown } | null)?.code;
        if (code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE")
          throw conflict("BANK_CHANGE_BUSY", {
            zh: "该人才的另一项银行账号变更正在提交，请稍后重试",
            en: "Another bank account change for this talent is being submitted; try again",
          });
        throw error;
      }
      await writeAudit(trx, op, {
        action: "registry.bankChange.request",
        objectType: "bank_account_change",
        objectId: id,
        detail: {
          talentId: row.id,
          requestedAs: as,
          to: account === null ? null : maskBankAccount(account),
        },
      });
      if (row.user_id)
        await notifyUser(trx, now, row.user_id, {
          kind: "security",
          title: "银行账号变更待确认",
          body:
            as === "talent"
              ? `你提交了收款银行账号变更（新账号尾号 ${last4(account)}），须经人才办确认后生效；确认前资金仍拨付至原账号。如非本人操作，请立即修改密码并联系人才办。`
              : `人才办提交了你的收款银行账号变更（新账号尾号 ${last4(account)}），须经人才办另一人确认后生效；确认前资金仍拨付至原账号。如有疑问请联系人才办。`,
          link: "/registry/me",
        });
      return id;
    },

    /** Asking for the account already on the record withdraws a pending change (in the caller's
     * transaction): nothing would change, so no password and no confirmation are needed. */
    async withdrawIn(trx: Kysely<DB>, op: Op, row: TalentRow) {
      const at = deps.clock.now().toISOString();
      const pending = await trx
        .selectFrom("bank_account_changes")
        .select("id")
        .where("talent_id", "=", row.id)
        .where("status", "=", "pending")
        .executeTakeFirst();
      if (!pending) return;
      await trx
        .updateTable("bank_account_changes")
        .set({ status: "superseded", note: "撤回", updated_at: at })
        .where("id", "=", pending.id)
        .where("status", "=", "pending")
        .execute();
      await writeAudit(trx, op, {
        action: "registry.bankChange.withdraw",
        objectType: "bank_account_change",
        objectId: pending.id,
        detail: { talentId: row.id },
      });
    },

    async list(op: Op, query: ListBankChangesQuery): Promise<BankChangeView[]> {
      authorize(op.actor, "registry.decideBankChanges");
      const rows = await db
        .selectFrom("bank_account_changes")
        .selectAll()
        .$if(query.status !== undefined, (q) => q.where("status", "=", query.status!))
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(200)
        .execute();
      const views = await present(op, rows);
      if (views.length > 0)
        await db.transaction().execute((trx) =>
          writeAudit(trx, op, {
            action: "registry.bankChange.list",
            objectType: "bank_account_change",
            objectId: null,
            detail: { status: query.status ?? null, count: views.length },
          }),
        );
      return views;
    },

    /** Confirms (the account changes, open entitlements follow) or rejects a pending change. Once:
     * a guarded update lets exactly one of two concurrent decisions through. */
    async decide(
      op: Op,
      id: string,
      decision: "confirm" | "reject",
      input: DecideBankChangeBody,
    ): Promise<BankChangeView> {
      authorize(op.actor, "registry.decideBankChanges");
      const change = await load(id);
      const talent = await db
        .selectFrom("talents")
        .select(["id", "user_id", "bank_account_enc"])
        .where("id", "=", change.talent_id)
        .executeTakeFirstOrThrow();
      if (change.status !== "pending") throw decided();
      if (change.requested_by === op.actor.userId || talent.user_id === op.actor.userId)
        throw conflict("BANK_CHANGE_SELF", {
          zh: "银行账号变更须由提出人以外的人才办工作人员确认，本人不能确认自己的账号变更",
          en: "A bank account change is confirmed by someone at the talent office other than whoever asked for it, and never by the talent",
        });
      const now = deps.clock.now();
      const at = now.toISOString();
      const note = input.note?.trim() || null;
      await db.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable("bank_account_changes")
          .set({
            status: decision === "confirm" ? "confirmed" : "rejected",
            decided_by: op.actor.userId,
            decided_at: at,
            note,
            updated_at: at,
          })
          .where("id", "=", id)
          .where("status", "=", "pending")
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw decided();
        let entitlements = 0;
        if (decision === "confirm") {
          await trx
            .updateTable("talents")
            .set({ bank_account_enc: change.new_account_enc, updated_at: at })
            .where("id", "=", talent.id)
            .execute();
          if (onConfirmed && talent.user_id)
            entitlements = await onConfirmed(trx, {
              talentUserId: talent.user_id,
              oldAccountEnc: talent.bank_account_enc,
              newAccountEnc: change.new_account_enc,
            });
        }
        await writeAudit(trx, op, {
          action: decision === "confirm" ? "registry.bankChange.confirm" : "registry.bankChange.reject",
          objectType: "bank_account_change",
          objectId: id,
          detail: {
            talentId: talent.id,
            requestedBy: change.requested_by,
            to: masked(change.new_account_enc),
            ...(decision === "confirm" ? { entitlementsRepointed: entitlements } : { note }),
          },
        });
        if (talent.user_id)
          await notifyUser(trx, now, talent.user_id, {
            kind: "security",
            title: decision === "confirm" ? "银行账号变更已确认" : "银行账号变更未通过",
            body:
              decision === "confirm"
                ? `人才办已确认你的收款银行账号变更（新账号尾号 ${last4(open(change.new_account_enc))}），此后资金拨付至新账号。`
                : `人才办未通过你的收款银行账号变更${note ? `：${note}` : "。"}资金仍拨付至原账号。`,
            link: "/registry/me",
          });
      });
      return (await present(op, [await load(id)]))[0]!;
    },
  };
}
export type BankChanges = ReturnType<typeof makeBankChanges>;
