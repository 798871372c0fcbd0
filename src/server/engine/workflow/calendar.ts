import { addDays } from "../../lib/dates.js";

// Working-day arithmetic (pure). A working day is Monday–Friday unless listed as a holiday, or any day
// listed as a make-up working day (调休上班). Dates are calendar dates "YYYY-MM-DD" in China time.

export interface WorkCalendar {
  /** Days off that would otherwise be working days (public holidays). */
  readonly holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). */
  readonly workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

// The China-date helpers are shared with deadlines and report periods; the engine re-exports them
// under the names its callers use.
export { chinaDateOf, isCalendarDate as isDate } from "../../lib/dates.js";

export function isWorkingDay(date: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (n ≥ 1); `date` itself is not counted. n = 0 gives `date`. */
export function addWorkingDays(date: string, n: number, cal: WorkCalendar): string {
  let current = date;
  let left = n;
  // Guard against a calendar with no working days at all (a year of holidays): stop after 10 years.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    current = addDays(current, 1);
    if (isWorkingDay(current, cal)) left--;
  }
  return current;
}

/** Working days after `from` up to and including `to` (0 when to ≤ from). */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) count++;
  return count;
}

export type Light = "green" | "yellow" | "red";

/** Red once the deadline has passed; yellow when it is at most two working days away. */
export function lightOf(deadline: string, today: string, cal: WorkCalendar): Light {
  if (today > deadline) return "red";
  return addWorkingDays(today, 2, cal) >= deadline ? "yellow" : "green";
}
