import type { TaskMilestoneRow, TaskRow } from "../../db/schema.js";
import type { Actor } from "../../lib/authz.js";
import { authorize, can } from "../../lib/authz.js";
import { type Deps, type Op, SYSTEM } from "../../lib/context.js";
import { invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { chinaDate, chinaDateOf, isCalendarDate, type ReportPeriod } from "./calendar.js";
import { refreshLights } from "./refresh-lights.js";
import { refreshTaskState } from "./refresh-task-state.js";
import { deadlineLight, type LightReason } from "./state.js";
import {
  appendTaskEvent,
  eventsOf,
  findMilestone,
  findTask,
  groupBy,
  listTasks,
  milestoneCounts,
  milestonesOf,
  namesOfUsers,
  type TaskUnitView,
  taskCounts,
  unitsOfTasks,
} from "./tasks.repo.js";
import type {
  CreateMilestoneBody,
  ListTasksQuery,
  Milestone,
  Task,
  TaskSummary,
  UpdateMilestoneBody,
  UpdateTaskBody,
} from "./tasks.schema.js";
import { loadVisibleTask, type VisibleTask, visibleOrgIds } from "./visible-task.js";
import "./tasks.policy.js";
import "../supervision/supervision.policy.js";

const milestoneLabel = { zh: "里程碑", en: "Milestone" };

const badDate = (path: string) =>
  invalidFields("TASK_INVALID", [
    {
      path,
      message: { zh: "日期无效，应为真实存在的 yyyy-mm-dd", en: "Not a real calendar date (yyyy-mm-dd)" },
    },
  ]);

function presentMilestone(m: TaskMilestoneRow, userNames: Map<string, string>, today: string): Milestone {
  const doneDate = m.done_at === null ? null : chinaDateOf(m.done_at);
  return {
    id: m.id,
    title: m.title,
    dueDate: m.due_date,
    weight: m.weight,
    done: m.done_at !== null,
    doneAt: m.done_at,
    doneBy: m.done_by === null ? null : { id: m.done_by, name: userNames.get(m.done_by) ?? "" },
    onTime: doneDate === null ? null : doneDate <= m.due_date,
    light: m.done_at === null ? deadlineLight(m.due_date, today) : "green",
  };
}

export function makeTaskService(deps: Deps, writeAudit: AuditWriter) {
  const db = deps.database.db;

  async function summaries(rows: TaskRow[], knownUnits?: TaskUnitView[]): Promise<TaskSummary[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [units, counts, measures, documents] = await Promise.all([
      knownUnits ?? unitsOfTasks(db, ids),
      milestoneCounts(db, ids),
      db
        .selectFrom("policy_measures")
        .select(["id", "no", "label"])
        .where("id", "in", [...new Set(rows.map((r) => r.measure_id))])
        .execute(),
      db
        .selectFrom("policy_documents")
        .select(["id", "title", "report_period"])
        .where("id", "in", [...new Set(rows.map((r) => r.document_id))])
        .execute(),
    ]);
    const unitsByTask = groupBy(units, (u) => u.taskId);
    const measureOf = new Map(measures.map((m) => [m.id, m]));
    const documentOf = new Map(documents.map((d) => [d.id, d]));
    return rows.map((r) => {
      const mine = unitsByTask.get(r.id) ?? [];
      const document = documentOf.get(r.document_id);
      const measure = measureOf.get(r.measure_id);
      return {
        id: r.id,
        title: r.title,
        document: { id: r.document_id, title: document?.title ?? "" },
        measure: { id: r.measure_id, no: measure?.no ?? 0, label: measure?.label ?? "" },
        due: r.due,
        dueSource: r.due === null ? null : r.due_source === "office" ? "office" : "policy",
        status: r.status as TaskSummary["status"],
        progress: r.progress,
        light: r.light as TaskSummary["light"],
        lightReasons: JSON.parse(r.light_detail) as LightReason[],
        lightUpdatedAt: r.light_at,
        reportPeriod: (r.report_period ?? document?.report_period ?? "quarterly") as ReportPeriod,
        lead: mine.filter((u) => u.role === "lead").map((u) => ({ id: u.orgId, name: u.name })),
        responsible: mine.filter((u) => u.role === "responsible").map((u) => ({ id: u.orgId, name: u.name })),
        groupUnits: JSON.parse(r.group_units) as string[],
        milestoneCount: counts.get(r.id) ?? { total: 0, done: 0 },
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  }

  async function present(actor: Actor, { task, units, subject }: VisibleTask): Promise<Task> {
    const [[summary], milestones, measure] = await Promise.all([
      summaries([task], units),
      milestonesOf(db, task.id),
      db.selectFrom("policy_measures").select("text").where("id", "=", task.measure_id).executeTakeFirst(),
    ]);
    const userNames = await namesOfUsers(
      db,
      milestones.map((m) => m.done_by).filter((id): id is string => id !== null),
    );
    const today = chinaDate(deps.clock.now());
    return {
      ...summary!,
      reportPeriodOverride: task.report_period as ReportPeriod | null,
      measureText: measure?.text ?? "",
      milestones: milestones.map((m) => presentMilestone(m, userNames, today)),
      abilities: {
        update: can(actor, "tasks.update", subject),
        manageMilestones: can(actor, "tasks.manageMilestones", subject),
        writeReport: can(actor, "tasks.writeReport", subject),
        issueSupervision: can(actor, "supervision.issue"),
      },
    };
  }

  /** The task, visible and manageable by the actor, else 404 / 403. */
  async function loadForMilestones(op: Op, id: string): Promise<VisibleTask> {
    const visible = await loadVisibleTask(db, op.actor, id);
    authorize(op.actor, "tasks.manageMilestones", visible.subject);
    return visible;
  }

  /** Writes a report period and/or deadline change; false when nothing changed. */
  async function applyUpdate(
    who: Op | typeof SYSTEM,
    task: TaskRow,
    patch: UpdateTaskBody,
  ): Promise<boolean> {
    const now = deps.clock.now();
    const detail: Record<string, { from: string | null; to: string | null }> = {};
    if (patch.reportPeriod !== undefined && patch.reportPeriod !== task.report_period)
      detail.reportPeriod = { from: task.report_period, to: patch.reportPeriod };
    if (patch.due !== undefined && (patch.due !== task.due || task.due_source !== "office"))
      detail.due = { from: task.due, to: patch.due };
    if (Object.keys(detail).length === 0) return false;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("tasks")
        .set({
          ...(detail.reportPeriod ? { report_period: patch.reportPeriod ?? null } : {}),
          ...(detail.due ? { due: patch.due, due_source: "office" } : {}),
          updated_at: now.toISOString(),
        })
        .where("id", "=", task.id)
        .execute();
      const actor = who.actor;
      await appendTaskEvent(trx, { taskId: task.id, at: now, actor, kind: "task.updated", detail });
      if (detail.due) await refreshTaskState(trx, task.id, now, actor);
      await writeAudit(trx, who, { action: "tasks.update", objectType: "task", objectId: task.id, detail });
    });
    return true;
  }

  async function reload(op: Op, id: string): Promise<Task> {
    return present(op.actor, await loadVisibleTask(db, op.actor, id));
  }

  return {
    summaries,

    /** The scheduled pass over every task's light (see refresh-lights.ts). */
    refreshLights: () => refreshLights(deps, writeAudit),

    async list(op: Op, query: ListTasksQuery) {
      authorize(op.actor, "tasks.read");
      const limit = query.limit ?? 50;
      const rows = await listTasks(db, {
        visibleTo: visibleOrgIds(op.actor),
        documentId: query.documentId,
        orgId: query.orgId,
        role: query.role,
        light: query.light,
        status: query.status,
        afterId: decodeCursor<string>(query.cursor, "string"),
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: await summaries(page.items), nextCursor: page.nextCursor };
    },

    async stats(op: Op) {
      authorize(op.actor, "tasks.read");
      const counts = await taskCounts(db, visibleOrgIds(op.actor));
      const byLight = { green: 0, yellow: 0, red: 0 };
      const byStatus = { not_started: 0, in_progress: 0, completed: 0 };
      for (const c of counts) {
        if (c.light in byLight) byLight[c.light as keyof typeof byLight] += c.n;
        if (c.status in byStatus) byStatus[c.status as keyof typeof byStatus] += c.n;
      }
      return { total: counts.reduce((n, c) => n + c.n, 0), byLight, byStatus };
    },

    async get(op: Op, id: string): Promise<Task> {
      authorize(op.actor, "tasks.read");
      return reload(op, id);
    },

    /**
     * The talent office sets the report period and/or the deadline. A new deadline recomputes the
     * light at once; every change joins the history and the audit trail. Nothing changed: nothing written.
     */
    async update(op: Op, id: string, patch: UpdateTaskBody): Promise<Task> {
      authorize(op.actor, "tasks.update");
      const { task } = await loadVisibleTask(db, op.actor, id);
      if (patch.due !== undefined && !isCalendarDate(patch.due)) throw badDate("/due");
      await applyUpdate(op, task, patch);
      return reload(op, id);
    },

    /** The demo seed's decision on deadlines (no user: audited as the system). */
    async seedDeadlines(deadlines: readonly { taskId: string; due: string }[]): Promise<number> {
      let changed = 0;
      for (const { taskId, due } of deadlines) {
        const task = await findTask(db, taskId);
        if (task && isCalendarDate(due) && (await applyUpdate(SYSTEM, task, { due }))) changed += 1;
      }
      return changed;
    },

    async events(op: Op, id: string, query: { cursor?: string; limit?: number }) {
      authorize(op.actor, "tasks.read");
      await loadVisibleTask(db, op.actor, id);
      const limit = query.limit ?? 50;
      const rows = await eventsOf(db, id, decodeCursor<string>(query.cursor, "string"), limit + 1);
      const page = pageOf(rows, limit, (r) => r.id);
      return {
        items: page.items.map((e) => ({
          id: e.id,
          at: e.at,
          actor: e.actor_id === null ? null : { id: e.actor_id, name: e.actor_name ?? "" },
          kind: e.kind,
          detail: e.detail === null ? null : (JSON.parse(e.detail) as Record<string, unknown>),
        })),
        nextCursor: page.nextCursor,
      };
    },

    async addMilestone(op: Op, id: string, input: CreateMilestoneBody): Promise<Task> {
      authorize(op.actor, "tasks.manageMilestones");
      await loadForMilestones(op, id);
      if (!isCalendarDate(input.dueDate)) throw badDate("/dueDate");
      const now = deps.clock.now();
      const at = now.toISOString();
      const row: TaskMilestoneRow = {
        id: newId(now.getTime()),
        task_id: id,
        title: input.title.trim(),
        due_date: input.dueDate,
        weight: input.weight ?? 1,
        done_at: null,
        done_by: null,
        created_at: at,
        updated_at: at,
      };
      if (row.title === "")
        throw invalidFields("TASK_INVALID", [
          { path: "/title", message: { zh: "名称不能为空", en: "Title must not be blank" } },
        ]);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("task_milestones").values(row).execute();
        const detail = { milestoneId: row.id, title: row.title, dueDate: row.due_date, weight: row.weight };
        await appendTaskEvent(trx, { taskId: id, at: now, actor: op.actor, kind: "milestone.added", detail });
        await refreshTaskState(trx, id, now, op.actor);
        await writeAudit(trx, op, {
          action: "tasks.milestone.add",
          objectType: "task",
          objectId: id,
          detail,
        });
      });
      return reload(op, id);
    },

    async updateMilestone(
      op: Op,
      id: string,
      milestoneId: string,
      patch: UpdateMilestoneBody,
    ): Promise<Task> {
      authorize(op.actor, "tasks.manageMilestones");
      await loadForMilestones(op, id);
      const current = await findMilestone(db, id, milestoneId);
      if (!current) throw notFound(milestoneLabel);
      if (patch.dueDate !== undefined && !isCalendarDate(patch.dueDate)) throw badDate("/dueDate");
      const title = patch.title?.trim();
      if (title === "")
        throw invalidFields("TASK_INVALID", [
          { path: "/title", message: { zh: "名称不能为空", en: "Title must not be blank" } },
        ]);
      const now = deps.clock.now();
      const at = now.toISOString();
      const completing = patch.done === true && current.done_at === null;
      const reopening = patch.done === false && current.done_at !== null;
      const next = {
        title: title ?? current.title,
        due_date: patch.dueDate ?? current.due_date,
        weight: patch.weight ?? current.weight,
        done_at: completing ? at : reopening ? null : current.done_at,
        done_by: completing ? op.actor.userId : reopening ? null : current.done_by,
        updated_at: at,
      };
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("task_milestones").set(next).where("id", "=", milestoneId).execute();
        const changes: Record<string, unknown> = {};
        if (next.title !== current.title) changes.title = { from: current.title, to: next.title };
        if (next.due_date !== current.due_date)
          changes.dueDate = { from: current.due_date, to: next.due_date };
        if (next.weight !== current.weight) changes.weight = { from: current.weight, to: next.weight };
        const detail = { milestoneId, title: next.title, ...changes };
        if (Object.keys(changes).length > 0)
          await appendTaskEvent(trx, {
            taskId: id,
            at: now,
            actor: op.actor,
            kind: "milestone.updated",
            detail,
          });
        if (completing || reopening) {
          const kind = completing ? "milestone.completed" : "milestone.reopened";
          const onTime = completing ? chinaDate(now) <= next.due_date : undefined;
          await appendTaskEvent(trx, {
            taskId: id,
            at: now,
            actor: op.actor,
            kind,
            detail: { milestoneId, title: next.title, dueDate: next.due_date, onTime },
          });
        }
        await refreshTaskState(trx, id, now, op.actor);
        await writeAudit(trx, op, {
          action: "tasks.milestone.update",
          objectType: "task",
          objectId: id,
          detail: { ...detail, done: patch.done },
        });
      });
      return reload(op, id);
    },

    async removeMilestone(op: Op, id: string, milestoneId: string): Promise<Task> {
      authorize(op.actor, "tasks.manageMilestones");
      await loadForMilestones(op, id);
      const current = await findMilestone(db, id, milestoneId);
      if (!current) throw notFound(milestoneLabel);
      const now = deps.clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("task_milestones").where("id", "=", milestoneId).execute();
        const detail = {
          milestoneId,
          title: current.title,
          dueDate: current.due_date,
          weight: current.weight,
        };
        await appendTaskEvent(trx, {
          taskId: id,
          at: now,
          actor: op.actor,
          kind: "milestone.removed",
          detail,
        });
        await refreshTaskState(trx, id, now, op.actor);
        await writeAudit(trx, op, {
          action: "tasks.milestone.remove",
          objectType: "task",
          objectId: id,
          detail,
        });
      });
      return reload(op, id);
    },
  };
}
export type TaskService = ReturnType<typeof makeTaskService>;
