import type { Kysely } from "kysely";
import type { DB, TaskRow } from "../../db/schema.js";
import { chinaDate } from "./calendar.js";
import { progressOf, statusOf, type TaskStatus, taskLight } from "./state.js";
import { appendTaskEvent } from "./tasks.repo.js";

/**
 * Recomputes a task's progress, status and light after something it depends on changed (a milestone,
 * a report, a supervision order), in the caller's transaction. A change of light joins the history.
 */
export async function refreshTaskState(
  trx: Kysely<DB>,
  taskId: string,
  now: Date,
  actor: { userId: string; username: string } | null,
): Promise<TaskRow> {
  const task = await trx.selectFrom("tasks").selectAll().where("id", "=", taskId).executeTakeFirstOrThrow();
  const [milestones, orders, reports] = await Promise.all([
    trx
      .selectFrom("task_milestones")
      .select(["id", "title", "due_date", "weight", "done_at"])
      .where("task_id", "=", taskId)
      .execute(),
    trx
      .selectFrom("supervision_orders")
      .select(["id", "org_id", "content", "due_date", "status", "late"])
      .where("task_id", "=", taskId)
      .execute(),
    trx
      .selectFrom("task_reports")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("task_id", "=", taskId)
      .executeTakeFirstOrThrow(),
  ]);
  const status: TaskStatus = statusOf(milestones, Number(reports.n));
  const progress = progressOf(milestones);
  const { light, reasons } = taskLight({ ...task, status }, milestones, orders, chinaDate(now));
  const detail = JSON.stringify(reasons);
  if (
    status === task.status &&
    progress === task.progress &&
    light === task.light &&
    detail === task.light_detail
  ) {
    return task;
  }
  const at = now.toISOString();
  const next: TaskRow = {
    ...task,
    status,
    progress,
    light,
    light_detail: detail,
    light_at: light === task.light ? task.light_at : at,
    updated_at: at,
  };
  await trx
    .updateTable("tasks")
    .set({ status, progress, light, light_detail: detail, light_at: next.light_at, updated_at: at })
    .where("id", "=", taskId)
    .execute();
  if (light !== task.light) {
    await appendTaskEvent(trx, {
      taskId,
      at: now,
      actor,
      kind: "light.changed",
      detail: { from: task.light, to: light, reasons },
    });
  }
  return next;
}
