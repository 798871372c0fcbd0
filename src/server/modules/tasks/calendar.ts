// Calendar arithmetic for deadlines and report periods. Deadlines are calendar dates (yyyy-mm-dd) in
// China Standard Time, which has no daylight saving: "today" is UTC+8 all year. Pure functions.

export type ReportPeriod = "monthly" | "quarterly";
export const REPORT_PERIODS = ["monthly", "quarterly"] as const;

export { addDays, chinaDate, chinaDateOf, daysBetween, isCalendarDate } from "../../lib/dates.js";

export interface PeriodSpan {
  key: string;
  start: string;
  end: string;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

function monthSpan(year: number, month: number): PeriodSpan {
  return {
    key: `${year}-${pad2(month)}`,
    start: `${year}-${pad2(month)}-01`,
    end: `${year}-${pad2(month)}-${pad2(lastDay(year, month))}`,
  };
}

function quarterSpan(year: number, quarter: number): PeriodSpan {
  const first = quarter * 3 - 2;
  return {
    key: `${year}-Q${quarter}`,
    start: `${year}-${pad2(first)}-01`,
    end: `${year}-${pad2(first + 2)}-${pad2(lastDay(year, first + 2))}`,
  };
}

/** "2026-11" (monthly) or "2026-Q4" (quarterly) → its first and last day; null if malformed. */
export function periodSpan(key: string, period: ReportPeriod): PeriodSpan | null {
  const m = period === "monthly" ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key) : /^(\d{4})-Q([1-4])$/.exec(key);
  if (m === null) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2199) return null;
  return period === "monthly" ? monthSpan(year, Number(m[2])) : quarterSpan(year, Number(m[2]));
}

/** The period a date falls in. */
export function periodOf(date: string, period: ReportPeriod): PeriodSpan {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return period === "monthly" ? monthSpan(year, month) : quarterSpan(year, Math.ceil(month / 3));
}

/** Every period that ends in `year`, in order. */
export function periodsOfYear(year: number, period: ReportPeriod): PeriodSpan[] {
  return period === "monthly"
    ? Array.from({ length: 12 }, (_, i) => monthSpan(year, i + 1))
    : Array.from({ length: 4 }, (_, i) => quarterSpan(year, i + 1));
}

export const periodExample = (period: ReportPeriod): string => (period === "monthly" ? "2026-11" : "2026-Q4");
