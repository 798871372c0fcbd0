// Evaluation rounds: the expert pool, rounds from draft to closed, the verifiable draw and the blind
// review. Use-cases that span tables live in draw-round.ts and scoring.ts; this file authorizes,
// validates input and presents.
import type { Static } from "@sinclair/typebox";
import type {
  CreateRoundBody,
  ExpertBody,
  OwnExpertBody,
  RoundDetail,
} from "../../../contracts/evaluation.js";
import { can } from "../../lib/authz.js";
import { type Deps, inTransaction, type Op, SYSTEM } from "../../lib/context.js";
import { AppError, conflict, type FieldError, forbidden, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { DISCIPLINE_CODES, DISCIPLINES } from "./disciplines.js";
import { drawRound, type EvaluationContext, openRound, STATUS_ZH, verifyRecord } from "./draw-round.js";
import {
  advanceRound,
  assignmentsOfUser,
  avoidedOf,
  candidatesOf,
  employerExists,
  findAssignment,
  findExpert,
  findExpertByUser,
  findRound,
  insertCandidates,
  insertExperts,
  insertRound,
  isExpertAccount,
  listExperts,
  listRounds,
  ownerOrgIds,
  type RoundRow,
  seatsOf,
  talentsExist,
  titlesOf,
  updateExpert,
} from "./evaluation.repo.js";
import { landOutcomes, type PublicityPort, publiciseRound } from "./outcomes.js";
import { maskedCandidateName, toAssignment, toExpert, toRoundDetail, toRoundSummary } from "./present.js";
import {
  closeRound,
  computeResults,
  decideCandidate,
  declareConflict,
  type ScoreInput,
  submitScoreSheet,
} from "./scoring.js";
import "./evaluation.policy.js";

const EXPERT = { zh: "专家", en: "expert" };
const ROUND = { zh: "评审批次", en: "evaluation round" };
const ASSIGNMENT = { zh: "评审任务", en: "assignment" };

type Relations = NonNullable<Static<typeof OwnExpertBody>["relations"]>;

function checkRelations(relations: Relations, errors: FieldError[]) {
  relations.forEach((r, i) => {
    const target = r.kind === "former_employer" ? r.orgId : (r.talentId ?? r.orgId);
    if (!target) {
      errors.push({
        path: `/relations/${i}`,
        message: {
          zh: r.kind === "former_employer" ? "原工作单位须填写单位" : "关联关系须指明人才或单位",
          en:
            r.kind === "former_employer"
              ? "A former employer needs orgId"
              : "A relation needs talentId or orgId",
        },
      });
    }
    if (r.from && r.to && r.from > r.to) {
      errors.push({
        path: `/relations/${i}/to`,
        message: { zh: "结束日期早于开始日期", en: "to is before from" },
      });
    }
  });
}

const normaliseRelations = (relations: Relations) =>
  relations.map((r) => ({
    kind: r.kind,
    talentId: r.talentId ?? null,
    orgId: r.orgId ?? null,
    from: r.from ?? null,
    to: r.to ?? null,
  }));

export function makeEvaluationService(
  deps: Deps,
  writeAudit: AuditWriter,
  ports: { publicity: PublicityPort },
) {
  const db = () => deps.database.db;
  const ctx: EvaluationContext = { deps, writeAudit };
  const withPublicity = { ...ctx, publicity: ports.publicity };

  async function owners() {
    return { ownerOrgIds: await ownerOrgIds(db()) };
  }

  async function requireStaff(
    op: Op,
    action: "evaluation.readPool" | "evaluation.managePool" | "evaluation.manageRounds",
  ) {
    const s = await owners();
    if (!can(op.actor, action, s)) throw forbidden();
    return s.ownerOrgIds;
  }

  async function audit(
    op: Op,
    action: string,
    objectType: string,
    objectId: string,
    detail: Record<string, unknown> = {},
    result?: "denied",
  ) {
    await inTransaction(deps, (trx) =>
      writeAudit(trx, op, { action, objectType, objectId, detail, ...(result ? { result } : {}) }),
    );
  }

  /** A round the actor runs; another owner's round is "not found" (and the probe audited). */
  async function manageable(op: Op, id: string): Promise<RoundRow> {
    await requireStaff(op, "evaluation.manageRounds");
    const round = await findRound(db(), id);
    if (!round || !can(op.actor, "evaluation.manageRounds", { ownerOrgId: round.owner_org_id })) {
      if (round) await audit(op, "evaluation.denied", "evaluation_round", id, {}, "denied");
      throw notFound(ROUND);
    }
    return round;
  }

  async function detail(round: RoundRow): Promise<RoundDetail> {
    const [candidates, seats, avoided] = await Promise.all([
      candidatesOf(db(), round.id),
      seatsOf(db(), round.id),
      avoidedOf(db(), round.id),
    ]);
    return toRoundDetail(round, {
      candidates: candidates.map((c) => ({
        id: c.id,
        talentId: c.talent_id,
        name: maskedCandidateName(c.name),
        applicationId: c.application_id,
        decision: c.decision,
      })),
      panel: seats.map((s) => ({
        assignmentId: s.id,
        candidateId: s.candidate_id,
        expertId: s.expert_id,
        expertName: s.expert_name,
        seat: s.seat,
        source: s.source,
        status: s.status,
        submitted: s.submitted_at !== null,
      })),
      avoided: avoided.map((v) => ({
        candidateId: v.candidate_id,
        expertId: v.expert_id,
        expertName: v.expert_name,
        reason: v.reason as RoundDetail["avoided"][number]["reason"],
      })),
    });
  }

  async function expertInput(body: Static<typeof ExpertBody>, selfId: string | null) {
    const errors: FieldError[] = [];
    body.disciplines.forEach((d, i) => {
      if (!DISCIPLINE_CODES.has(d)) {
        errors.push({
          path: `/disciplines/${i}`,
          message: { zh: `未知学科代码${d}`, en: `Unknown discipline ${d}` },
        });
      }
    });
    if (body.employerId && !(await employerExists(db(), body.employerId))) {
      errors.push({
        path: "/employerId",
        message: { zh: "工作单位不在登记库中", en: "No such employer in the registry" },
      });
    }
    checkRelations(body.relations ?? [], errors);
    if (body.userId) {
      if (!(await isExpertAccount(db(), body.userId))) {
        errors.push({
          path: "/userId",
          message: { zh: "该账号不存在或不是评审专家", en: "No such account with the expert role" },
        });
      } else {
        const holder = await findExpertByUser(db(), body.userId);
        if (holder && holder.id !== selfId) {
          throw conflict("EVALUATION_ACCOUNT_LINKED", {
            zh: `该账号已关联专家${holder.name}`,
            en: "The account is already linked to another expert",
          });
        }
      }
    }
    if (errors.length > 0) throw invalidFields("EVALUATION_EXPERT_INVALID", errors);
    return {
      name: body.name.trim(),
      title: body.title.trim(),
      employer_id: body.employerId ?? null,
      region_code: body.regionCode ?? null,
      status: body.status ?? "active",
      disciplines: JSON.stringify([...new Set(body.disciplines)].sort()),
      relations: JSON.stringify(normaliseRelations(body.relations ?? [])),
      user_id: body.userId ?? null,
    };
  }

  async function ownAssignment(op: Op, id: string) {
    const a = await findAssignment(db(), id);
    const sealed = a !== undefined && a.round_status === "drawn";
    if (
      !a ||
      sealed ||
      a.status === "conflict" ||
      !can(op.actor, "evaluation.score", { expertUserId: a.expert_user_id })
    ) {
      if (a) await audit(op, "evaluation.denied", "evaluation_assignment", id, {}, "denied");
      throw notFound(ASSIGNMENT);
    }
    return a;
  }

  return {
    /** Whether the actor runs rounds (the talent office, or staff of an organisation in evaluation_owners). */
    async runsRounds(actor: Op["actor"]): Promise<boolean> {
      if (!can(actor, "evaluation.manageRounds")) return false;
      return can(actor, "evaluation.manageRounds", await owners());
    },

    disciplines: () => ({ items: DISCIPLINES.map((d) => ({ code: d.code, name: d.name })) }),

    async listExperts(op: Op, q: { discipline?: string; status?: string; cursor?: string; limit?: number }) {
      await requireStaff(op, "evaluation.readPool");
      const limit = q.limit ?? 50;
      const rows = await listExperts(db(), { ...q, after: decodeCursor<string>(q.cursor, "string"), limit });
      const page = pageOf(rows, limit, (r) => r.id);
      return { items: page.items.map(toExpert), nextCursor: page.nextCursor };
    },

    async getExpert(op: Op, id: string) {
      await requireStaff(op, "evaluation.readPool");
      const row = await findExpert(db(), id);
      if (!row) throw notFound(EXPERT);
      return toExpert(row);
    },

    async createExpert(op: Op, body: Static<typeof ExpertBody>) {
      await requireStaff(op, "evaluation.managePool");
      const values = await expertInput(body, null);
      const now = deps.clock.now().toISOString();
      const id = newId(deps.clock.now().getTime());
      await inTransaction(deps, async (trx) => {
        await insertExperts(trx, [{ id, ...values, created_at: now, updated_at: now }]);
        await writeAudit(trx, op, {
          action: "evaluation.expert.created",
          objectType: "expert",
          objectId: id,
          detail: { name: values.name },
        });
      });
      return toExpert((await findExpert(db(), id))!);
    },

    async updateExpert(op: Op, id: string, body: Static<typeof ExpertBody>) {
      await requireStaff(op, "evaluation.managePool");
      if (!(await findExpert(db(), id))) throw notFound(EXPERT);
      const values = await expertInput(body, id);
      await inTransaction(deps, async (trx) => {
        await updateExpert(trx, id, { ...values, updated_at: deps.clock.now().toISOString() });
        await writeAudit(trx, op, {
          action: "evaluation.expert.updated",
          objectType: "expert",
          objectId: id,
          detail: { status: values.status },
        });
      });
      return toExpert((await findExpert(db(), id))!);
    },

    async myProfile(op: Op) {
      const row = await findExpertByUser(db(), op.actor.userId);
      if (!row) throw notFound(EXPERT);
      return toExpert(row);
    },

    /** The expert's own title and relations, applied at once and audited (no approval step yet). */
    async updateMyProfile(op: Op, body: Static<typeof OwnExpertBody>) {
      const row = await findExpertByUser(db(), op.actor.userId);
      if (!row) throw notFound(EXPERT);
      const errors: FieldError[] = [];
      checkRelations(body.relations ?? [], errors);
      if (errors.length > 0) throw invalidFields("EVALUATION_EXPERT_INVALID", errors);
      await inTransaction(deps, async (trx) => {
        await updateExpert(trx, row.id, {
          ...(body.title !== undefined ? { title: body.title.trim() } : {}),
          ...(body.relations !== undefined
            ? { relations: JSON.stringify(normaliseRelations(body.relations)) }
            : {}),
          updated_at: deps.clock.now().toISOString(),
        });
        await writeAudit(trx, op, {
          action: "evaluation.expert.self_updated",
          objectType: "expert",
          objectId: row.id,
          detail: { title: body.title ?? null, relations: body.relations?.length ?? null },
        });
      });
      return toExpert((await findExpertByUser(db(), op.actor.userId))!);
    },

    async listRounds(op: Op) {
      const ownerIds = await requireStaff(op, "evaluation.manageRounds");
      const scope = op.actor.roles.some((g) => g.role === "talent_office")
        ? undefined
        : op.actor.roles.filter((g) => ownerIds.includes(g.orgId)).map((g) => g.orgId);
      const rows = await listRounds(db(), scope);
      return { items: rows.map((r) => toRoundSummary(r, Number(r.candidate_count ?? 0))) };
    },

    async createRound(op: Op, body: Static<typeof CreateRoundBody>) {
      const ownerIds = await requireStaff(op, "evaluation.manageRounds");
      const errors: FieldError[] = [];
      if (!ownerIds.includes(body.ownerOrgId)) {
        errors.push({
          path: "/ownerOrgId",
          message: { zh: "该单位无评审组织权限", en: "This organisation does not run evaluation rounds" },
        });
      } else if (!can(op.actor, "evaluation.manageRounds", { ownerOrgId: body.ownerOrgId })) {
        throw forbidden();
      }
      body.disciplines.forEach((d, i) => {
        if (!DISCIPLINE_CODES.has(d))
          errors.push({
            path: `/disciplines/${i}`,
            message: { zh: `未知学科代码${d}`, en: `Unknown discipline ${d}` },
          });
      });
      const weights = body.scoreSheet.reduce((s, c) => s + c.weight, 0);
      if (weights !== 100)
        errors.push({
          path: "/scoreSheet",
          message: {
            zh: `评分项权重合计须为100（现为${weights}）`,
            en: `Weights must add up to 100 (now ${weights})`,
          },
        });
      if (new Set(body.scoreSheet.map((c) => c.key)).size !== body.scoreSheet.length) {
        errors.push({
          path: "/scoreSheet",
          message: { zh: "评分项代码重复", en: "Duplicate criterion keys" },
        });
      }
      if (body.kind === "honour" && !body.quota)
        errors.push({
          path: "/quota",
          message: { zh: "表彰评选须设名额", en: "An honour round needs a quota" },
        });
      const talentIds = [...new Set(body.candidates.map((c) => c.talentId))];
      if (talentIds.length !== body.candidates.length)
        errors.push({ path: "/candidates", message: { zh: "候选人重复", en: "Duplicate candidates" } });
      const found = new Set(await talentsExist(db(), talentIds));
      body.candidates.forEach((c, i) => {
        if (!found.has(c.talentId))
          errors.push({
            path: `/candidates/${i}/talentId`,
            message: { zh: "人才不在登记库中", en: "No such talent" },
          });
      });
      if (errors.length > 0) throw invalidFields("EVALUATION_ROUND_INVALID", errors);
      const at = deps.clock.now();
      const now = at.toISOString();
      const id = newId(at.getTime());
      await inTransaction(deps, async (trx) => {
        await insertRound(trx, {
          id,
          owner_org_id: body.ownerOrgId,
          name: body.name.trim(),
          kind: body.kind,
          status: "draft",
          disciplines: JSON.stringify([...new Set(body.disciplines)].sort()),
          panel_size: body.panelSize,
          reserve_size: body.reserveSize ?? 3,
          score_sheet: JSON.stringify(body.scoreSheet),
          decision_rule: JSON.stringify(body.decisionRule),
          quota: body.quota ?? null,
          avoid_days: body.avoidDays ?? 365,
          outcome: body.outcome ? JSON.stringify(body.outcome) : null,
          publicity_id: null,
          commitment: null,
          seed_hex: null,
          snapshot: null,
          snapshot_hash: null,
          draw_result: null,
          opened_at: null,
          drawn_at: null,
          review_started_at: null,
          closed_at: null,
          created_by: op.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await insertCandidates(
          trx,
          body.candidates.map((c, position) => ({
            id: newId(at.getTime()),
            round_id: id,
            talent_id: c.talentId,
            application_id: c.applicationId ?? null,
            position,
            decision: null,
            result: null,
          })),
        );
        await writeAudit(trx, op, {
          action: "evaluation.round.created",
          objectType: "evaluation_round",
          objectId: id,
          detail: { kind: body.kind, candidates: body.candidates.length },
        });
      });
      return detail((await findRound(db(), id))!);
    },

    async getRound(op: Op, id: string) {
      const round = await manageable(op, id);
      await audit(op, "evaluation.round.read", "evaluation_round", id);
      return detail(round);
    },

    async open(op: Op, id: string) {
      await openRound(ctx, op, await manageable(op, id));
      return detail((await findRound(db(), id))!);
    },

    async draw(op: Op, id: string) {
      await drawRound(ctx, op, await manageable(op, id));
      return detail((await findRound(db(), id))!);
    },

    async startReview(op: Op, id: string) {
      const round = await manageable(op, id);
      const now = deps.clock.now().toISOString();
      await inTransaction(deps, async (trx) => {
        if (
          !(await advanceRound(trx, id, "drawn", {
            status: "reviewing",
            review_started_at: now,
            updated_at: now,
          }))
        ) {
          throw new AppError("conflict", "EVALUATION_ROUND_STATUS", {
            zh: `评审批次当前状态为“${STATUS_ZH[round.status] ?? "未知"}”，只有已抽取的批次可以开始评审`,
            en: `The round is ${round.status}; only a drawn round can start its review`,
          });
        }
        await writeAudit(trx, op, {
          action: "evaluation.round.review_started",
          objectType: "evaluation_round",
          objectId: id,
        });
      });
      return detail((await findRound(db(), id))!);
    },

    async close(op: Op, id: string) {
      await closeRound(ctx, op, await manageable(op, id));
      return computeResults(ctx, (await findRound(db(), id))!);
    },

    async publicise(op: Op, id: string, days: number) {
      await publiciseRound(withPublicity, op, await manageable(op, id), days);
      return detail((await findRound(db(), id))!);
    },

    async decide(
      op: Op,
      id: string,
      candidateId: string,
      input: { decision: "pass" | "fail"; reason: string },
    ) {
      await decideCandidate(ctx, op, await manageable(op, id), candidateId, input);
      return computeResults(ctx, (await findRound(db(), id))!);
    },

    async land(op: Op, id: string) {
      return landOutcomes(withPublicity, op, await manageable(op, id));
    },

    async results(op: Op, id: string) {
      const round = await manageable(op, id);
      await audit(op, "evaluation.results.read", "evaluation_round", id);
      return computeResults(ctx, round);
    },

    async verify(op: Op, id: string) {
      return verifyRecord(await manageable(op, id));
    },

    // The demo seed's steps, audited as the platform itself (demo experts have no accounts).
    async openAndDrawAsSystem(id: string) {
      await openRound(ctx, SYSTEM, (await findRound(db(), id))!);
      await drawRound(ctx, SYSTEM, (await findRound(db(), id))!);
    },
    async startReviewAsSystem(id: string) {
      const now = deps.clock.now().toISOString();
      await inTransaction(deps, async (trx) => {
        await advanceRound(trx, id, "drawn", {
          status: "reviewing",
          review_started_at: now,
          updated_at: now,
        });
        await writeAudit(trx, SYSTEM, {
          action: "evaluation.round.review_started",
          objectType: "evaluation_round",
          objectId: id,
        });
      });
    },
    async scoreAsSystem(assignmentId: string, input: ScoreInput) {
      await submitScoreSheet(ctx, SYSTEM, (await findAssignment(db(), assignmentId))!, input);
    },
    async closeAsSystem(id: string) {
      await closeRound(ctx, SYSTEM, (await findRound(db(), id))!);
    },
    async publiciseAsSystem(id: string, days: number) {
      await publiciseRound(withPublicity, SYSTEM, (await findRound(db(), id))!, days);
    },

    /** The CLI's verification: no actor, the round's record only. */
    async verifyById(id: string) {
      const round = await findRound(db(), id);
      if (!round) throw notFound(ROUND);
      return verifyRecord(round);
    },

    async myAssignments(op: Op) {
      const rows = await assignmentsOfUser(db(), op.actor.userId);
      const items = [];
      for (const a of rows) items.push(toAssignment(a, await titlesOf(db(), a.talent_id)));
      return { items };
    },

    async getAssignment(op: Op, id: string) {
      const a = await ownAssignment(op, id);
      await audit(op, "evaluation.assignment.read", "evaluation_assignment", id, { talentId: a.talent_id });
      return toAssignment(a, await titlesOf(db(), a.talent_id));
    },

    async score(op: Op, id: string, input: ScoreInput) {
      await submitScoreSheet(ctx, op, await ownAssignment(op, id), input);
      const a = (await findAssignment(db(), id))!;
      return toAssignment(a, await titlesOf(db(), a.talent_id));
    },

    async declareConflict(op: Op, id: string, reason: string) {
      const a = await ownAssignment(op, id);
      const round = (await findRound(db(), a.round_id))!;
      return { replacedBy: await declareConflict(ctx, op, a, round, reason) };
    },
  };
}
export type EvaluationService = ReturnType<typeof makeEvaluationService>;
