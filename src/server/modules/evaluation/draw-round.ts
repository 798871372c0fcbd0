// Use-cases of the verifiable draw: open (commit to a secret seed), draw (reveal it, freeze the pool,
// seat the panels, record every avoided pair), verify (re-run from the public record).
import { randomBytes } from "node:crypto";
import type { VerifyAnswer } from "../../../contracts/evaluation.js";
import {
  canonicalJson,
  commitmentOf,
  type DrawResult,
  drawPanels,
  normaliseSnapshot,
  type PoolSnapshot,
  type SnapshotRelation,
  sameDraw,
  snapshotHash,
} from "../../engine/evaluation/draw.js";
import { type Deps, inTransaction, type Trx } from "../../lib/context.js";
import { chinaDate } from "../../lib/dates.js";
import { AppError, conflict } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import type { AuditWriter } from "../audit/audit.service.js";
import {
  activeExperts,
  advanceRound,
  candidatesOf,
  insertAssignments,
  insertAvoided,
  type RoundRow,
  recentSittings,
} from "./evaluation.repo.js";
import { parseJson } from "./present.js";

/** Who the audit rows name: a signed-in operator, or the platform itself (demo seed, CLI). */
export type Who = Parameters<AuditWriter>[1];

export interface EvaluationContext {
  deps: Deps;
  writeAudit: AuditWriter;
}

/** A former employer stops counting this many years after the relation ended. */
export const FORMER_EMPLOYER_YEARS = 3;

/** Round statuses in Chinese, for messages. */
export const STATUS_ZH: Record<string, string> = {
  draft: "草稿",
  open: "已开启",
  drawn: "已抽取",
  reviewing: "评审中",
  closed: "已结束",
  publicised: "已公示",
};

const wrongStatus = (r: RoundRow, wanted: string) =>
  conflict(
    "EVALUATION_ROUND_STATUS",
    {
      zh: `评审批次当前状态为“${STATUS_ZH[r.status] ?? "未知"}”，不能执行此操作（须为“${STATUS_ZH[wanted] ?? "未知"}”）`,
      en: `The round is ${r.status}; this needs it to be ${wanted}`,
    },
    { status: r.status },
  );

/** draft → open: a fresh 32-byte seed is kept secret, its sha256 published. */
export async function openRound(ctx: EvaluationContext, op: Who, round: RoundRow): Promise<void> {
  if (round.status !== "draft") throw wrongStatus(round, "draft");
  const seed = randomBytes(32).toString("hex");
  const commitment = commitmentOf(seed);
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx.deps, async (trx) => {
    const done = await advanceRound(trx, round.id, "draft", {
      status: "open",
      seed_hex: seed,
      commitment,
      opened_at: now,
      updated_at: now,
    });
    if (!done) throw wrongStatus(round, "draft");
    await ctx.writeAudit(trx, op, {
      action: "evaluation.round.opened",
      objectType: "evaluation_round",
      objectId: round.id,
      detail: { commitment },
    });
  });
}

/** The frozen inputs of the draw, read in the draw's transaction. */
export async function buildSnapshot(trx: Trx, round: RoundRow, drawnAt: Date): Promise<PoolSnapshot> {
  const experts = await activeExperts(trx);
  const candidates = await candidatesOf(trx, round.id);
  const since = new Date(drawnAt.getTime() - round.avoid_days * 86_400_000).toISOString();
  const sittings = await recentSittings(
    trx,
    candidates.map((c) => c.talent_id),
    since,
    round.id,
  );
  const keys = (...k: (string | null)[]) => k.filter((x): x is string => x !== null);
  return normaliseSnapshot({
    roundId: round.id,
    drawnOn: chinaDate(drawnAt),
    disciplines: parseJson<string[]>(round.disciplines, []),
    panelSize: round.panel_size,
    reserveSize: round.reserve_size,
    formerEmployerYears: FORMER_EMPLOYER_YEARS,
    experts: experts.map((e) => ({
      id: e.id,
      employerKeys: keys(e.employer_id, e.employer_org_id),
      disciplines: parseJson<string[]>(e.disciplines, []),
      relations: parseJson<Partial<SnapshotRelation>[]>(e.relations, []).map((r) => ({
        kind: r.kind ?? "co_author",
        talentId: r.talentId ?? null,
        orgId: r.orgId ?? null,
        from: r.from ?? null,
        to: r.to ?? null,
      })),
    })),
    candidates: candidates.map((c) => ({
      id: c.id,
      talentId: c.talent_id,
      employerKeys: keys(c.employer_id, c.employer_org_id),
    })),
    recentSittings: sittings.map((s) => ({
      talentId: s.talent_id,
      expertId: s.expert_id,
      roundId: s.round_id,
    })),
  });
}

/** open → drawn: reveal, freeze, draw, seat. Refused when some candidate cannot get a full panel. */
export async function drawRound(ctx: EvaluationContext, op: Who, round: RoundRow): Promise<void> {
  if (round.status !== "open" || round.seed_hex === null) throw wrongStatus(round, "open");
  const seed = round.seed_hex;
  const at = ctx.deps.clock.now();
  const now = at.toISOString();
  await inTransaction(ctx.deps, async (trx) => {
    const snapshot = await buildSnapshot(trx, round, at);
    const hash = snapshotHash(snapshot);
    const result = drawPanels(seed, snapshot);
    const short = result.candidates.filter((c) => c.panel.length < round.panel_size);
    if (short.length > 0) {
      throw new AppError(
        "unprocessable",
        "EVALUATION_POOL_TOO_SMALL",
        {
          zh: `专家库中符合条件且无需回避的专家不足，${short.length}名候选人无法组成${round.panel_size}人评审组`,
          en: `Too few eligible experts without conflicts: ${short.length} candidate(s) cannot get a panel of ${round.panel_size}`,
        },
        [],
        { short: short.length },
      );
    }
    const done = await advanceRound(trx, round.id, "open", {
      status: "drawn",
      snapshot: canonicalJson(snapshot),
      snapshot_hash: hash,
      draw_result: canonicalJson(result),
      drawn_at: now,
      updated_at: now,
    });
    if (!done) throw wrongStatus(round, "open");
    await insertAssignments(
      trx,
      result.candidates.flatMap((c) =>
        c.panel.map((expertId, seat) => ({
          id: newId(at.getTime()),
          round_id: round.id,
          candidate_id: c.candidateId,
          expert_id: expertId,
          seat,
          source: "draw",
          status: "invited",
          conflict_reason: null,
          scores: null,
          total: null,
          vote: null,
          comment: null,
          extreme_reason: null,
          submitted_at: null,
          created_at: now,
        })),
      ),
    );
    await insertAvoided(
      trx,
      result.candidates.flatMap((c) =>
        c.avoided.map((a) => ({
          id: newId(at.getTime()),
          round_id: round.id,
          candidate_id: c.candidateId,
          expert_id: a.expertId,
          reason: a.reason,
          created_at: now,
        })),
      ),
    );
    await ctx.writeAudit(trx, op, {
      action: "evaluation.round.drawn",
      objectType: "evaluation_round",
      objectId: round.id,
      detail: {
        commitment: round.commitment,
        seed,
        snapshotHash: hash,
        pool: result.order.length,
        seats: result.candidates.reduce((s, c) => s + c.panel.length, 0),
        avoided: result.candidates.reduce((s, c) => s + c.avoided.length, 0),
      },
    });
  });
}

/** Re-runs the draw from the recorded seed and snapshot and compares it with the recorded draw. */
export function verifyRecord(
  round: Pick<RoundRow, "id" | "commitment" | "seed_hex" | "snapshot" | "snapshot_hash" | "draw_result">,
): VerifyAnswer {
  if (
    round.seed_hex === null ||
    round.snapshot === null ||
    round.draw_result === null ||
    round.commitment === null
  ) {
    throw conflict("EVALUATION_NOT_DRAWN", {
      zh: "该评审批次尚未抽取专家，无可验证的记录",
      en: "The round has not been drawn; there is nothing to verify",
    });
  }
  const snapshot = JSON.parse(round.snapshot) as PoolSnapshot;
  const recorded = JSON.parse(round.draw_result) as DrawResult;
  const commitmentOk = commitmentOf(round.seed_hex) === round.commitment;
  const snapshotOk = snapshotHash(snapshot) === round.snapshot_hash && snapshot.roundId === round.id;
  const recomputed = drawPanels(round.seed_hex, snapshot);
  const panelOk = sameDraw(recomputed, recorded);
  return {
    roundId: round.id,
    equal: commitmentOk && snapshotOk && panelOk,
    commitmentOk,
    snapshotOk,
    panelOk,
    recomputed: recomputed.candidates.map((c) => ({
      candidateId: c.candidateId,
      panel: c.panel,
      reserves: c.reserves,
    })),
  };
}
