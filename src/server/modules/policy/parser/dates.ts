// Dates: "2017年8月20日", "二〇一七年八月二十日", "2017-12-21", and time limits such as
// "2018年6月底前" or "长期坚持".

import { chineseNumeral } from "./numerals.js";

/**
 * Time limits without a calendar date ("长期坚持", "持续推进", "常态化") are reported as the
 * string "长期" so that `due` is always either an ISO date, "长期", or the text as written.
 */
export const ONGOING = "长期";

const YEAR = "(\\d{4}|[０-９]{4}|[〇零一二三四五六七八九]{4})";
const SMALL = "(\\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,3})";
const CN_DATE = new RegExp(`${YEAR}\\s*年\\s*${SMALL}\\s*月\\s*${SMALL}\\s*[日号]`);
const NUMERIC_DATE = /(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2})(?!\d)/;

const pad2 = (n: number): string => String(n).padStart(2, "0");

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** yyyy-mm-dd, or null when the parts do not make a real calendar date. */
export function isoDate(year: number | null, month: number | null, day: number | null): string | null {
  if (year === null || month === null || day === null) return null;
  if (year < 1900 || year > 2199 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function endOfMonth(year: number | null, month: number | null): string | null {
  if (year === null || month === null || month < 1 || month > 12) return null;
  return isoDate(year, month, daysInMonth(year, month));
}

/** The first full calendar date in `s` (day included), with where it starts. */
export function findDate(s: string): { iso: string; index: number } | null {
  const candidates = [CN_DATE.exec(s), NUMERIC_DATE.exec(s)].filter((m) => m !== null);
  candidates.sort((a, b) => a.index - b.index);
  for (const m of candidates) {
    const iso = isoDate(chineseNumeral(m[1] ?? ""), chineseNumeral(m[2] ?? ""), chineseNumeral(m[3] ?? ""));
    if (iso !== null) return { iso, index: m.index };
  }
  return null;
}

const YEAR_THEN = new RegExp(`${YEAR}\\s*年([\\s\\S]*)`);
const MONTH_THEN = new RegExp(`^\\s*${SMALL}\\s*月([\\s\\S]*)`);
const DAY = new RegExp(`^\\s*${SMALL}\\s*[日号]`);
const QUARTER = /^\s*第?\s*([一二三四1-4１-４])\s*季度/;

/** The last day of the period a time limit names within year `year` ("6月底" → June 30). */
function deadlineInYear(year: number, rest: string): string | null {
  if (/^\s*(?:年底|年末|底|末|内|全年)/.test(rest)) return isoDate(year, 12, 31);
  if (/^\s*上半年/.test(rest)) return isoDate(year, 6, 30);
  if (/^\s*下半年/.test(rest)) return isoDate(year, 12, 31);
  const quarter = QUARTER.exec(rest);
  if (quarter !== null) return endOfMonth(year, (chineseNumeral(quarter[1] ?? "") ?? 0) * 3);
  const month = MONTH_THEN.exec(rest);
  if (month === null) return isoDate(year, 12, 31);
  const m = chineseNumeral(month[1] ?? "");
  const afterMonth = month[2] ?? "";
  const day = DAY.exec(afterMonth);
  if (day !== null) return isoDate(year, m, chineseNumeral(day[1] ?? ""));
  if (/^\s*上旬/.test(afterMonth)) return isoDate(year, m, 10);
  if (/^\s*中旬/.test(afterMonth)) return isoDate(year, m, 20);
  return endOfMonth(year, m);
}

/**
 * A time limit as an ISO date (the last day of the named period), "长期" for open-ended
 * work, or null when the text names neither.
 */
export function parseDue(raw: string): string | null {
  const numeric = NUMERIC_DATE.exec(raw);
  if (numeric !== null) {
    const iso = isoDate(Number(numeric[1]), Number(numeric[2]), Number(numeric[3]));
    if (iso !== null) return iso;
  }
  const yearMonth = /(\d{4})\s*[-./／]\s*(\d{1,2})(?!\d)/.exec(raw);
  if (yearMonth !== null) {
    const iso = endOfMonth(Number(yearMonth[1]), Number(yearMonth[2]));
    if (iso !== null) return iso;
  }
  const year = YEAR_THEN.exec(raw);
  if (year !== null) {
    const y = chineseNumeral(year[1] ?? "");
    if (y !== null && y >= 1900 && y <= 2199) return deadlineInYear(y, year[2] ?? "");
  }
  if (/长期|持续|常态|经常性|每年/.test(raw)) return ONGOING;
  return null;
}
