import type { BatchLineRow, BatchRow, FundRow } from "../../db/tables/funds.js";
import { type Actor, authorize, can } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { conflict, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { BANK_ACCOUNT_FIELD, type BankCipher, maskedAccount } from "./bank-account.js";
import { type BankFile, bankFileCsv, bankFileXlsx } from "./bank-file.js";
import { findFund, namesOf, refreshEntitlementStatus } from "./funds.repo.js";
import {
  type BatchResultsBody,
  type BatchStatus,
  type BatchStep,
  type BatchView,
  batchStateMessage,
  type CreateBatchBody,
  type ListBatchesQuery,
} from "./funds.schema.js";
import type { FundsService, PayeeHolds } from "./funds.service.js";
import { subjectOfFund } from "./funds.service.js";
import { lockBudgetLine, postMovement } from "./ledger.repo.js";

const batchLabel = { zh: "支付批次", en: "Payment batch" };

// Payment batches (支付批次): the finance bureau collects payable stages, approves (someone other
// than the collector; two different such people above the configured total), exports the bank file, then records each line paid or failed.
// Collecting moves no money (the stages stay in "payable", marked in_batch); a paid line posts
// payable → paid; a failed line goes back to payable.
export function makeBatchService(
  deps: Deps,
  writeAudit: AuditWriter,
  funds: FundsService,
  cipher: BankCipher,
  payeeHolds: PayeeHolds = async () => new Set(),
) {
  const db = deps.database.db;
  const dialect = deps.database.dialect;
  const now = () => deps.clock.now().toISOString();

  async function visibleBatch(actor: Actor, id: string): Promise<{ batch: BatchRow; fund: FundRow }> {
    const batch = await db.selectFrom("fund_batches").selectAll().where("id", "=", id).executeTakeFirst();
    if (!batch) throw notFound(batchLabel);
    const fund = (await findFund(db, batch.fund_id))!;
    if (!can(actor, "funds.read", subjectOfFund(fund))) throw notFound(batchLabel);
    return { batch, fund };
  }

  async function present(actor: Actor, rows: BatchRow[], withLines: boolean): Promise<BatchView[]> {
    if (rows.length === 0) return [];
    const fundRows = await db
      .selectFrom("funds")
      .selectAll()
      .where("id", "in", [...new Set(rows.map((r) => r.fund_id))])
      .execute();
    const fundById = new Map(fundRows.map((f) => [f.id, f]));
    const lines: (BatchLineRow & { title: string; talent_user_id: string; talent_name: string })[] = withLines
      ? await db
          .selectFrom("fund_batch_lines")
          .innerJoin("fund_entitlements", "fund_entitlements.id", "fund_batch_lines.entitlement_id")
          .selectAll("fund_batch_lines")
          .select([
            "fund_entitlements.title",
            "fund_entitlements.talent_user_id",
            "fund_entitlements.talent_name",
          ])
          .where(
            "fund_batch_lines.batch_id",
            "in",
            rows.map((r) => r.id),
          )
          .orderBy("fund_batch_lines.id")
          .execute()
      : [];
    const users = await namesOf(
      db,
      "users",
      rows.flatMap((r) => [r.created_by, r.approved1_by, r.approved2_by]),
    );
    const ref = (id: string) => ({ id, name: users.get(id) ?? "" });
    return rows.map((r) => {
      const fund = fundById.get(r.fund_id)!;
      const mayPay = can(actor, "funds.pay", subjectOfFund(fund));
      const status = r.status as BatchStatus;
      const approvals = [
        ...(r.approved1_by ? [{ by: ref(r.approved1_by), at: r.approved1_at ?? "" }] : []),
        ...(r.approved2_by ? [{ by: ref(r.approved2_by), at: r.approved2_at ?? "" }] : []),
      ];
      return {
        id: r.id,
        fund: { id: fund.id, name: fund.name },
        title: r.title,
        status,
        total: Number(r.total),
        lineCount: r.line_count,
        approvalsRequired: r.approvals_required,
        createdAt: r.created_at,
        createdBy: ref(r.created_by),
        approvals,
        exportedAt: r.exported_at,
        closedAt: r.closed_at,
        ...(withLines
          ? {
              lines: lines
                .filter((l) => l.batch_id === r.id)
                .map((l) => ({
                  id: l.id,
                  stageId: l.stage_id,
                  entitlementId: l.entitlement_id,
                  title: l.title,
                  talent: { id: l.talent_user_id, name: l.talent_name },
                  amount: Number(l.amount),
                  payeeName: l.payee_name,
                  payeeBank: l.payee_bank,
                  payeeAccount: maskedAccount(l.payee_account_last4),
                  status: l.status as "pending" | "paid" | "failed",
                  failureReason: l.failure_reason,
                })),
            }
          : {}),
        abilities: {
          approve:
            mayPay &&
            status === "draft" &&
            r.created_by !== actor.userId &&
            !approvals.some((a) => a.by.id === actor.userId),
          export: mayPay && (status === "approved" || status === "exported" || status === "closed"),
          record: mayPay && (status === "approved" || status === "exported"),
          cancel: mayPay && (status === "draft" || status === "approved"),
        },
      };
    });
  }

  const notInState = (status: string, step: BatchStep) =>
    conflict("FUNDS_BATCH_STATE", batchStateMessage(status as BatchStatus, step), { status });

  const HELD_REASON = {
    zh: "收款人的银行账号变更待人才办确认，确认前暂不支付",
    en: "The payee's bank account change awaits the talent office's confirmation; not paid until then",
  };
  const changePending = (stageIds: string[]) =>
    conflict("FUNDS_PAYEE_CHANGE_PENDING", HELD_REASON, { stageIds: stageIds.join(",") });

  /** Before approval and the first export: no line's payee has a pending bank-account change, and
   * every line still carries its entitlement's account (a change confirmed since collection makes
   * the line stale: withdraw the batch and collect again). */
  async function assertPayeesSettled(trx: typeof db, batchId: string) {
    const lines = await trx
      .selectFrom("fund_batch_lines")
      .innerJoin("fund_entitlements", "fund_entitlements.id", "fund_batch_lines.entitlement_id")
      .select([
        "fund_batch_lines.stage_id",
        "fund_batch_lines.payee_account_enc as line_account",
        "fund_entitlements.payee_account_enc as entitlement_account",
        "fund_entitlements.talent_user_id",
      ])
      .where("fund_batch_lines.batch_id", "=", batchId)
      .where("fund_batch_lines.status", "=", "pending")
      .execute();
    const held = await payeeHolds(
      trx,
      lines.map((l) => l.talent_user_id),
    );
    const pending = lines.filter((l) => held.has(l.talent_user_id)).map((l) => l.stage_id);
    if (pending.length > 0) throw changePending(pending);
    const stale = lines.filter((l) => l.line_account !== l.entitlement_account).map((l) => l.stage_id);
    if (stale.length > 0)
      throw conflict(
        "FUNDS_PAYEE_CHANGED",
        {
          zh: "批次中有收款账号已变更的明细，请撤销该批次后重新生成",
          en: "A payee's bank account changed after this batch was collected; withdraw it and collect again",
        },
        { stageIds: stale.join(",") },
      );
  }

  return {
    async list(op: Op, query: ListBatchesQuery) {
      authorize(op.actor, "funds.read");
      const limit = query.limit ?? 50;
      const visible = (await db.selectFrom("funds").selectAll().execute())
        .filter((f) => can(op.actor, "funds.read", subjectOfFund(f)))
        .map((f) => f.id);
      if (visible.length === 0) return { items: [], nextCursor: null };
      const before = decodeCursor<string>(query.cursor, "string");
      let q = db.selectFrom("fund_batches").selectAll().where("fund_id", "in", visible);
      if (query.fundId) q = q.where("fund_id", "=", query.fundId);
      if (query.status) q = q.where("status", "=", query.status);
      if (before !== undefined) q = q.where("id", "<", before);
      const rows = await q
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await present(op.actor, page.items, false), nextCursor: page.nextCursor };
    },

    async get(op: Op, id: string): Promise<BatchView> {
      const { batch } = await visibleBatch(op.actor, id);
      return (await present(op.actor, [batch], true))[0]!;
    },

    /** Collects payable stages (with a payee account) into a draft batch. Idempotent per key. */
    async create(op: Op, input: CreateBatchBody, key: string) {
      await funds.visibleFund(op.actor, input.fundId, "funds.pay");
      const { dualApprovalAbove } = await funds.settings();
      return funds.once(
        op,
        "funds.batch.create",
        key,
        input,
        async (trx) => {
          let q = trx
            .selectFrom("fund_stages")
            .innerJoin("fund_entitlements", "fund_entitlements.id", "fund_stages.entitlement_id")
            .innerJoin("fund_budget_lines", "fund_budget_lines.id", "fund_entitlements.budget_line_id")
            .select([
              "fund_stages.id as stage_id",
              "fund_stages.amount",
              "fund_stages.status",
              "fund_entitlements.id as entitlement_id",
              "fund_entitlements.talent_user_id",
              "fund_entitlements.budget_line_id",
              "fund_entitlements.payee_name",
              "fund_entitlements.payee_bank",
              "fund_entitlements.payee_account_enc",
              "fund_entitlements.payee_account_last4",
            ])
            .where("fund_budget_lines.fund_id", "=", input.fundId);
          if (input.stageIds) q = q.where("fund_stages.id", "in", input.stageIds);
          else
            q = q
              .where("fund_stages.status", "=", "payable")
              .where("fund_entitlements.payee_account_enc", "!=", "");
          const found = await q.orderBy("fund_stages.id").execute();
          // A payee whose bank-account change awaits confirmation is not paid until it is decided.
          const held = await payeeHolds(
            trx,
            found.map((s) => s.talent_user_id),
          );
          const heldStages = found.filter((s) => held.has(s.talent_user_id));
          if (input.stageIds && heldStages.length > 0) throw changePending(heldStages.map((s) => s.stage_id));
          const stages = found.filter((s) => !held.has(s.talent_user_id));
          if (stages.length === 0 && heldStages.length > 0)
            throw changePending(heldStages.map((s) => s.stage_id));
          const heldOut = heldStages.map((s) => ({
            stageId: s.stage_id,
            entitlementId: s.entitlement_id,
            reason: HELD_REASON,
          }));
          if (input.stageIds) {
            const found = new Set(stages.map((s) => s.stage_id));
            const bad = [
              ...input.stageIds.filter((id) => !found.has(id)),
              ...stages
                .filter((s) => s.status !== "payable" || s.payee_account_enc === "")
                .map((s) => s.stage_id),
            ];
            if (bad.length > 0)
              throw conflict(
                "FUNDS_STAGE_NOT_PAYABLE",
                {
                  zh: "所选阶段中有不可支付的（不属于该资金、尚未达成条件、已在批次中或缺少收款账号）",
                  en: "Some stages cannot be paid (other fund, not payable, already in a batch, or no payee account)",
                },
                { stageIds: bad.join(",") },
              );
          }
          if (stages.length === 0)
            throw conflict("FUNDS_NOTHING_PAYABLE", { zh: "没有可支付的款项", en: "Nothing is payable" });
          const at = now();
          const batchId = newId();
          const total = stages.reduce((s, x) => s + Number(x.amount), 0);
          const required = total > dualApprovalAbove ? 2 : 1;
          await trx
            .insertInto("fund_batches")
            .values({
              id: batchId,
              fund_id: input.fundId,
              title: input.title.trim(),
              status: "draft",
              total,
              line_count: stages.length,
              approvals_required: required,
              created_at: at,
              created_by: op.actor.userId,
              approved1_by: null,
              approved1_at: null,
              approved2_by: null,
              approved2_at: null,
              exported_at: null,
              closed_at: null,
            })
            .execute();
          // A stage joins one batch only: the guarded update loses a race against another batch.
          const moved = await trx
            .updateTable("fund_stages")
            .set({ status: "in_batch" })
            .where(
              "id",
              "in",
              stages.map((s) => s.stage_id),
            )
            .where("status", "=", "payable")
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== stages.length)
            throw conflict("FUNDS_STAGE_NOT_PAYABLE", {
              zh: "有款项刚被加入另一批次，请重试",
              en: "Some stages were just put into another batch; try again",
            });
          for (let i = 0; i < stages.length; i += 200) {
            await trx
              .insertInto("fund_batch_lines")
              .values(
                stages.slice(i, i + 200).map((s) => ({
                  id: newId(),
                  batch_id: batchId,
                  stage_id: s.stage_id,
                  entitlement_id: s.entitlement_id,
                  budget_line_id: s.budget_line_id,
                  amount: Number(s.amount),
                  payee_name: s.payee_name,
                  payee_bank: s.payee_bank,
                  payee_account_enc: s.payee_account_enc,
                  payee_account_last4: s.payee_account_last4,
                  status: "pending",
                  failure_reason: null,
                  resolved_at: null,
                  resolved_by: null,
                })),
              )
              .execute();
          }
          for (const id of new Set(stages.map((s) => s.entitlement_id)))
            await refreshEntitlementStatus(trx, id, at);
          await writeAudit(trx, op, {
            action: "funds.batch.create",
            objectType: "fund_batch",
            objectId: batchId,
            detail: {
              fundId: input.fundId,
              total,
              lines: stages.length,
              approvalsRequired: required,
              heldOut: heldOut.length,
            },
          });
          return { id: batchId, total, lineCount: stages.length, approvalsRequired: required, heldOut };
        },
        201,
      );
    },

    /** One approval, never by the batch's creator; above the configured total a second, different
     * person approves too. */
    async approve(op: Op, id: string, key: string) {
      const { fund } = await visibleBatch(op.actor, id);
      authorize(op.actor, "funds.pay", subjectOfFund(fund));
      return funds.once(op, "funds.batch.approve", key, { id }, async (trx) => {
        const batch = (await trx
          .selectFrom("fund_batches")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirst())!;
        if (batch.status !== "draft") throw notInState(batch.status, "approve");
        await assertPayeesSettled(trx, id);
        // Separation of duties: whoever collected the batch never approves it.
        if (batch.created_by === op.actor.userId)
          throw conflict("FUNDS_CREATOR_CANNOT_APPROVE", {
            zh: "支付批次的创建人不能审批该批次，须由财政部门其他人员审批",
            en: "The person who created a payment batch may not approve it; someone else at the finance bureau must",
          });
        const at = now();
        let status: BatchStatus = "draft";
        if (batch.approved1_by === null) {
          status = batch.approvals_required <= 1 ? "approved" : "draft";
          const r = await trx
            .updateTable("fund_batches")
            .set({ approved1_by: op.actor.userId, approved1_at: at, status })
            .where("id", "=", id)
            .where("status", "=", "draft")
            .where("approved1_by", "is", null)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw notInState("draft", "approveAgain");
        } else {
          if (batch.approved1_by === op.actor.userId)
            throw conflict("FUNDS_SECOND_APPROVER_REQUIRED", {
              zh: "该批次金额超过双人审批限额，须由另一人复核审批",
              en: "This batch is above the dual-approval limit: a different person must approve it",
            });
          status = "approved";
          const r = await trx
            .updateTable("fund_batches")
            .set({ approved2_by: op.actor.userId, approved2_at: at, status })
            .where("id", "=", id)
            .where("status", "=", "draft")
            .where("approved2_by", "is", null)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw notInState("draft", "approveAgain");
        }
        await writeAudit(trx, op, {
          action: "funds.batch.approve",
          objectType: "fund_batch",
          objectId: id,
          detail: { status, total: Number(batch.total), approvalsRequired: batch.approvals_required },
        });
        return { id, status };
      });
    },

    /** The bank file with full account numbers (audited); the batch becomes "exported". */
    async exportFile(op: Op, id: string, format: "csv" | "xlsx") {
      const { batch, fund } = await visibleBatch(op.actor, id);
      authorize(op.actor, "funds.pay", subjectOfFund(fund));
      if (!["approved", "exported", "closed"].includes(batch.status))
        throw notInState(batch.status, "export");
      // The first export sends the file to the bank: the payees must be settled then.
      if (batch.status === "approved") await assertPayeesSettled(db, id);
      const lines = await db
        .selectFrom("fund_batch_lines")
        .innerJoin("fund_entitlements", "fund_entitlements.id", "fund_batch_lines.entitlement_id")
        .innerJoin("fund_stages", "fund_stages.id", "fund_batch_lines.stage_id")
        .selectAll("fund_batch_lines")
        .select(["fund_entitlements.title", "fund_stages.name as stage_name"])
        .where("fund_batch_lines.batch_id", "=", id)
        .orderBy("fund_batch_lines.id")
        .execute();
      const file: BankFile = {
        batchId: id,
        title: batch.title,
        total: Number(batch.total),
        lines: lines.map((l, i) => ({
          no: i + 1,
          lineId: l.id,
          payeeName: l.payee_name,
          payeeAccount: cipher.decrypt(BANK_ACCOUNT_FIELD, l.payee_account_enc),
          payeeBank: l.payee_bank,
          amount: Number(l.amount),
          purpose: `${l.title}-${l.stage_name}`.slice(0, 60),
        })),
      };
      const at = now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("fund_batches")
          .set({ status: "exported", exported_at: at })
          .where("id", "=", id)
          .where("status", "=", "approved")
          .execute();
        await writeAudit(trx, op, {
          action: "funds.batch.export",
          objectType: "fund_batch",
          objectId: id,
          detail: { format, lines: file.lines.length, total: file.total, fullAccountNumbers: true },
        });
      });
      const body = format === "csv" ? bankFileCsv(file) : await bankFileXlsx(file);
      return { body, filename: `payment-${id}.${format}` };
    },

    /** Records the bank's answer per line: paid lines post payable → paid, failed ones are payable again. */
    async recordResults(op: Op, id: string, input: BatchResultsBody, key: string) {
      const { fund } = await visibleBatch(op.actor, id);
      authorize(op.actor, "funds.pay", subjectOfFund(fund));
      return funds.once(op, "funds.batch.results", key, { id, input }, async (trx) => {
        const batch = (await trx
          .selectFrom("fund_batches")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirst())!;
        if (batch.status !== "approved" && batch.status !== "exported")
          throw notInState(batch.status, "record");
        const readLines = () =>
          trx
            .selectFrom("fund_batch_lines")
            .selectAll()
            .where("batch_id", "=", id)
            .where(
              "id",
              "in",
              input.lines.map((l) => l.lineId),
            )
            .execute();
        // Lock the budget lines in a fixed order (two batches never wait on each other in a cycle), then
        // read the lines again: a concurrent request that recorded them first has committed by now.
        for (const lineId of [...new Set((await readLines()).map((l) => l.budget_line_id))].sort())
          await lockBudgetLine(trx, dialect, lineId);
        const lines = await readLines();
        const byId = new Map(lines.map((l) => [l.id, l]));
        const bad = input.lines.filter((l) => byId.get(l.lineId)?.status !== "pending").map((l) => l.lineId);
        if (bad.length > 0 || new Set(input.lines.map((l) => l.lineId)).size !== input.lines.length)
          throw conflict(
            "FUNDS_LINE_NOT_PENDING",
            {
              zh: "有明细不属于该批次或已登记过结果",
              en: "Some lines are not in this batch or already have a result",
            },
            { lineIds: bad.join(",") },
          );
        const at = now();
        let paid = 0;
        let failed = 0;
        for (const r of input.lines) {
          const line = byId.get(r.lineId)!;
          if (r.result === "paid") {
            await postMovement(trx, {
              budgetLineId: line.budget_line_id,
              kind: "pay",
              amount: Number(line.amount),
              entitlementId: line.entitlement_id,
              stageId: line.stage_id,
              batchId: id,
              memo: batch.title,
              actorId: op.actor.userId,
              at,
            });
            await trx
              .updateTable("fund_stages")
              .set({ status: "paid", paid_at: at })
              .where("id", "=", line.stage_id)
              .execute();
            paid += Number(line.amount);
          } else {
            await trx
              .updateTable("fund_stages")
              .set({ status: "payable" })
              .where("id", "=", line.stage_id)
              .execute();
            failed += Number(line.amount);
          }
          const resolved = await trx
            .updateTable("fund_batch_lines")
            .set({
              status: r.result,
              failure_reason: r.result === "failed" ? (r.reason ?? "") : null,
              resolved_at: at,
              resolved_by: op.actor.userId,
            })
            .where("id", "=", r.lineId)
            .where("status", "=", "pending")
            .executeTakeFirst();
          if (Number(resolved.numUpdatedRows) !== 1)
            throw conflict("FUNDS_LINE_NOT_PENDING", {
              zh: "该明细已登记过结果",
              en: "This line already has a result",
            });
        }
        for (const e of new Set(lines.map((l) => l.entitlement_id)))
          await refreshEntitlementStatus(trx, e, at);
        const open = await trx
          .selectFrom("fund_batch_lines")
          .select("id")
          .where("batch_id", "=", id)
          .where("status", "=", "pending")
          .limit(1)
          .executeTakeFirst();
        const status: BatchStatus = open ? (batch.status as BatchStatus) : "closed";
        if (!open)
          await trx.updateTable("fund_batches").set({ status, closed_at: at }).where("id", "=", id).execute();
        await writeAudit(trx, op, {
          action: "funds.batch.results",
          objectType: "fund_batch",
          objectId: id,
          detail: { paid, failed, lines: input.lines.length, status },
        });
        return { id, status, paid, failed };
      });
    },

    /** Withdraws a batch not yet exported: its stages are payable again. */
    async cancel(op: Op, id: string, key: string) {
      const { fund } = await visibleBatch(op.actor, id);
      authorize(op.actor, "funds.pay", subjectOfFund(fund));
      return funds.once(op, "funds.batch.cancel", key, { id }, async (trx) => {
        const batch = (await trx
          .selectFrom("fund_batches")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirst())!;
        if (batch.status !== "draft" && batch.status !== "approved") throw notInState(batch.status, "cancel");
        const at = now();
        const lines = await trx
          .selectFrom("fund_batch_lines")
          .selectAll()
          .where("batch_id", "=", id)
          .execute();
        // `in ()` is a syntax error on PostgreSQL: a batch without lines has no stages to free.
        if (lines.length > 0)
          await trx
            .updateTable("fund_stages")
            .set({ status: "payable" })
            .where(
              "id",
              "in",
              lines.map((l) => l.stage_id),
            )
            .where("status", "=", "in_batch")
            .execute();
        await trx
          .updateTable("fund_batch_lines")
          .set({
            status: "failed",
            failure_reason: "批次已撤销",
            resolved_at: at,
            resolved_by: op.actor.userId,
          })
          .where("batch_id", "=", id)
          .where("status", "=", "pending")
          .execute();
        await trx
          .updateTable("fund_batches")
          .set({ status: "cancelled", closed_at: at })
          .where("id", "=", id)
          .execute();
        for (const e of new Set(lines.map((l) => l.entitlement_id)))
          await refreshEntitlementStatus(trx, e, at);
        await writeAudit(trx, op, {
          action: "funds.batch.cancel",
          objectType: "fund_batch",
          objectId: id,
          detail: { lines: lines.length, total: Number(batch.total) },
        });
        return { id, status: "cancelled" as const };
      });
    },
  };
}
export type BatchService = ReturnType<typeof makeBatchService>;
