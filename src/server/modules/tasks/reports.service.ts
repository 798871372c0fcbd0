import type { Kysely } from "kysely";
import type { DB, TaskReportRow } from "../../db/schema.js";
import { type Actor, authorize, can, hasRole } from "../../lib/authz.js";
import type { Deps, Op } from "../../lib/context.js";
import { conflict, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import type { AttachmentCheck } from "../files/files.service.js";
import { notifyUser } from "../notifications/notifications.service.js";
import { chinaDate, periodExample, periodSpan, type ReportPeriod } from "./calendar.js";
import { refreshTaskState } from "./refresh-task-state.js";
import type { TaskSubject } from "./tasks.policy.js";
import {
  appendTaskEvent,
  attachmentIdsOfReport,
  attachmentsOfReports,
  findReport,
  listReports,
  namesOfOrgs,
  namesOfUsers,
  reportsOfTask,
  setReportAttachments,
  titlesOfTasks,
  usersWithRoleAt,
} from "./tasks.repo.js";
import type {
  CreateReportBody,
  ListReportsQuery,
  Report,
  ReportStatus,
  ReviseReportBody,
} from "./tasks.schema.js";
import { loadVisibleTask, visibleOrgIds } from "./visible-task.js";
import "./tasks.policy.js";

const reportLabel = { zh: "进度报告", en: "Progress report" };
const PERIOD_NAMES: Record<ReportPeriod, { zh: string; en: string }> = {
  monthly: { zh: "月度", en: "monthly" },
  quarterly: { zh: "季度", en: "quarterly" },
};

const reportLocked = () =>
  conflict("REPORT_LOCKED", {
    zh: "报告已审核通过，报告及其附件不能再修改",
    en: "The report has been signed off; it and its attachments can no longer change",
  });

/** The rule subject for "may write as this unit": the unit alone. */
const asUnit = (orgId: string): TaskSubject => ({ leadOrgIds: [orgId], responsibleOrgIds: [] });

export function makeReportService(deps: Deps, writeAudit: AuditWriter, checkAttachable: AttachmentCheck) {
  const db = deps.database.db;

  /** The files become the report's attachments, if the author may attach each of them (else 422 with
   * the failing indexes). `keep`: files already on this report, which are not "attached elsewhere". */
  async function attach(
    trx: Kysely<DB>,
    op: Op,
    reportId: string,
    fileIds: readonly string[],
    keep: readonly string[],
  ) {
    const errors = await checkAttachable(trx, op.actor, fileIds, { path: "/attachmentIds", keep });
    if (errors.length > 0) throw invalidFields("REPORT_INVALID", errors);
    await setReportAttachments(trx, reportId, fileIds);
  }

  async function present(actor: Actor, rows: TaskReportRow[]): Promise<Report[]> {
    if (rows.length === 0) return [];
    const [orgs, users, taskTitle, attachments] = await Promise.all([
      namesOfOrgs(
        db,
        rows.map((r) => r.org_id),
      ),
      namesOfUsers(db, [
        ...rows.map((r) => r.author_id),
        ...rows.map((r) => r.reviewer_id).filter((id): id is string => id !== null),
      ]),
      titlesOfTasks(
        db,
        rows.map((r) => r.task_id),
      ),
      attachmentsOfReports(
        db,
        rows.map((r) => r.id),
      ),
    ]);
    return rows.map((r) => ({
      id: r.id,
      task: { id: r.task_id, title: taskTitle.get(r.task_id) ?? "" },
      org: { id: r.org_id, name: orgs.get(r.org_id) ?? "" },
      periodKey: r.period_key,
      text: r.text,
      progress: r.progress,
      status: r.status as ReportStatus,
      author: { id: r.author_id, name: users.get(r.author_id) ?? "" },
      firstSubmittedAt: r.first_submitted_at,
      submittedAt: r.submitted_at,
      reviewer: r.reviewer_id === null ? null : { id: r.reviewer_id, name: users.get(r.reviewer_id) ?? "" },
      reviewedAt: r.reviewed_at,
      reviewComment: r.review_comment,
      attachments: attachments.get(r.id) ?? [],
      abilities: {
        revise: r.status !== "approved" && can(actor, "tasks.writeReport", asUnit(r.org_id)),
        review: r.status === "submitted" && can(actor, "tasks.reviewReport", { orgId: r.org_id }),
      },
    }));
  }

  async function presentOne(actor: Actor, row: TaskReportRow): Promise<Report> {
    const [report] = await present(actor, [row]);
    return report!;
  }

  /** The report on a task the actor sees, else 404. */
  async function loadReport(op: Op, taskId: string, reportId: string) {
    const visible = await loadVisibleTask(db, op.actor, taskId);
    const report = await findReport(db, taskId, reportId);
    if (!report) throw notFound(reportLabel);
    return { ...visible, report };
  }

  async function askForSignOff(
    trx: Parameters<typeof notifyUser>[0],
    now: Date,
    report: TaskReportRow,
    taskTitle: string,
  ) {
    for (const leader of await usersWithRoleAt(trx, "leader", [report.org_id])) {
      await notifyUser(trx, now, leader, {
        kind: "task",
        title: `待审核进度报告：${taskTitle}`,
        body: `${report.period_key} 期进度报告已提交，请审核。`,
        link: `/tasks/${report.task_id}`,
      });
    }
  }

  async function review(
    op: Op,
    taskId: string,
    reportId: string,
    decision: "approved" | "returned",
    comment: string | undefined,
  ): Promise<Report> {
    authorize(op.actor, "tasks.reviewReport");
    const { task, report } = await loadReport(op, taskId, reportId);
    authorize(op.actor, "tasks.reviewReport", { orgId: report.org_id });
    if (report.status !== "submitted")
      throw conflict("REPORT_NOT_PENDING", {
        zh: "该报告不在待审核状态",
        en: "This report is not waiting for sign-off",
      });
    const text = comment?.trim() ?? "";
    if (decision === "returned" && text === "")
      throw invalidFields("REPORT_INVALID", [
        { path: "/comment", message: { zh: "退回时须填写意见", en: "Returning a report needs a comment" } },
      ]);
    const now = deps.clock.now();
    const at = now.toISOString();
    const next: TaskReportRow = {
      ...report,
      status: decision,
      reviewer_id: op.actor.userId,
      reviewed_at: at,
      review_comment: text === "" ? null : text,
      updated_at: at,
    };
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("task_reports")
        .set({
          status: next.status,
          reviewer_id: next.reviewer_id,
          reviewed_at: at,
          review_comment: next.review_comment,
          updated_at: at,
        })
        .where("id", "=", reportId)
        .where("status", "=", "submitted")
        .execute();
      const detail = {
        reportId,
        periodKey: report.period_key,
        orgId: report.org_id,
        comment: next.review_comment,
      };
      const kind = decision === "approved" ? "report.approved" : "report.returned";
      await appendTaskEvent(trx, { taskId, at: now, actor: op.actor, kind, detail });
      await notifyUser(trx, now, report.author_id, {
        kind: "task",
        title: `${decision === "approved" ? "进度报告已通过" : "进度报告被退回"}：${task.title}`,
        body:
          decision === "approved"
            ? `${report.period_key} 期进度报告已审核通过。`
            : `${report.period_key} 期进度报告被退回：${text}`,
        link: `/tasks/${taskId}`,
      });
      await writeAudit(trx, op, {
        action: decision === "approved" ? "tasks.report.approve" : "tasks.report.return",
        objectType: "task_report",
        objectId: reportId,
        detail: { taskId, ...detail },
      });
    });
    return presentOne(op.actor, next);
  }

  return {
    async listForTask(op: Op, taskId: string): Promise<Report[]> {
      authorize(op.actor, "tasks.read");
      await loadVisibleTask(db, op.actor, taskId);
      return present(op.actor, await reportsOfTask(db, taskId));
    },

    /** Reports written by the actor's units (all of them for the talent office): a leader's sign-off queue. */
    async list(op: Op, query: ListReportsQuery) {
      authorize(op.actor, "tasks.read");
      const limit = query.limit ?? 50;
      const rows = await listReports(db, {
        orgIds: visibleOrgIds(op.actor),
        status: query.status,
        taskId: query.taskId,
        beforeId: decodeCursor<string>(query.cursor, "string"),
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await present(op.actor, page.items), nextCursor: page.nextCursor };
    },

    async submit(op: Op, taskId: string, input: CreateReportBody): Promise<Report> {
      authorize(op.actor, "tasks.writeReport");
      const { task, units, subject } = await loadVisibleTask(db, op.actor, taskId);
      authorize(op.actor, "tasks.writeReport", subject);
      const mine = units.filter((u) => hasRole(op.actor, "officer", u.orgId)).map((u) => u.orgId);
      const orgId = input.orgId ?? (mine.length === 1 ? mine[0] : undefined);
      if (orgId === undefined || !mine.includes(orgId))
        throw invalidFields("REPORT_INVALID", [
          {
            path: "/orgId",
            message: {
              zh: "请选择本人作为经办人所在、且承担该任务的单位",
              en: "Choose one of your units that shares this task",
            },
          },
        ]);
      const document = await db
        .selectFrom("policy_documents")
        .select("report_period")
        .where("id", "=", task.document_id)
        .executeTakeFirstOrThrow();
      const period = (task.report_period ?? document.report_period) as ReportPeriod;
      const span = periodSpan(input.periodKey, period);
      const now = deps.clock.now();
      if (span === null)
        throw invalidFields("REPORT_INVALID", [
          {
            path: "/periodKey",
            message: {
              zh: `该任务按${PERIOD_NAMES[period].zh}报告，周期应写作 ${periodExample(period)}`,
              en: `This task reports ${PERIOD_NAMES[period].en}; write the period like ${periodExample(period)}`,
            },
          },
        ]);
      if (span.start > chinaDate(now))
        throw invalidFields("REPORT_INVALID", [
          {
            path: "/periodKey",
            message: { zh: "不能为尚未开始的周期填报", en: "That period has not started yet" },
          },
        ]);
      const existing = await db
        .selectFrom("task_reports")
        .select("id")
        .where("task_id", "=", taskId)
        .where("org_id", "=", orgId)
        .where("period_key", "=", input.periodKey)
        .executeTakeFirst();
      if (existing)
        throw conflict("REPORT_EXISTS", {
          zh: `本单位 ${input.periodKey} 期的报告已提交，如被退回请修改原报告`,
          en: `Your unit has already reported for ${input.periodKey}; revise that report instead`,
        });
      const at = now.toISOString();
      const row: TaskReportRow = {
        id: newId(now.getTime()),
        task_id: taskId,
        org_id: orgId,
        period_key: input.periodKey,
        text: input.text.trim(),
        progress: task.progress,
        status: "submitted",
        author_id: op.actor.userId,
        first_submitted_at: at,
        submitted_at: at,
        reviewer_id: null,
        reviewed_at: null,
        review_comment: null,
        updated_at: at,
      };
      const attachmentIds = input.attachmentIds ?? [];
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("task_reports").values(row).execute();
        await attach(trx, op, row.id, attachmentIds, []);
        const detail = { reportId: row.id, periodKey: row.period_key, orgId, attachmentIds };
        await appendTaskEvent(trx, { taskId, at: now, actor: op.actor, kind: "report.submitted", detail });
        await refreshTaskState(trx, taskId, now, op.actor);
        await askForSignOff(trx, now, row, task.title);
        await writeAudit(trx, op, {
          action: "tasks.report.submit",
          objectType: "task_report",
          objectId: row.id,
          detail: { taskId, ...detail },
        });
      });
      return presentOne(op.actor, row);
    },

    /** A returned (or not yet reviewed) report, corrected and submitted again. */
    async revise(op: Op, taskId: string, reportId: string, input: ReviseReportBody): Promise<Report> {
      authorize(op.actor, "tasks.writeReport");
      const { task, report } = await loadReport(op, taskId, reportId);
      authorize(op.actor, "tasks.writeReport", asUnit(report.org_id));
      if (report.status === "approved") throw reportLocked();
      const now = deps.clock.now();
      const at = now.toISOString();
      const next: TaskReportRow = {
        ...report,
        text: input.text.trim(),
        progress: task.progress,
        status: "submitted",
        submitted_at: at,
        reviewer_id: null,
        reviewed_at: null,
        review_comment: null,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        const before = await attachmentIdsOfReport(trx, reportId);
        if (input.attachmentIds !== undefined) await attach(trx, op, reportId, input.attachmentIds, before);
        const updated = await trx
          .updateTable("task_reports")
          .set({
            text: next.text,
            progress: next.progress,
            status: next.status,
            submitted_at: at,
            reviewer_id: null,
            reviewed_at: null,
            review_comment: null,
            updated_at: at,
          })
          .where("id", "=", reportId)
          .where("status", "!=", "approved")
          .executeTakeFirst();
        // Signed off meanwhile: the report and its attachments are final (this rolls both back).
        if (Number(updated.numUpdatedRows) === 0) throw reportLocked();
        const detail = {
          reportId,
          periodKey: report.period_key,
          orgId: report.org_id,
          previousStatus: report.status,
          attachmentIds: input.attachmentIds ?? before,
        };
        await appendTaskEvent(trx, { taskId, at: now, actor: op.actor, kind: "report.resubmitted", detail });
        await askForSignOff(trx, now, next, task.title);
        await writeAudit(trx, op, {
          action: "tasks.report.revise",
          objectType: "task_report",
          objectId: reportId,
          detail: { taskId, ...detail },
        });
      });
      return presentOne(op.actor, next);
    },

    approve: (op: Op, taskId: string, reportId: string, comment?: string) =>
      review(op, taskId, reportId, "approved", comment),

    returnForCorrection: (op: Op, taskId: string, reportId: string, comment: string) =>
      review(op, taskId, reportId, "returned", comment),
  };
}
export type ReportService = ReturnType<typeof makeReportService>;
