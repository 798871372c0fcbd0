import { addWorkingDays, chinaDateOf, type Light, lightOf, type WorkCalendar } from "./calendar.js";
import type { WorkflowDef, WorkflowState } from "./types.js";

// Dates derived from the folded state: each step's promised and actual dates, the overall deadline and
// the current step's light. Nothing here is stored as truth; the job and the lists cache it.

export interface StepTimeline {
  index: number;
  state: "pending" | "active" | "done" | "skipped";
  startedAt: string | null;
  /** The step's deadline: `days` working days after the day it (last) started. */
  promisedDate: string | null;
  completedAt: string | null;
  overdue: boolean;
}

const ENDED = new Set(["withdrawn", "rejected", "revoked", "approved"]);

export function stepTimeline(
  def: WorkflowDef,
  state: WorkflowState,
  cal: WorkCalendar,
  today: string,
): StepTimeline[] {
  return def.steps.map((step, index) => {
    const record = state.steps[index]!;
    const promisedDate =
      record.startedAt === null ? null : addWorkingDays(chinaDateOf(record.startedAt), step.days, cal);
    const active = state.stepIndex === index;
    const done = record.completedAt !== null;
    const endDay = done ? chinaDateOf(record.completedAt!) : today;
    const overdue = promisedDate !== null && (active || done) && endDay > promisedDate;
    const stateOf = active
      ? "active"
      : done
        ? "done"
        : ENDED.has(state.status) || (state.status === "filed" && state.stepIndex === null)
          ? "skipped"
          : "pending";
    return {
      index,
      state: stateOf,
      startedAt: record.startedAt,
      promisedDate,
      completedAt: record.completedAt,
      overdue,
    };
  });
}

/** The current step's deadline, whether it has passed, and its light (all null when no step waits). */
export function currentDeadline(
  def: WorkflowDef,
  state: WorkflowState,
  cal: WorkCalendar,
  today: string,
): { deadline: string | null; overdue: boolean; light: Light | null } {
  if (state.stepIndex === null) return { deadline: null, overdue: false, light: null };
  const started = state.steps[state.stepIndex]!.startedAt;
  if (started === null) return { deadline: null, overdue: false, light: null };
  const deadline = addWorkingDays(chinaDateOf(started), def.steps[state.stepIndex]!.days, cal);
  const light = lightOf(deadline, today, cal);
  return { deadline, overdue: light === "red", light };
}

/** The promised date of the whole application (承诺时限): working days from the last (re)submission. */
export function overallDeadline(
  state: WorkflowState,
  promisedDays: number,
  cal: WorkCalendar,
): string | null {
  if (state.submittedAt === null) return null;
  return addWorkingDays(chinaDateOf(state.submittedAt), promisedDays, cal);
}
