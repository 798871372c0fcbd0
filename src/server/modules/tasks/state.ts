// A task's derived state — progress, status and traffic light — from its milestones and supervision
// orders. Nothing here is typed by hand: progress is the weighted share of milestones done, status
// follows from it, and the light from the nearest deadline still open. Pure.

import { daysBetween, isCalendarDate } from "./calendar.js";

export const LIGHTS = ["green", "yellow", "red"] as const;
export type Light = (typeof LIGHTS)[number];

export const TASK_STATUSES = ["not_started", "in_progress", "completed"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A deadline turns yellow this many days before it falls due. */
export const YELLOW_WITHIN_DAYS = 3;

export interface MilestoneState {
  id: string;
  title: string;
  due_date: string;
  weight: number;
  done_at: string | null;
}

export interface OrderState {
  id: string;
  org_id: string;
  content: string;
  due_date: string;
  status: string;
  late: number;
}

export interface LightReason {
  kind: "milestone" | "supervision" | "task";
  id: string;
  title: string;
  dueDate: string;
  light: "yellow" | "red";
}

/** The light of something still open with this deadline: red once the day has passed. */
export function deadlineLight(dueDate: string, today: string): Light {
  const left = daysBetween(today, dueDate);
  if (left < 0) return "red";
  return left <= YELLOW_WITHIN_DAYS ? "yellow" : "green";
}

/** A supervision order: open ones by their deadline; answered ones red if the answer came late. */
export function orderLight(order: Pick<OrderState, "due_date" | "status" | "late">, today: string): Light {
  if (order.status === "answered") return order.late === 1 ? "red" : "green";
  return deadlineLight(order.due_date, today);
}

export function progressOf(milestones: readonly Pick<MilestoneState, "weight" | "done_at">[]): number {
  const total = milestones.reduce((sum, m) => sum + m.weight, 0);
  if (total === 0) return 0;
  const done = milestones.reduce((sum, m) => sum + (m.done_at === null ? 0 : m.weight), 0);
  return Math.round((100 * done) / total);
}

export function statusOf(
  milestones: readonly Pick<MilestoneState, "done_at">[],
  reportCount: number,
): TaskStatus {
  const done = milestones.filter((m) => m.done_at !== null).length;
  if (milestones.length > 0 && done === milestones.length) return "completed";
  return done > 0 || reportCount > 0 ? "in_progress" : "not_started";
}

const ORDER_TITLE_CHARS = 30;

/** Red if any open deadline has passed, yellow if one falls due within three days, else green. */
export function taskLight(
  task: { id: string; title: string; due: string | null; status: TaskStatus },
  milestones: readonly MilestoneState[],
  orders: readonly OrderState[],
  today: string,
): { light: Light; reasons: LightReason[] } {
  const reasons: LightReason[] = [];
  const consider = (kind: LightReason["kind"], id: string, title: string, dueDate: string) => {
    const light = deadlineLight(dueDate, today);
    if (light !== "green") reasons.push({ kind, id, title, dueDate, light });
  };
  for (const m of milestones) if (m.done_at === null) consider("milestone", m.id, m.title, m.due_date);
  for (const o of orders) {
    if (o.status === "open")
      consider("supervision", o.id, [...o.content].slice(0, ORDER_TITLE_CHARS).join(""), o.due_date);
  }
  if (task.status !== "completed" && task.due !== null && isCalendarDate(task.due)) {
    consider("task", task.id, task.title, task.due);
  }
  reasons.sort((a, b) =>
    a.light === b.light ? a.dueDate.localeCompare(b.dueDate) : a.light === "red" ? -1 : 1,
  );
  const light: Light = reasons.some((r) => r.light === "red")
    ? "red"
    : reasons.length > 0
      ? "yellow"
      : "green";
  return { light, reasons };
}
