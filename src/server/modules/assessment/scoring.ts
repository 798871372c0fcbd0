// 目标责任制考核: per organisation and year, each indicator from the recorded data — how many items
// were due, how many were met, the rate, the weighted score — plus the talent office's reasoned
// adjustments, then a ranking. Pure: the service loads the rows, this explains the numbers.

import { addDays, periodsOfYear, type ReportPeriod } from "../tasks/calendar.js";

export const INDICATOR_KEYS = ["report_on_time", "milestones_on_time", "supervision_on_time"] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export const INDICATOR_NAMES: Record<IndicatorKey, { zh: string; en: string }> = {
  report_on_time: { zh: "进度报告按时报送率", en: "Progress reports on time" },
  milestones_on_time: { zh: "里程碑按期完成率", en: "Milestones met on time" },
  supervision_on_time: { zh: "督办按时反馈率", en: "Supervision answered on time" },
};

export interface Scheme {
  indicators: { key: IndicatorKey; weight: number }[];
  /** A period's report is on time if first submitted within this many days after the period ends. */
  reportGraceDays: number;
}

export const DEFAULT_SCHEME: Scheme = {
  indicators: [
    { key: "report_on_time", weight: 40 },
    { key: "milestones_on_time", weight: 40 },
    { key: "supervision_on_time", weight: 20 },
  ],
  reportGraceDays: 5,
};

/** The recorded facts, dates already in China time (yyyy-mm-dd). */
export interface AssessmentInput {
  year: number;
  /** Today: items whose deadline has not yet passed count only once they are done. */
  today: string;
  scheme: Scheme;
  orgs: { id: string; name: string }[];
  /** Every unit on every task, with what decides which reports it owes. */
  taskUnits: { taskId: string; orgId: string; role: string; createdDate: string; period: ReportPeriod }[];
  /** First submission of each report. */
  reports: { taskId: string; orgId: string; periodKey: string; firstSubmittedDate: string }[];
  /** Milestones, once per lead unit of their task. */
  milestones: { orgId: string; dueDate: string; doneDate: string | null }[];
  orders: { orgId: string; dueDate: string; respondedDate: string | null; late: boolean }[];
  adjustments: {
    id: string;
    orgId: string;
    points: number;
    reason: string;
    createdAt: string;
    createdBy: string;
  }[];
}

export interface IndicatorResult {
  key: IndicatorKey;
  name: { zh: string; en: string };
  weight: number;
  /** Items due in the year (deadline passed, or done early). */
  expected: number;
  /** Of those, met on time. */
  achieved: number;
  /** achieved / expected, 4 decimals; null when nothing was due (scored in full: 不扣分). */
  rate: number | null;
  score: number;
  explanation: { zh: string; en: string };
}

export interface AssessmentRow {
  rank: number;
  org: { id: string; name: string };
  indicators: IndicatorResult[];
  indicatorTotal: number;
  adjustments: AssessmentInput["adjustments"];
  adjustmentTotal: number;
  total: number;
}

const round = (n: number, places: number): number => {
  const f = 10 ** places;
  return Math.round((n + Number.EPSILON) * f) / f;
};
const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

interface Tally {
  expected: number;
  achieved: number;
}

const UNITS: Record<IndicatorKey, { zh: [string, string]; en: [string, string] }> = {
  report_on_time: { zh: ["应报送", "按时报送"], en: ["reports due", "on time"] },
  milestones_on_time: { zh: ["应完成里程碑", "按期完成"], en: ["milestones due", "met on time"] },
  supervision_on_time: { zh: ["应反馈督办", "按时反馈"], en: ["orders due", "answered on time"] },
};

function indicator(key: IndicatorKey, weight: number, t: Tally): IndicatorResult {
  const rate = t.expected === 0 ? null : round(t.achieved / t.expected, 4);
  const score = round(weight * (rate ?? 1), 2);
  const u = UNITS[key];
  const explanation =
    rate === null
      ? {
          zh: `本年度无${u.zh[0]}事项，不扣分，得 ${score} 分（权重 ${weight}）`,
          en: `No ${u.en[0]} this year: full marks, ${score} (weight ${weight})`,
        }
      : {
          zh: `${u.zh[0]} ${t.expected} 项，${u.zh[1]} ${t.achieved} 项，达标率 ${pct(rate)}，得 ${score} 分（权重 ${weight}）`,
          en: `${t.expected} ${u.en[0]}, ${t.achieved} ${u.en[1]}: ${pct(rate)} × ${weight} = ${score}`,
        };
  return {
    key,
    name: INDICATOR_NAMES[key],
    weight,
    expected: t.expected,
    achieved: t.achieved,
    rate,
    score,
    explanation,
  };
}

function tally(map: Map<string, Tally>, orgId: string, met: boolean): void {
  const t = map.get(orgId) ?? { expected: 0, achieved: 0 };
  t.expected += 1;
  if (met) t.achieved += 1;
  map.set(orgId, t);
}

/** Each unit on a task owes one report per period that ends in the year and after the task began. */
function reportTallies(input: AssessmentInput): Map<string, Tally> {
  const submitted = new Map(
    input.reports.map((r) => [`${r.taskId}|${r.orgId}|${r.periodKey}`, r.firstSubmittedDate]),
  );
  const tallies = new Map<string, Tally>();
  for (const unit of input.taskUnits) {
    for (const p of periodsOfYear(input.year, unit.period)) {
      if (p.end < unit.createdDate) continue;
      const deadline = addDays(p.end, input.scheme.reportGraceDays);
      const first = submitted.get(`${unit.taskId}|${unit.orgId}|${p.key}`);
      if (first === undefined && deadline >= input.today) continue; // not yet due
      tally(tallies, unit.orgId, first !== undefined && first <= deadline);
    }
  }
  return tallies;
}

function milestoneTallies(input: AssessmentInput): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const year = String(input.year);
  for (const m of input.milestones) {
    if (!m.dueDate.startsWith(year)) continue;
    if (m.doneDate === null && m.dueDate >= input.today) continue; // not yet due
    tally(tallies, m.orgId, m.doneDate !== null && m.doneDate <= m.dueDate);
  }
  return tallies;
}

function orderTallies(input: AssessmentInput): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const year = String(input.year);
  for (const o of input.orders) {
    if (!o.dueDate.startsWith(year)) continue;
    if (o.respondedDate === null && o.dueDate >= input.today) continue; // not yet due
    tally(tallies, o.orgId, o.respondedDate !== null && !o.late);
  }
  return tallies;
}

/** Scores every organisation and ranks them: equal totals share a rank (1, 1, 3). */
export function assess(input: AssessmentInput): AssessmentRow[] {
  const tallies: Record<IndicatorKey, Map<string, Tally>> = {
    report_on_time: reportTallies(input),
    milestones_on_time: milestoneTallies(input),
    supervision_on_time: orderTallies(input),
  };
  const none: Tally = { expected: 0, achieved: 0 };
  const rows = input.orgs.map((org) => {
    const indicators = input.scheme.indicators.map(({ key, weight }) =>
      indicator(key, weight, tallies[key].get(org.id) ?? none),
    );
    const adjustments = input.adjustments.filter((a) => a.orgId === org.id);
    const indicatorTotal = round(
      indicators.reduce((s, i) => s + i.score, 0),
      2,
    );
    const adjustmentTotal = round(
      adjustments.reduce((s, a) => s + a.points, 0),
      2,
    );
    return {
      rank: 0,
      org,
      indicators,
      indicatorTotal,
      adjustments,
      adjustmentTotal,
      total: round(indicatorTotal + adjustmentTotal, 2),
    };
  });
  rows.sort((a, b) => b.total - a.total || a.org.name.localeCompare(b.org.name, "zh-Hans-CN"));
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    row.rank = previous !== undefined && previous.total === row.total ? previous.rank : i + 1;
  });
  return rows;
}
