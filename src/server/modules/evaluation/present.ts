// Views of evaluation rows: experts, rounds (summary and detail), assignments.
import type { Assignment, Expert, RoundDetail } from "../../../contracts/evaluation.js";
import type { Criterion, DecisionRule } from "../../engine/evaluation/score.js";
import { maskName } from "../publicity/mask.js";
import type { AssignmentRow, ExpertRow, RoundRow } from "./evaluation.repo.js";

export const parseJson = <T>(text: string | null, fallback: T): T =>
  text === null ? fallback : (JSON.parse(text) as T);

export function toExpert(r: ExpertRow): Expert {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    title: r.title,
    employer: r.employer_id === null ? null : { id: r.employer_id, name: r.employer_name ?? "" },
    regionCode: r.region_code,
    status: r.status as Expert["status"],
    disciplines: parseJson<string[]>(r.disciplines, []),
    relations: parseJson<Expert["relations"]>(r.relations, []),
  };
}

type RoundBase = Omit<RoundRow, never> & { candidate_count?: number | string | null };

export function toRoundSummary(r: RoundBase, candidateCount: number) {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as RoundDetail["kind"],
    status: r.status as RoundDetail["status"],
    owner: { orgId: r.owner_org_id, name: r.owner_name },
    disciplines: parseJson<string[]>(r.disciplines, []),
    panelSize: r.panel_size,
    candidateCount,
    commitment: r.commitment,
    createdAt: r.created_at,
  };
}

/** The seed is answered only once the draw revealed it. */
export const revealedSeed = (r: RoundRow): string | null =>
  ["drawn", "reviewing", "closed", "publicised"].includes(r.status) ? r.seed_hex : null;

export function toRoundDetail(
  r: RoundRow,
  parts: Pick<RoundDetail, "candidates" | "panel" | "avoided">,
): RoundDetail {
  return {
    ...toRoundSummary(r, parts.candidates.length),
    reserveSize: r.reserve_size,
    scoreSheet: parseJson<Criterion[]>(r.score_sheet, []),
    decisionRule: parseJson<DecisionRule>(r.decision_rule, { kind: "two_thirds_yes" }),
    quota: r.quota,
    avoidDays: r.avoid_days,
    outcome: parseJson<RoundDetail["outcome"]>(r.outcome, null),
    publicityId: r.publicity_id,
    seed: revealedSeed(r),
    snapshotHash: r.snapshot_hash,
    openedAt: r.opened_at,
    drawnAt: r.drawn_at,
    ...parts,
  };
}

export const maskedCandidateName = maskName;

export function toAssignment(
  a: AssignmentRow,
  titles: { name: string; level: string; year: number | null }[],
): Assignment {
  const rule = parseJson<DecisionRule>(a.decision_rule, { kind: "two_thirds_yes" });
  return {
    id: a.id,
    roundId: a.round_id,
    roundName: a.round_name,
    roundKind: a.round_kind as Assignment["roundKind"],
    candidate: {
      id: a.candidate_id,
      talentId: a.talent_id,
      name: a.talent_name,
      applicationId: a.application_id,
      titles,
    },
    scoreSheet: parseJson<Criterion[]>(a.score_sheet, []),
    needsVote: rule.kind === "two_thirds_yes",
    status: a.status,
    mine:
      a.submitted_at === null
        ? null
        : {
            scores: parseJson<Record<string, number>>(a.scores, {}),
            total: a.total ?? 0,
            vote: a.vote,
            comment: a.comment,
            submittedAt: a.submitted_at,
          },
  };
}
