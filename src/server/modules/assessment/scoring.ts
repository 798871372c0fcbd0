// 目标责任制考核: per organisation and year, each item of the talent office's scheme from the recorded
// data — what was measured, the rate, the points earned — plus the office's reasoned adjustments, then
// a ranking. Pure: the service loads the rows, this explains the numbers.
//
// The rules (docs/api/assessment.md):
// - An item is *measured* for a unit when something of it fell due in the year (or was done early).
//   An item with nothing measured earns nothing and its weight is shared out over the unit's measured
//   items in proportion (按已计量项目折算), so the measured items always weigh 100 together.
// - A unit with no measured item has *no data* (暂无数据): no total, no rank, listed after the scored
//   units — never full marks.
// - Every score is a list of lines whose earned points add up to the total.

import { addDays, periodsOfYear, type ReportPeriod } from "../tasks/calendar.js";

export const INDICATOR_KEYS = [
  "task_progress",
  "milestones_on_time",
  "report_on_time",
  "report_quality",
  "supervision_on_time",
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

type Text = { zh: string; en: string };

export const INDICATOR_NAMES: Record<IndicatorKey, Text> = {
  task_progress: { zh: "承担任务推进", en: "Progress on the unit's measures" },
  milestones_on_time: { zh: "里程碑按期完成率", en: "Milestones met on time" },
  report_on_time: { zh: "进度报告按时报送率", en: "Progress reports on time" },
  report_quality: { zh: "进度报告审核通过率", en: "Progress reports signed off" },
  supervision_on_time: { zh: "督办按时反馈率", en: "Supervision answered on time" },
};

export interface Scheme {
  indicators: { key: IndicatorKey; weight: number }[];
  /** A period's report is on time if first submitted within this many days after the period ends. */
  reportGraceDays: number;
  /** How much a measure counts towards 承担任务推进 by the unit's role on it, in percent. */
  shares: { lead: number; responsible: number };
}

export const DEFAULT_SHARES = { lead: 100, responsible: 50 } as const;

export const DEFAULT_SCHEME: Scheme = {
  indicators: [
    { key: "task_progress", weight: 20 },
    { key: "milestones_on_time", weight: 25 },
    { key: "report_on_time", weight: 20 },
    { key: "report_quality", weight: 15 },
    { key: "supervision_on_time", weight: 20 },
  ],
  reportGraceDays: 5,
  shares: { ...DEFAULT_SHARES },
};

/** A stored scheme of an earlier version has no shares: the defaults apply. */
export function normaliseScheme(value: Partial<Scheme> & Pick<Scheme, "indicators">): Scheme {
  return {
    indicators: value.indicators,
    reportGraceDays: value.reportGraceDays ?? DEFAULT_SCHEME.reportGraceDays,
    shares: value.shares ?? { ...DEFAULT_SHARES },
  };
}

/** The recorded facts, dates already in China time (yyyy-mm-dd). */
export interface AssessmentInput {
  year: number;
  /** Today: items whose deadline has not yet passed count only once they are done. */
  today: string;
  scheme: Scheme;
  orgs: { id: string; name: string }[];
  /** Every unit on every task, with what decides which reports it owes. */
  taskUnits: { taskId: string; orgId: string; role: string; createdDate: string; period: ReportPeriod }[];
  /** Tasks with their own time limit (a calendar date) and, once every milestone is done, the day. */
  tasks: { id: string; due: string | null; completedDate: string | null }[];
  /** First submission of each report, and where its sign-off stands. */
  reports: {
    taskId: string;
    orgId: string;
    periodKey: string;
    firstSubmittedDate: string;
    status: string;
  }[];
  /** Every milestone of every task (the lead units are found through taskUnits). */
  milestones: { taskId: string; dueDate: string; doneDate: string | null; weight: number }[];
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
  name: Text;
  /** The scheme's weight. */
  weight: number;
  /** The weight after unmeasured items are shared out; 0 when this item is not measured. */
  effectiveWeight: number;
  /** Items that counted (deadline passed, or done early). */
  expected: number;
  /** Of those, met (on time / signed off / completed). */
  achieved: number;
  /** 0-1, 4 decimals; null when nothing was measured. */
  rate: number | null;
  measured: boolean;
  /** What was counted, as a sentence; null when nothing was. */
  measuredText: Text | null;
  /** Points earned (2 decimals). */
  score: number;
  explanation: Text;
}

export interface ScoreLine {
  key: IndicatorKey | "adjustment";
  item: Text;
  weight: number | null;
  measured: Text | null;
  earned: number;
  reason: Text;
}

export interface AssessmentRow {
  /** 1, 1, 3 …; null for a unit with no data. */
  rank: number | null;
  org: { id: string; name: string };
  noData: boolean;
  indicators: IndicatorResult[];
  indicatorTotal: number | null;
  adjustments: AssessmentInput["adjustments"];
  adjustmentTotal: number;
  total: number | null;
  lines: ScoreLine[];
}

const round = (n: number, places: number): number => {
  const f = 10 ** places;
  return Math.round((n + Number.EPSILON) * f) / f;
};
const pct = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

interface Tally {
  expected: number;
  achieved: number;
  /** Denominator and numerator of the rate when items weigh differently (承担任务推进). */
  weightSum: number;
  weightedDone: number;
  /** Counts for the sentence, by sub-kind. */
  parts: Record<string, number>;
}

const emptyTally = (): Tally => ({ expected: 0, achieved: 0, weightSum: 0, weightedDone: 0, parts: {} });

function add(map: Map<string, Tally>, orgId: string, value: number, part?: string, weight = 1): void {
  const t = map.get(orgId) ?? emptyTally();
  t.expected += 1;
  if (value >= 1) t.achieved += 1;
  t.weightSum += weight;
  t.weightedDone += weight * value;
  if (part !== undefined) t.parts[part] = (t.parts[part] ?? 0) + 1;
  map.set(orgId, t);
}

/** What was counted, in words. */
function measuredText(key: IndicatorKey, t: Tally, shares: Scheme["shares"]): Text {
  const p = (k: string) => t.parts[k] ?? 0;
  switch (key) {
    case "task_progress":
      return {
        zh: `牵头任务 ${p("lead")} 项、配合任务 ${p("responsible")} 项（牵头按 ${shares.lead}%、配合按 ${shares.responsible}% 计）`,
        en: `${p("lead")} measures led and ${p("responsible")} shared (counted at ${shares.lead}% and ${shares.responsible}%)`,
      };
    case "milestones_on_time":
      return {
        zh: `应完成里程碑 ${p("milestone")} 项、任务时限 ${p("task")} 项，按期完成 ${t.achieved} 项`,
        en: `${p("milestone")} milestones and ${p("task")} task deadlines due, ${t.achieved} met on time`,
      };
    case "report_on_time":
      return {
        zh: `应报送 ${t.expected} 项，按时报送 ${t.achieved} 项`,
        en: `${t.expected} reports due, ${t.achieved} on time`,
      };
    case "report_quality":
      return {
        zh: `已审核报告 ${t.expected} 份，审核通过 ${t.achieved} 份，退回修改 ${t.expected - t.achieved} 份`,
        en: `${t.expected} reports reviewed, ${t.achieved} signed off, ${t.expected - t.achieved} returned`,
      };
    case "supervision_on_time":
      return {
        zh: `应反馈督办 ${t.expected} 项，按时反馈 ${t.achieved} 项，逾期反馈 ${p("late")} 项，未反馈 ${p("unanswered")} 项`,
        en: `${t.expected} orders due, ${t.achieved} answered on time, ${p("late")} late, ${p("unanswered")} unanswered`,
      };
  }
}

const NOTHING: Record<IndicatorKey, Text> = {
  task_progress: {
    zh: "本单位承担的任务尚无到期的里程碑或时限，也无进展",
    en: "none of the unit's measures has a deadline passed or any progress yet",
  },
  milestones_on_time: {
    zh: "无到期的里程碑或任务时限（由牵头单位承担）",
    en: "no milestone or task deadline fell due (lead units are measured)",
  },
  report_on_time: { zh: "本年度无到期的进度报告", en: "no progress report fell due this year" },
  report_quality: { zh: "无已审核的进度报告", en: "no progress report has been reviewed" },
  supervision_on_time: { zh: "无到期的督办事项", en: "no supervision order fell due" },
};

const RATE_WORD: Record<IndicatorKey, Text> = {
  task_progress: { zh: "加权进度", en: "weighted progress" },
  milestones_on_time: { zh: "达标率", en: "rate" },
  report_on_time: { zh: "达标率", en: "rate" },
  report_quality: { zh: "通过率", en: "rate" },
  supervision_on_time: { zh: "达标率", en: "rate" },
};

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
      add(tallies, unit.orgId, first !== undefined && first <= deadline ? 1 : 0);
    }
  }
  return tallies;
}

/** Reports of the year's periods a leader has decided on: signed off, or returned for correction. */
function qualityTallies(input: AssessmentInput): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const year = `${input.year}-`;
  for (const r of input.reports) {
    if (!r.periodKey.startsWith(year)) continue;
    if (r.status === "approved") add(tallies, r.orgId, 1);
    else if (r.status === "returned") add(tallies, r.orgId, 0);
  }
  return tallies;
}

const leadsOf = (input: AssessmentInput): Map<string, string[]> => {
  const leads = new Map<string, string[]>();
  for (const u of input.taskUnits) {
    if (u.role !== "lead") continue;
    leads.set(u.taskId, [...(leads.get(u.taskId) ?? []), u.orgId]);
  }
  return leads;
};

/** Milestones due in the year and the tasks' own time limits in the year, for the lead units. */
function milestoneTallies(input: AssessmentInput): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const year = String(input.year);
  const leads = leadsOf(input);
  for (const m of input.milestones) {
    if (!m.dueDate.startsWith(year)) continue;
    if (m.doneDate === null && m.dueDate >= input.today) continue; // not yet due
    const met = m.doneDate !== null && m.doneDate <= m.dueDate ? 1 : 0;
    for (const orgId of leads.get(m.taskId) ?? []) add(tallies, orgId, met, "milestone");
  }
  for (const task of input.tasks) {
    if (task.due === null || !task.due.startsWith(year)) continue;
    if (task.completedDate === null && task.due >= input.today) continue;
    const met = task.completedDate !== null && task.completedDate <= task.due ? 1 : 0;
    for (const orgId of leads.get(task.id) ?? []) add(tallies, orgId, met, "task");
  }
  return tallies;
}

/**
 * 承担任务推进: each measure the unit carries, once work on it was expected (a milestone or the task's
 * time limit has passed) or has begun, counts with its progress at the end of the year (or today),
 * weighted by the unit's role on it.
 */
function progressTallies(input: AssessmentInput): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const cutoff = `${input.year}-12-31` < input.today ? `${input.year}-12-31` : input.today;
  const byTask = new Map<string, AssessmentInput["milestones"]>();
  for (const m of input.milestones) byTask.set(m.taskId, [...(byTask.get(m.taskId) ?? []), m]);
  const taskOf = new Map(input.tasks.map((t) => [t.id, t]));
  for (const unit of input.taskUnits) {
    const milestones = byTask.get(unit.taskId) ?? [];
    const total = milestones.reduce((s, m) => s + m.weight, 0);
    const done = milestones
      .filter((m) => m.doneDate !== null && m.doneDate <= cutoff)
      .reduce((s, m) => s + m.weight, 0);
    const progress = total === 0 ? 0 : done / total;
    const due = taskOf.get(unit.taskId)?.due ?? null;
    const expected =
      milestones.some((m) => m.dueDate < input.today && m.dueDate <= cutoff) ||
      (due !== null && due < input.today && due <= cutoff);
    if (!expected && progress === 0) continue;
    const role = unit.role === "lead" ? "lead" : "responsible";
    const share = input.scheme.shares[role] / 100;
    if (share === 0) continue;
    add(tallies, unit.orgId, progress, role, share);
  }
  return tallies;
}

function orderTallies(input: AssessmentInput): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  const year = String(input.year);
  for (const o of input.orders) {
    if (!o.dueDate.startsWith(year)) continue;
    if (o.respondedDate === null && o.dueDate >= input.today) continue; // not yet due
    const met = o.respondedDate !== null && !o.late;
    add(tallies, o.orgId, met ? 1 : 0, met ? "on_time" : o.respondedDate === null ? "unanswered" : "late");
  }
  return tallies;
}

function indicator(
  key: IndicatorKey,
  weight: number,
  effectiveWeight: number,
  t: Tally | undefined,
  shares: Scheme["shares"],
): IndicatorResult {
  const name = INDICATOR_NAMES[key];
  if (t === undefined || weight === 0) {
    const why =
      t === undefined ? NOTHING[key] : { zh: "本年度方案权重为 0", en: "weight 0 in this year's scheme" };
    return {
      key,
      name,
      weight,
      effectiveWeight: 0,
      expected: t?.expected ?? 0,
      achieved: t?.achieved ?? 0,
      rate: null,
      measured: false,
      measuredText: null,
      score: 0,
      explanation: {
        zh: `暂无数据：${why.zh}，本项不计分（权重 ${weight} 按比例并入已计量项目）`,
        en: `No data: ${why.en}; not scored (weight ${weight} shared out over the measured items)`,
      },
    };
  }
  const rate = round(t.weightSum === 0 ? 0 : t.weightedDone / t.weightSum, 4);
  const w = round(effectiveWeight, 2);
  const score = round(effectiveWeight * rate, 2);
  const text = measuredText(key, t, shares);
  const word = RATE_WORD[key];
  const scaled = w === weight ? "" : `，按已计量项目折算为 ${w}`;
  const scaledEn = w === weight ? `${weight}` : `${w} (weight ${weight}, rescaled over the measured items)`;
  return {
    key,
    name,
    weight,
    effectiveWeight: w,
    expected: t.expected,
    achieved: t.achieved,
    rate,
    measured: true,
    measuredText: text,
    score,
    explanation: {
      zh: `${text.zh}，${word.zh} ${pct(rate)}，得 ${score} 分（权重 ${weight}${scaled}）`,
      en: `${text.en}: ${word.en} ${pct(rate)} × ${scaledEn} = ${score}`,
    },
  };
}

function linesOf(
  indicators: IndicatorResult[],
  adjustments: AssessmentInput["adjustments"],
  noData: boolean,
): ScoreLine[] {
  return [
    ...indicators.map((i) => ({
      key: i.key,
      item: i.name,
      weight: i.weight,
      measured: i.measuredText,
      earned: i.score,
      reason: i.explanation,
    })),
    ...adjustments.map((a) => ({
      key: "adjustment" as const,
      item: a.points > 0 ? { zh: "加分", en: "Bonus" } : { zh: "减分", en: "Deduction" },
      weight: null,
      measured: null,
      earned: noData ? 0 : a.points,
      reason: noData
        ? {
            zh: `${a.reason}（${a.points > 0 ? "+" : ""}${a.points}；暂无考核数据，暂不计入）`,
            en: `${a.reason} (${a.points > 0 ? "+" : ""}${a.points}; not counted while there is no data)`,
          }
        : { zh: a.reason, en: a.reason },
    })),
  ];
}

/**
 * Scores every organisation and ranks the scored ones: equal totals share a rank (1, 1, 3); units
 * with no data follow, unranked.
 */
export function assess(input: AssessmentInput): AssessmentRow[] {
  const tallies: Record<IndicatorKey, Map<string, Tally>> = {
    task_progress: progressTallies(input),
    milestones_on_time: milestoneTallies(input),
    report_on_time: reportTallies(input),
    report_quality: qualityTallies(input),
    supervision_on_time: orderTallies(input),
  };
  const shares = input.scheme.shares;
  const rows: AssessmentRow[] = input.orgs.map((org) => {
    const mine = input.scheme.indicators.map(({ key, weight }) => ({
      key,
      weight,
      tally: tallies[key].get(org.id),
    }));
    const measuredWeight = mine.reduce((s, i) => s + (i.tally !== undefined ? i.weight : 0), 0);
    const noData = measuredWeight === 0;
    const indicators = mine.map((i) =>
      indicator(i.key, i.weight, noData ? 0 : (i.weight * 100) / measuredWeight, i.tally, shares),
    );
    const adjustments = input.adjustments.filter((a) => a.orgId === org.id);
    const lines = linesOf(indicators, adjustments, noData);
    const indicatorTotal = noData
      ? null
      : round(
          indicators.reduce((s, i) => s + i.score, 0),
          2,
        );
    const adjustmentTotal = round(
      adjustments.reduce((s, a) => s + a.points, 0),
      2,
    );
    return {
      rank: null,
      org,
      noData,
      indicators,
      indicatorTotal,
      adjustments,
      adjustmentTotal,
      total: noData
        ? null
        : round(
            lines.reduce((s, l) => s + l.earned, 0),
            2,
          ),
      lines,
    };
  });
  const byName = (a: AssessmentRow, b: AssessmentRow) => a.org.name.localeCompare(b.org.name, "zh-Hans-CN");
  rows.sort((a, b) =>
    a.total === null || b.total === null
      ? (a.total === null ? 1 : 0) - (b.total === null ? 1 : 0) || byName(a, b)
      : b.total - a.total || byName(a, b),
  );
  rows.forEach((row, i) => {
    if (row.total === null) return;
    const previous = rows[i - 1];
    row.rank = previous !== undefined && previous.total === row.total ? previous.rank : i + 1;
  });
  return rows;
}
