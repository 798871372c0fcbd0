// Use-cases of the review: an expert submits a locked score sheet or declares a conflict (the seat is
// re-drawn from the reserve, in the drawn order); the owner closes the round, which computes results.
import type { RoundResults } from "../../../contracts/evaluation.js";
import type { DrawResult } from "../../engine/evaluation/draw.js";
import {
  type Criterion,
  type DecisionRule,
  decide,
  isExtreme,
  kendallW,
  severity,
  weightedTotal,
} from "../../engine/evaluation/score.js";
import { inTransaction, type Op } from "../../lib/context.js";
import { AppError, conflict, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { EvaluationContext, Who } from "./draw-round.js";
import {
  type AssignmentRow,
  advanceRound,
  candidatesOf,
  expertNames,
  expertsOfCandidate,
  insertAssignments,
  insertAvoided,
  markDeclined,
  type RoundRow,
  seatsOf,
  setCandidateResult,
  submitScore,
} from "./evaluation.repo.js";
import { parseJson } from "./present.js";

const notReviewing = () =>
  conflict("EVALUATION_NOT_REVIEWING", {
    zh: "该评审批次不在评审阶段，不能评分或申请回避",
    en: "The round is not under review; scores and conflicts are not accepted",
  });

const locked = () =>
  conflict("EVALUATION_SCORE_LOCKED", {
    zh: "评分已提交并锁定，不能修改",
    en: "The score sheet was submitted and is locked",
  });

/** The owner's decision on one candidate, kept in the candidate's stored result. */
export interface Override {
  decision: "pass" | "fail";
  reason: string;
  by: string;
  at: string;
}

export interface ScoreInput {
  scores: Record<string, number>;
  vote?: "yes" | "no" | null;
  comment?: string | null;
  extremeReason?: string | null;
}

export async function submitScoreSheet(
  ctx: EvaluationContext,
  op: Who,
  a: AssignmentRow,
  input: ScoreInput,
): Promise<void> {
  if (a.round_status !== "reviewing") throw notReviewing();
  if (a.status !== "invited") throw locked();
  const criteria = parseJson<Criterion[]>(a.score_sheet, []);
  const rule = parseJson<DecisionRule>(a.decision_rule, { kind: "two_thirds_yes" });
  const errors = [];
  for (const c of criteria) {
    if (typeof input.scores[c.key] !== "number") {
      errors.push({
        path: `/scores/${c.key}`,
        message: { zh: `请为“${c.name}”打分（0–100）`, en: `Score "${c.name}" (0–100)` },
      });
    }
  }
  const unknown = Object.keys(input.scores).filter((k) => !criteria.some((c) => c.key === k));
  for (const k of unknown) {
    errors.push({ path: `/scores/${k}`, message: { zh: `评分表中没有“${k}”`, en: `No criterion "${k}"` } });
  }
  if (rule.kind === "two_thirds_yes" && (input.vote === undefined || input.vote === null)) {
    errors.push({ path: "/vote", message: { zh: "请表决赞成或反对", en: "Vote yes or no" } });
  }
  if (errors.length > 0) throw invalidFields("EVALUATION_SCORE_INVALID", errors);
  const total = weightedTotal(criteria, input.scores);
  const reason = input.extremeReason?.trim() ?? "";
  if (isExtreme(total) && reason.length < 5) {
    throw invalidFields("EVALUATION_EXTREME_REASON", [
      {
        path: "/extremeReason",
        message: {
          zh: `总分${total}低于60或高于95，须写明理由（至少5个字）`,
          en: `A total of ${total} (below 60 or above 95) needs a reason of at least 5 characters`,
        },
      },
    ]);
  }
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx.deps, async (trx) => {
    const done = await submitScore(trx, a.id, {
      scores: JSON.stringify(input.scores),
      total,
      vote: input.vote ?? null,
      comment: input.comment?.trim() || null,
      extreme_reason: reason || null,
      submitted_at: now,
    });
    if (!done) throw locked();
    await ctx.writeAudit(trx, op, {
      action: "evaluation.score.submitted",
      objectType: "evaluation_assignment",
      objectId: a.id,
      detail: { roundId: a.round_id, candidateId: a.candidate_id, total, extreme: isExtreme(total) },
    });
  });
}

/** The expert declares a conflict: their seat goes to the first reserve of that candidate not yet
 * seated; the declared pair is recorded as avoided. Answers the replacement's expert id (or null when
 * the reserve is exhausted — the office then sees a short panel). */
export async function declareConflict(
  ctx: EvaluationContext,
  op: Op,
  a: AssignmentRow,
  round: RoundRow,
  reason: string,
): Promise<string | null> {
  if (a.round_status !== "reviewing" && a.round_status !== "drawn") throw notReviewing();
  if (a.status !== "invited") throw locked();
  const text = reason.trim();
  if (text.length < 2) {
    throw new AppError("unprocessable", "EVALUATION_CONFLICT_REASON", {
      zh: "申请回避须写明理由",
      en: "A reason is required to declare a conflict",
    });
  }
  const draw = parseJson<DrawResult | null>(round.draw_result, null);
  const reserves = draw?.candidates.find((c) => c.candidateId === a.candidate_id)?.reserves ?? [];
  const at = ctx.deps.clock.now();
  const now = at.toISOString();
  return inTransaction(ctx.deps, async (trx) => {
    if (!(await markDeclined(trx, a.id, text))) throw locked();
    const seated = new Set(await expertsOfCandidate(trx, a.candidate_id));
    const next = reserves.find((id) => !seated.has(id)) ?? null;
    await insertAvoided(trx, [
      {
        id: newId(at.getTime()),
        round_id: a.round_id,
        candidate_id: a.candidate_id,
        expert_id: a.expert_id,
        reason: "declared",
        created_at: now,
      },
    ]);
    if (next !== null) {
      await insertAssignments(trx, [
        {
          id: newId(at.getTime()),
          round_id: a.round_id,
          candidate_id: a.candidate_id,
          expert_id: next,
          seat: a.seat,
          source: "reserve",
          status: "invited",
          conflict_reason: null,
          scores: null,
          total: null,
          vote: null,
          comment: null,
          extreme_reason: null,
          submitted_at: null,
          created_at: now,
        },
      ]);
    }
    await ctx.writeAudit(trx, op, {
      action: "evaluation.conflict.declared",
      objectType: "evaluation_assignment",
      objectId: a.id,
      detail: { roundId: a.round_id, candidateId: a.candidate_id, reason: text, replacedBy: next },
    });
    return next;
  });
}

/** The numbers of a round from its submitted sheets (the office's view; computed, not stored). */
export async function computeResults(ctx: EvaluationContext, round: RoundRow): Promise<RoundResults> {
  const db = ctx.deps.database.db;
  const rule = parseJson<DecisionRule>(round.decision_rule, { kind: "two_thirds_yes" });
  const candidates = await candidatesOf(db, round.id);
  const seats = (await seatsOf(db, round.id)).filter((s) => s.status === "submitted" && s.total !== null);
  const decided = decide(
    rule,
    candidates.map((c) => {
      const mine = seats.filter((s) => s.candidate_id === c.id);
      return {
        candidateId: c.id,
        totals: mine.map((s) => s.total!),
        votes: mine.map((s) => s.vote).filter((v): v is "yes" | "no" => v === "yes" || v === "no"),
      };
    }),
    round.quota,
  );
  const cells = seats.map((s) => ({ expertId: s.expert_id, candidateId: s.candidate_id, total: s.total! }));
  const names = await expertNames(db, [...new Set(cells.map((c) => c.expertId))]);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return {
    roundId: round.id,
    status: round.status as RoundResults["status"],
    rule,
    quota: round.quota,
    candidates: decided.map((r) => {
      const override =
        parseJson<{ override?: Override | null } | null>(byId.get(r.candidateId)!.result, null)?.override ??
        null;
      return {
        ...r,
        decision: override ? override.decision : r.decision,
        override,
        talentId: byId.get(r.candidateId)!.talent_id,
        name: byId.get(r.candidateId)!.name,
      };
    }),
    severity: severity(cells).map((s) => ({ ...s, expertName: names.get(s.expertId) ?? "" })),
    agreement: (() => {
      const k = kendallW(cells);
      return { kendallW: k.w, raters: k.raters, items: k.items };
    })(),
  };
}

/** reviewing → closed once every seat has submitted; stores each candidate's decision. */
export async function closeRound(ctx: EvaluationContext, op: Who, round: RoundRow): Promise<void> {
  if (round.status !== "reviewing") {
    throw conflict("EVALUATION_ROUND_STATUS", {
      zh: "只有评审中的批次可以结束评审",
      en: "Only a round under review can be closed",
    });
  }
  const seats = await seatsOf(ctx.deps.database.db, round.id);
  const open = seats.filter((s) => s.status === "invited").length;
  if (open > 0) {
    throw conflict(
      "EVALUATION_SCORES_MISSING",
      { zh: `还有${open}份评分表未提交`, en: `${open} score sheet(s) are not submitted yet` },
      { missing: open },
    );
  }
  const results = await computeResults(ctx, { ...round, status: "closed" });
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx.deps, async (trx) => {
    if (
      !(await advanceRound(trx, round.id, "reviewing", { status: "closed", closed_at: now, updated_at: now }))
    ) {
      throw conflict("EVALUATION_ROUND_STATUS", {
        zh: "只有评审中的批次可以结束评审",
        en: "Only a round under review can be closed",
      });
    }
    for (const c of results.candidates)
      await setCandidateResult(trx, c.candidateId, c.decision, JSON.stringify(c));
    await ctx.writeAudit(trx, op, {
      action: "evaluation.round.closed",
      objectType: "evaluation_round",
      objectId: round.id,
      detail: {
        pass: results.candidates.filter((c) => c.decision === "pass").length,
        fail: results.candidates.filter((c) => c.decision === "fail").length,
        tie: results.candidates.filter((c) => c.decision === "tie").length,
        kendallW: results.agreement.kendallW,
      },
    });
  });
}

/** The owner decides one candidate of a closed or publicised round (a tie at the quota edge, or
 * after an objection in 公示), with a reason; recorded and audited. A landed candidate is final. */
export async function decideCandidate(
  ctx: EvaluationContext,
  op: Op,
  round: RoundRow,
  candidateId: string,
  input: { decision: "pass" | "fail"; reason: string },
): Promise<void> {
  if (round.status !== "closed" && round.status !== "publicised") {
    throw conflict("EVALUATION_ROUND_STATUS", {
      zh: "只有已结束或公示中的批次可以由评审主体决定",
      en: "Only a closed or publicised round takes the owner's decision",
    });
  }
  const candidate = (await candidatesOf(ctx.deps.database.db, round.id)).find((c) => c.id === candidateId);
  if (!candidate) throw notFound({ zh: "候选人", en: "candidate" });
  const reason = input.reason.trim();
  if (reason.length < 5) {
    throw invalidFields("EVALUATION_DECISION_REASON", [
      {
        path: "/reason",
        message: { zh: "请写明决定理由（至少5个字）", en: "Give a reason of at least 5 characters" },
      },
    ]);
  }
  const at = ctx.deps.clock.now().toISOString();
  const previous = parseJson<Record<string, unknown> | null>(candidate.result, null) ?? {};
  const override: Override = { decision: input.decision, reason, by: op.actor.userId, at };
  await inTransaction(ctx.deps, async (trx) => {
    const r = await trx
      .updateTable("evaluation_candidates")
      .set({ decision: input.decision, result: JSON.stringify({ ...previous, override }) })
      .where("id", "=", candidateId)
      .where("landed_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) {
      throw conflict("EVALUATION_CANDIDATE_LANDED", {
        zh: "该候选人的结果已入库，不能再改变",
        en: "The candidate's outcome has been recorded and is final",
      });
    }
    await ctx.writeAudit(trx, op, {
      action: "evaluation.candidate.decided",
      objectType: "evaluation_candidate",
      objectId: candidateId,
      detail: { roundId: round.id, from: candidate.decision, to: input.decision, reason },
    });
  });
}
