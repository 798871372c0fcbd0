// Report periods and deadlines are calendar days in China Standard Time (UTC+8, no daylight saving),
// whatever the browser's time zone — the same arithmetic as the server's calendar.ts.
import type { Lang, ReportPeriod } from "../api/types";

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Today's date in China, yyyy-mm-dd. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both yyyy-mm-dd); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function isDateString(s: string | null | undefined): s is string {
  return typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The period key ("2026-11" or "2026-Q4") a date falls in. */
export function periodKeyOf(date: string, period: ReportPeriod): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return period === "monthly" ? `${year}-${pad2(month)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/** The current period and the `count - 1` before it, newest first. */
export function recentPeriodKeys(period: ReportPeriod, count: number, today = chinaToday()): string[] {
  let year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: string[] = [];
  if (period === "monthly") {
    let m = month;
    for (let i = 0; i < count; i++) {
      out.push(`${year}-${pad2(m)}`);
      m--;
      if (m === 0) {
        m = 12;
        year--;
      }
    }
  } else {
    let q = Math.ceil(month / 3);
    for (let i = 0; i < count; i++) {
      out.push(`${year}-Q${q}`);
      q--;
      if (q === 0) {
        q = 4;
        year--;
      }
    }
  }
  return out;
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ZH_QUARTERS = ["一", "二", "三", "四"];

/** "2026-Q4" → "2026年第四季度" / "Q4 2026"; "2026-11" → "2026年11月" / "Nov 2026". Unknown keys as given. */
export function periodLabel(lang: Lang, key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return lang === "zh" ? `${q[1]}年第${ZH_QUARTERS[Number(q[2]) - 1]}季度` : `Q${q[2]} ${q[1]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12)
      return lang === "zh" ? `${m[1]}年${month}月` : `${EN_MONTHS[month - 1]} ${m[1]}`;
  }
  return key;
}
