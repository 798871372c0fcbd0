// Calendar dates (yyyy-mm-dd) in China Standard Time, which has no daylight saving: "today" is UTC+8
// all year. Pure functions shared by deadlines, report periods, working days and rule evaluation.

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The calendar date in China of an instant. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar date in China of an ISO timestamp (or an instant). */
export const chinaDateOf = (at: string | Date): string => chinaDate(new Date(at));

const utcMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Whole days from `from` to `to` (both yyyy-mm-dd); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A real calendar date written yyyy-mm-dd. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = utcMidnight(s);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}
