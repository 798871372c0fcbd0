import type { Kysely } from "kysely";
import type { DB, TaskRow } from "../../db/schema.js";
import { type Actor, can, hasRole } from "../../lib/authz.js";
import { notFound } from "../../lib/errors.js";
import type { TaskSubject } from "./tasks.policy.js";
import { findTask, type TaskUnitView, unitsOfTasks } from "./tasks.repo.js";
import "./tasks.policy.js";

export const taskLabel = { zh: "任务", en: "Task" };

/** The organisations whose tasks this actor sees; undefined means every task (the talent office). */
export function visibleOrgIds(actor: Actor): string[] | undefined {
  if (hasRole(actor, "talent_office")) return undefined;
  return [
    ...new Set(actor.roles.filter((g) => g.role === "officer" || g.role === "leader").map((g) => g.orgId)),
  ];
}

export function subjectOf(units: readonly TaskUnitView[]): TaskSubject {
  return {
    leadOrgIds: units.filter((u) => u.role === "lead").map((u) => u.orgId),
    responsibleOrgIds: units.filter((u) => u.role === "responsible").map((u) => u.orgId),
  };
}

export interface VisibleTask {
  task: TaskRow;
  units: TaskUnitView[];
  subject: TaskSubject;
}

/** A task the actor may see, or 404 — the same answer as for a task that does not exist. */
export async function loadVisibleTask(db: Kysely<DB>, actor: Actor, id: string): Promise<VisibleTask> {
  const task = await findTask(db, id);
  if (!task) throw notFound(taskLabel);
  const units = await unitsOfTasks(db, [id]);
  const subject = subjectOf(units);
  if (!can(actor, "tasks.read", subject)) throw notFound(taskLabel);
  return { task, units, subject };
}
