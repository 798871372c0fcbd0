// Scoring of an evaluation round (pure): weighted totals, the decision rules, the honours quota with
// explicit ties, reviewer severity and Kendall's W.

export interface Criterion {
  key: string;
  name: string;
  /** Weights of a sheet add up to 100; each criterion is scored 0–100. */
  weight: number;
}

export type DecisionRule = { kind: "two_thirds_yes" } | { kind: "trimmed_mean"; threshold: number };

/** The weighted total (0–100, two decimals) of one score sheet. */
export function weightedTotal(criteria: readonly Criterion[], scores: Record<string, number>): number {
  const weights = criteria.reduce((s, c) => s + c.weight, 0);
  const sum = criteria.reduce((s, c) => s + c.weight * (scores[c.key] ?? 0), 0);
  return Math.round((sum / weights) * 100) / 100;
}

/** A total below 60 or above 95 (of 100) needs a written reason. */
export const isExtreme = (total: number): boolean => total < 60 || total > 95;

const round2 = (n: number) => Math.round(n * 100) / 100;

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : round2(values.reduce((s, v) => s + v, 0) / values.length);
}

/** The mean after dropping one highest and one lowest score (when there are at least three). */
export function trimmedMean(values: readonly number[]): number | null {
  if (values.length < 3) return mean(values);
  const sorted = [...values].sort((a, b) => a - b);
  return mean(sorted.slice(1, -1));
}

export interface CandidateScores {
  candidateId: string;
  totals: number[];
  votes: ("yes" | "no")[];
}

export type Decision = "pass" | "fail" | "tie";

export interface CandidateResult {
  candidateId: string;
  count: number;
  mean: number | null;
  trimmedMean: number | null;
  yes: number;
  no: number;
  /** By the rule alone, before any quota. */
  meetsRule: boolean;
  /** 1-based by trimmed mean (then mean), equal values share a rank. */
  rank: number;
  decision: Decision;
  explanation: { zh: string; en: string };
}

/** Applies the rule to each candidate, then the quota: the best `quota` pass; equal scores straddling
 * the quota edge are all marked "tie" for the owner to decide, never broken silently. */
export function decide(
  rule: DecisionRule,
  candidates: readonly CandidateScores[],
  quota: number | null,
): CandidateResult[] {
  const base = candidates.map((c) => {
    const yes = c.votes.filter((v) => v === "yes").length;
    const no = c.votes.filter((v) => v === "no").length;
    const tm = trimmedMean(c.totals);
    const meetsRule =
      rule.kind === "two_thirds_yes"
        ? c.votes.length > 0 && yes * 3 >= c.votes.length * 2
        : tm !== null && tm >= rule.threshold;
    return {
      candidateId: c.candidateId,
      count: c.totals.length,
      mean: mean(c.totals),
      trimmedMean: tm,
      yes,
      no,
      meetsRule,
    };
  });
  const key = (r: (typeof base)[number]) => [r.trimmedMean ?? -1, r.mean ?? -1] as const;
  const sorted = [...base].sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1]);
  const rankOf = new Map<string, number>();
  sorted.forEach((r, i) => {
    const prev = sorted[i - 1];
    const same = prev !== undefined && key(prev)[0] === key(r)[0] && key(prev)[1] === key(r)[1];
    rankOf.set(r.candidateId, same ? rankOf.get(prev.candidateId)! : i + 1);
  });
  const passing = sorted.filter((r) => r.meetsRule);
  const decisionOf = new Map<string, Decision>();
  if (quota === null || passing.length <= quota) {
    for (const r of passing) decisionOf.set(r.candidateId, "pass");
  } else {
    const edge = passing[quota - 1];
    const after = passing[quota];
    const edgeKey = edge ? key(edge) : null;
    const tied =
      edgeKey !== null && after !== undefined && key(after)[0] === edgeKey[0] && key(after)[1] === edgeKey[1];
    passing.forEach((r, i) => {
      const same = edgeKey !== null && key(r)[0] === edgeKey[0] && key(r)[1] === edgeKey[1];
      if (tied && same) decisionOf.set(r.candidateId, "tie");
      else if (i < quota) decisionOf.set(r.candidateId, "pass");
    });
  }
  return base.map((r) => {
    const decision = decisionOf.get(r.candidateId) ?? "fail";
    const numbers =
      rule.kind === "two_thirds_yes"
        ? {
            zh: `赞成${r.yes}票、反对${r.no}票，须不少于三分之二`,
            en: `${r.yes} yes, ${r.no} no; two thirds needed`,
          }
        : {
            zh: `去掉最高分和最低分后平均${r.trimmedMean ?? "—"}分，须不低于${rule.threshold}分`,
            en: `trimmed mean ${r.trimmedMean ?? "—"}; at least ${rule.threshold} needed`,
          };
    const quotaNote =
      quota !== null && r.meetsRule && decision !== "pass"
        ? decision === "tie"
          ? {
              zh: `；名额${quota}个，分数并列，须评审主体决定`,
              en: `; quota ${quota}, tied at the edge: the owner decides`,
            }
          : {
              zh: `；名额${quota}个，排名第${rankOf.get(r.candidateId)}`,
              en: `; quota ${quota}, ranked ${rankOf.get(r.candidateId)}`,
            }
        : { zh: "", en: "" };
    return {
      ...r,
      rank: rankOf.get(r.candidateId)!,
      decision,
      explanation: { zh: numbers.zh + quotaNote.zh, en: numbers.en + quotaNote.en },
    };
  });
}

export interface ScoreCell {
  expertId: string;
  candidateId: string;
  total: number;
}

/** Each expert's mean deviation from the candidates' means (negative: stricter than the panel). */
export function severity(
  cells: readonly ScoreCell[],
): { expertId: string; count: number; meanDeviation: number }[] {
  const byCandidate = new Map<string, number[]>();
  for (const c of cells) byCandidate.set(c.candidateId, [...(byCandidate.get(c.candidateId) ?? []), c.total]);
  const candidateMean = new Map(
    [...byCandidate].map(([k, v]) => [k, v.reduce((s, x) => s + x, 0) / v.length]),
  );
  const byExpert = new Map<string, number[]>();
  for (const c of cells) {
    byExpert.set(c.expertId, [
      ...(byExpert.get(c.expertId) ?? []),
      c.total - candidateMean.get(c.candidateId)!,
    ]);
  }
  return [...byExpert]
    .map(([expertId, d]) => ({
      expertId,
      count: d.length,
      meanDeviation: round2(d.reduce((s, x) => s + x, 0) / d.length),
    }))
    .sort((a, b) => (a.expertId < b.expertId ? -1 : 1));
}

/** Average ranks (1 = lowest), ties sharing the mean rank. */
function ranks(values: readonly number[]): number[] {
  const idx = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) out[idx[k]![1]] = r;
    i = j + 1;
  }
  return out;
}

/** Kendall's W over the experts who scored every candidate of the panel (null below 2 × 2). */
export function kendallW(cells: readonly ScoreCell[]): { w: number | null; raters: number; items: number } {
  const candidates = [...new Set(cells.map((c) => c.candidateId))].sort();
  const byExpert = new Map<string, Map<string, number>>();
  for (const c of cells) {
    if (!byExpert.has(c.expertId)) byExpert.set(c.expertId, new Map());
    byExpert.get(c.expertId)!.set(c.candidateId, c.total);
  }
  const full = [...byExpert.values()].filter((m) => candidates.every((k) => m.has(k)));
  const n = candidates.length;
  const m = full.length;
  if (n < 2 || m < 2) return { w: null, raters: m, items: n };
  const sums = new Array<number>(n).fill(0);
  for (const scores of full) {
    ranks(candidates.map((k) => scores.get(k)!)).forEach((r, i) => {
      sums[i]! += r;
    });
  }
  const meanSum = (m * (n + 1)) / 2;
  const s = sums.reduce((acc, r) => acc + (r - meanSum) ** 2, 0);
  return { w: Math.round(((12 * s) / (m * m * (n ** 3 - n))) * 1000) / 1000, raters: m, items: n };
}
