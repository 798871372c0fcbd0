// After the review: 公示 of the passed candidates through the publicity module (a port, wired in
// services.ts), and — once the period is over with no open objection — the outcome on the talent's
// record: a passed title review writes talent_titles, a passed skills round talent_skills, each with
// a numbered certificate (certificates/issue.ts), like registry/recognition-hooks.ts does for
// approved applications. Each candidate lands once (landed_at); honour and peer-review rounds have no
// registry outcome yet.
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.js";
import { inTransaction, type Trx } from "../../lib/context.js";
import { chinaDate } from "../../lib/dates.js";
import { conflict } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { issueCertificate } from "../certificates/issue.js";
import type { EvaluationContext, Who } from "./draw-round.js";
import { advanceRound, candidatesOf, type RoundRow } from "./evaluation.repo.js";
import { parseJson } from "./present.js";

/** What evaluation needs from the publicity module. */
export interface PublicityPort {
  open(
    trx: Trx,
    op: Who,
    input: {
      ownerOrgId: string;
      title: string;
      body?: string | null;
      sourceKind: string;
      sourceId: string;
      days: number;
      entries: { name: string; detail: string }[];
    },
  ): Promise<{ id: string }>;
  stateOf(db: Kysely<DB>, id: string): Promise<{ passed: boolean; openObjections: number; endsAt: string }>;
}

const KIND_ZH: Record<string, string> = {
  title_review: "职称评审",
  skills: "技能认定",
  recognition_peer: "人才认定同行评议",
  honour: "表彰评选",
};

/** closed → publicised: the passed candidates (names masked when shown) for `days` days. */
export async function publiciseRound(
  ctx: EvaluationContext & { publicity: PublicityPort },
  op: Who,
  round: RoundRow,
  days: number,
): Promise<void> {
  if (round.status !== "closed") {
    throw conflict("EVALUATION_ROUND_STATUS", {
      zh: "只有已结束评审的批次可以公示结果",
      en: "Only a closed round can publish its results",
    });
  }
  const passed = (await candidatesOf(ctx.deps.database.db, round.id)).filter((c) => c.decision === "pass");
  const now = ctx.deps.clock.now().toISOString();
  await inTransaction(ctx.deps, async (trx) => {
    const notice = await ctx.publicity.open(trx, op, {
      ownerOrgId: round.owner_org_id,
      title: `${round.name}评审结果公示`,
      body: `经专家评审（${KIND_ZH[round.kind] ?? "评审"}），以下人员通过。公示期内如有异议，请实名提出。`,
      sourceKind: "evaluation_round",
      sourceId: round.id,
      days,
      entries: passed.map((c) => ({ name: c.name, detail: "评审通过" })),
    });
    if (
      !(await advanceRound(trx, round.id, "closed", {
        status: "publicised",
        publicity_id: notice.id,
        updated_at: now,
      }))
    ) {
      throw conflict("EVALUATION_ROUND_STATUS", {
        zh: "只有已结束评审的批次可以公示结果",
        en: "Only a closed round can publish its results",
      });
    }
    await ctx.writeAudit(trx, op, {
      action: "evaluation.round.publicised",
      objectType: "evaluation_round",
      objectId: round.id,
      detail: { noticeId: notice.id, days, passed: passed.length },
    });
  });
}

/** Writes each passed candidate's outcome once the 公示 passed; answers how many landed now. */
export async function landOutcomes(
  ctx: EvaluationContext & { publicity: PublicityPort },
  op: { actor: { userId: string; username: string; orgId: string }; meta: Who["meta"] },
  round: RoundRow,
): Promise<{ landed: number; certificates: string[] }> {
  if (round.status !== "publicised" || round.publicity_id === null) {
    throw conflict("EVALUATION_ROUND_STATUS", {
      zh: "评审结果尚未公示，不能入库",
      en: "The results have not been publicised yet",
    });
  }
  const state = await ctx.publicity.stateOf(ctx.deps.database.db, round.publicity_id);
  if (!state.passed) {
    throw conflict(
      "EVALUATION_PUBLICITY_RUNNING",
      {
        zh:
          state.openObjections > 0
            ? `公示有${state.openObjections}件异议未答复，不能入库`
            : "公示期未满，不能入库",
        en:
          state.openObjections > 0
            ? `${state.openObjections} objection(s) are unanswered`
            : `The publicity period runs until ${state.endsAt}`,
      },
      { endsAt: state.endsAt },
    );
  }
  const outcome = parseJson<{ name: string; level: string } | null>(round.outcome, null);
  const table =
    round.kind === "title_review" ? "talent_titles" : round.kind === "skills" ? "talent_skills" : null;
  const at = ctx.deps.clock.now();
  const today = chinaDate(at);
  const year = Number(today.slice(0, 4));
  const passed = (await candidatesOf(ctx.deps.database.db, round.id)).filter((c) => c.decision === "pass");
  const certificates: string[] = [];
  let landed = 0;
  await inTransaction(ctx.deps, async (trx) => {
    for (const c of passed) {
      const r = await trx
        .updateTable("evaluation_candidates")
        .set({ landed_at: at.toISOString() })
        .where("id", "=", c.id)
        .where("landed_at", "is", null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) continue;
      landed += 1;
      if (outcome === null || table === null) continue;
      const max = await trx
        .selectFrom(table)
        .select(trx.fn.max("position").as("p"))
        .where("talent_id", "=", c.talent_id)
        .executeTakeFirst();
      const position = max?.p === null || max?.p === undefined ? 0 : Number(max.p) + 1;
      await trx
        .insertInto(table)
        .values({
          id: newId(at.getTime()),
          talent_id: c.talent_id,
          position,
          name: outcome.name,
          level: outcome.level,
          year,
          application_id: c.application_id,
        })
        .execute();
      const cert = await issueCertificate(trx, {
        kind: table === "talent_titles" ? "title" : "skill",
        talentId: c.talent_id,
        // One certificate per source: the candidate's application, or the candidacy itself.
        applicationId: c.application_id ?? `EVAL-${c.id}`,
        applicationNumber: c.application_id ?? `PS${round.id.slice(-10)}`,
        itemCode: `EVAL-${round.kind}`,
        itemName: round.name,
        subject: `${outcome.name}（${outcome.level}）`,
        issuedOn: today,
        validTo: null,
        issuerOrgId: round.owner_org_id,
        issuedBy: op.actor.userId,
        now: at,
      });
      if (cert.issued) certificates.push(cert.number);
      await ctx.writeAudit(trx, op, {
        action: "evaluation.outcome.landed",
        objectType: "evaluation_candidate",
        objectId: c.id,
        detail: { roundId: round.id, talentId: c.talent_id, outcome, certificate: cert.number },
      });
    }
  });
  return { landed, certificates };
}
