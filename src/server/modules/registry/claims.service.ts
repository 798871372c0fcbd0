import { randomInt, timingSafeEqual } from "node:crypto";
import { authorize, can } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import type { FieldCipher } from "../../lib/crypto.js";
import { AppError, conflict, invalidFields, notFound } from "../../lib/errors.js";
import { maskPhone } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { AttachmentKind, AttachmentTable } from "../files/attachments.js";
import type { AttachmentCheck } from "../files/files.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import type { SmsGateway } from "../notifications/sms-gateway.js";
import "./claims.policy.js";

// Claims link a new portal account to a record the talent office registered, only with proof:
// - talent, by SMS: name and ID number matched at registration, then a 6-digit code sent to the
//   phone already on the record (not one the claimant typed). Codes are HMAC-hashed with the blind
//   index key and bound to the claim, valid CODE_MINUTES, MAX_ATTEMPTS tries each, MAX_CODES per
//   claim, and single use;
// - talent or employer, by the office: the talent office approves in the UI; an employer's claim
//   needs an uploaded authorisation letter (授权委托书) first.
// Until then the account is linked to nothing and sees nothing of the record.

export const CODE_MINUTES = 10;
export const MAX_ATTEMPTS = 5;
export const MAX_CODES = 5;

const claimLabel = { zh: "认领申请", en: "Claim" };

export interface ClaimView {
  id: string;
  kind: "talent" | "employer";
  status: "pending" | "approved" | "rejected";
  recordName: string;
  /** Talent claims: whether an SMS code can be sent (name matched, a phone is on the record), and where. */
  sms: { available: boolean; phoneMasked: string | null };
  nameMatches: boolean;
  hasLetter: boolean;
  letterFileId: string | null;
  claimant: { id: string; username: string; displayName: string } | null;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface ClaimDeps {
  cipher: FieldCipher;
  sms: SmsGateway;
  checkAttachable: AttachmentCheck;
}

export function makeClaimService(
  deps: Deps,
  writeAudit: AuditWriter,
  { cipher, sms, checkAttachable }: ClaimDeps,
) {
  const db = deps.database.db;
  const codeHash = (claimId: string, code: string) =>
    cipher.blindIndex("claim.smsCode", `${claimId}:${code}`);

  async function load(id: string) {
    const row = await db.selectFrom("registry_claims").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound(claimLabel);
    return row;
  }

  /** The record's phone, decrypted only to send the code to it. */
  async function recordPhone(talentId: string | null): Promise<string | null> {
    if (!talentId) return null;
    const t = await db
      .selectFrom("talents")
      .select("phone_enc")
      .where("id", "=", talentId)
      .executeTakeFirst();
    return t?.phone_enc ? cipher.decrypt("talent.phone", t.phone_enc) : null;
  }

  async function present(
    rows: Awaited<ReturnType<typeof load>>[],
    withClaimant: boolean,
  ): Promise<ClaimView[]> {
    const views: ClaimView[] = [];
    for (const r of rows) {
      const record =
        r.kind === "talent"
          ? await db.selectFrom("talents").select("name").where("id", "=", r.talent_id!).executeTakeFirst()
          : await db
              .selectFrom("employers")
              .select("name")
              .where("id", "=", r.employer_id!)
              .executeTakeFirst();
      const phone = r.kind === "talent" ? await recordPhone(r.talent_id) : null;
      const user = withClaimant
        ? await db
            .selectFrom("users")
            .select(["id", "username", "display_name"])
            .where("id", "=", r.user_id)
            .executeTakeFirst()
        : undefined;
      views.push({
        id: r.id,
        kind: r.kind,
        status: r.status,
        recordName: record?.name ?? "",
        sms: {
          available: r.kind === "talent" && r.name_matches === 1 && phone !== null && sms.kind !== "none",
          phoneMasked: phone === null ? null : maskPhone(phone),
        },
        nameMatches: r.name_matches === 1,
        hasLetter: r.file_id !== null,
        letterFileId: r.file_id,
        claimant: user ? { id: user.id, username: user.username, displayName: user.display_name } : null,
        note: r.note,
        createdAt: r.created_at,
        decidedAt: r.decided_at,
      });
    }
    return views;
  }

  const notPending = () =>
    conflict("CLAIM_DECIDED", { zh: "该认领申请已处理", en: "This claim has already been decided" });

  /** Links the record to the claimant's account (or organisation), in the caller's transaction. */
  async function link(trx: typeof db, claim: Awaited<ReturnType<typeof load>>, now: string) {
    if (claim.kind === "talent") {
      const own = await trx
        .selectFrom("talents")
        .select("id")
        .where("user_id", "=", claim.user_id)
        .executeTakeFirst();
      if (own)
        throw conflict("CLAIM_HAS_RECORD", {
          zh: "该账户已关联一份人才档案，不能再认领其他档案",
          en: "This account already has a talent record and cannot claim another",
        });
      const done = await trx
        .updateTable("talents")
        .set({ user_id: claim.user_id, updated_at: now })
        .where("id", "=", claim.talent_id!)
        .where("user_id", "is", null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1)
        throw conflict("CLAIM_TAKEN", {
          zh: "该人才档案已关联其他账户",
          en: "This record is already linked to another account",
        });
    } else {
      const done = await trx
        .updateTable("employers")
        .set({ org_id: claim.org_id, updated_at: now })
        .where("id", "=", claim.employer_id!)
        .where("org_id", "is", null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1)
        throw conflict("CLAIM_TAKEN", {
          zh: "该单位档案已关联其他机构",
          en: "This employer record is already linked to another organisation",
        });
    }
    const decided = await trx
      .updateTable("registry_claims")
      .set({ status: "approved", code_hash: null, code_expires_at: null, decided_at: now, updated_at: now })
      .where("id", "=", claim.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) throw notPending();
  }

  return {
    async mine(op: Op): Promise<ClaimView[]> {
      authorize(op.actor, "claims.own");
      const rows = await db
        .selectFrom("registry_claims")
        .selectAll()
        .where("user_id", "=", op.actor.userId)
        .orderBy("created_at", "desc")
        .execute();
      return present(rows, false);
    },

    async list(op: Op, query: { status?: "pending" | "approved" | "rejected" }): Promise<ClaimView[]> {
      authorize(op.actor, "claims.manage");
      const rows = await db
        .selectFrom("registry_claims")
        .selectAll()
        .$if(query.status !== undefined, (q) => q.where("status", "=", query.status!))
        .orderBy("created_at", "desc")
        .limit(200)
        .execute();
      return present(rows, true);
    },

    /** Sends a fresh one-time code to the phone on the record; earlier codes die. */
    async sendCode(op: Op, id: string): Promise<{ phoneMasked: string; expiresAt: string }> {
      const claim = await load(id);
      if (!can(op.actor, "claims.own", { userId: claim.user_id })) throw notFound(claimLabel);
      if (claim.status !== "pending") throw notPending();
      const phone = await recordPhone(claim.talent_id);
      if (claim.kind !== "talent" || claim.name_matches !== 1 || phone === null || sms.kind === "none")
        throw conflict("CLAIM_SMS_UNAVAILABLE", {
          zh: "无法通过短信验证（姓名与档案不符、档案无手机号或短信未开通），请等待人才办审核",
          en: "SMS verification is not possible for this claim; the talent office will review it",
        });
      if (claim.codes_sent >= MAX_CODES)
        throw new AppError("too_many", "CLAIM_CODES_EXHAUSTED", {
          zh: "验证码发送次数已达上限，请等待人才办审核",
          en: "No more codes can be sent for this claim; the talent office will review it",
        });
      const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString();
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable("registry_claims")
          .set((eb) => ({
            code_hash: codeHash(id, code),
            code_expires_at: expiresAt,
            code_attempts: 0,
            codes_sent: eb("codes_sent", "+", 1),
            updated_at: now.toISOString(),
          }))
          .where("id", "=", id)
          .where("codes_sent", "<", MAX_CODES)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new AppError("too_many", "CLAIM_CODES_EXHAUSTED", {
            zh: "验证码发送次数已达上限，请等待人才办审核",
            en: "No more codes can be sent for this claim",
          });
        await writeAudit(trx, op, {
          action: "registry.claim.codeSent",
          objectType: "registry_claim",
          objectId: id,
          detail: { to: maskPhone(phone) },
        });
      });
      await sms.send(
        phone,
        `【营口人才】验证码 ${code}，${CODE_MINUTES} 分钟内有效，用于认领人才档案。如非本人操作请忽略并联系人才办。`,
      );
      return { phoneMasked: maskPhone(phone), expiresAt };
    },

    /** Checks a code: right, unexpired and unused links the record at once; each wrong try counts. */
    async verifyCode(op: Op, id: string, code: string): Promise<ClaimView> {
      const claim = await load(id);
      if (!can(op.actor, "claims.own", { userId: claim.user_id })) throw notFound(claimLabel);
      if (claim.status !== "pending") throw notPending();
      const now = deps.clock.now().toISOString();
      const wrong = () =>
        new AppError("bad_request", "CLAIM_CODE_INVALID", {
          zh: "验证码错误或已失效",
          en: "The code is wrong or no longer valid",
        });
      if (claim.code_hash === null || claim.code_expires_at === null || claim.code_expires_at <= now)
        throw wrong();
      const given = Buffer.from(codeHash(id, code.trim()));
      const right =
        given.length === claim.code_hash.length && timingSafeEqual(given, Buffer.from(claim.code_hash));
      const ok = await db.transaction().execute(async (trx) => {
        // Each try spends one attempt, atomically: parallel guesses cannot exceed MAX_ATTEMPTS.
        const spent = await trx
          .updateTable("registry_claims")
          .set((eb) => ({ code_attempts: eb("code_attempts", "+", 1), updated_at: now }))
          .where("id", "=", id)
          .where("code_hash", "=", claim.code_hash)
          .where("code_attempts", "<", MAX_ATTEMPTS)
          .executeTakeFirst();
        if (Number(spent.numUpdatedRows) !== 1 || !right) {
          await writeAudit(trx, op, {
            action: "registry.claim.codeWrong",
            result: "failed",
            objectType: "registry_claim",
            objectId: id,
          });
          return false;
        }
        await link(trx, claim, now);
        await writeAudit(trx, op, {
          action: "registry.claim.verified",
          objectType: claim.kind,
          objectId: claim.talent_id ?? claim.employer_id,
          detail: { claimId: id, via: "sms" },
        });
        return true;
      });
      if (!ok) throw wrong();
      return (await present([await load(id)], false))[0]!;
    },

    /** The employer's authorisation letter, one of the claimant's own uploads. */
    async attachLetter(op: Op, id: string, fileId: string): Promise<ClaimView> {
      const claim = await load(id);
      if (!can(op.actor, "claims.own", { userId: claim.user_id })) throw notFound(claimLabel);
      if (claim.status !== "pending") throw notPending();
      await db.transaction().execute(async (trx) => {
        const errors = await checkAttachable(trx, op.actor, [fileId], {
          path: "/fileId",
          keep: claim.file_id ? [claim.file_id] : [],
        });
        if (errors.length > 0) throw invalidFields("CLAIM_INVALID", errors);
        await trx
          .updateTable("registry_claims")
          .set({ file_id: fileId, updated_at: deps.clock.now().toISOString() })
          .where("id", "=", id)
          .execute();
        await writeAudit(trx, op, {
          action: "registry.claim.letter",
          objectType: "registry_claim",
          objectId: id,
          detail: { fileId },
        });
      });
      return (await present([await load(id)], false))[0]!;
    },

    async decide(
      op: Op,
      id: string,
      input: { decision: "approve" | "reject"; note?: string },
    ): Promise<ClaimView> {
      authorize(op.actor, "claims.manage");
      const claim = await load(id);
      if (claim.status !== "pending") throw notPending();
      if (input.decision === "approve" && claim.kind === "employer" && claim.file_id === null)
        throw conflict("CLAIM_LETTER_MISSING", {
          zh: "单位认领须先上传授权委托书",
          en: "An employer claim needs the authorisation letter first",
        });
      const now = deps.clock.now();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        if (input.decision === "approve") await link(trx, claim, at);
        else {
          const done = await trx
            .updateTable("registry_claims")
            .set({ status: "rejected", code_hash: null, decided_at: at, updated_at: at })
            .where("id", "=", id)
            .where("status", "=", "pending")
            .executeTakeFirst();
          if (Number(done.numUpdatedRows) !== 1) throw notPending();
        }
        await trx
          .updateTable("registry_claims")
          .set({ decided_by: op.actor.userId, note: input.note?.trim() || null })
          .where("id", "=", id)
          .execute();
        await notifyUser(trx, now, claim.user_id, {
          kind: "security",
          title: input.decision === "approve" ? "档案认领已通过" : "档案认领未通过",
          body:
            input.decision === "approve"
              ? "人才办已确认你的档案认领，账户已关联档案。"
              : `人才办未通过你的档案认领${input.note ? `：${input.note}` : "。"}`,
        });
        await writeAudit(trx, op, {
          action: input.decision === "approve" ? "registry.claim.approve" : "registry.claim.reject",
          objectType: claim.kind,
          objectId: claim.talent_id ?? claim.employer_id,
          detail: { claimId: id },
        });
      });
      return (await present([await load(id)], true))[0]!;
    },
  };
}
export type ClaimService = ReturnType<typeof makeClaimService>;

/** Authorisation letters on claims: the claimant and the talent office may download them. */
export const claimAttachments: AttachmentKind = {
  // A claim may have no letter yet, so its file_id is nullable, which the join-table type does not
  // admit; the store only ever looks rows up by a given file id, which works the same.
  table: "registry_claims" as AttachmentTable,
  async canRead(db, actor, fileId) {
    const row = await db
      .selectFrom("registry_claims")
      .select("user_id")
      .where("file_id", "=", fileId)
      .executeTakeFirst();
    return row !== undefined && (row.user_id === actor.userId || can(actor, "claims.manage"));
  },
};
