// Evaluation rounds (评审): the expert pool (专家库), rounds with a verifiable random draw, blind
// score sheets and results. The talent office and the departments that run rounds (e.g. 市人社局)
// manage; an expert reads and scores only the candidates assigned to them.
import { type Static, Type } from "@sinclair/typebox";
import { IdParams, Nullable, StringEnum } from "./common.js";
import { endpoint } from "./endpoint.js";

export const EXPERT_STATUSES = ["active", "suspended", "retired"] as const;
export const RELATION_KINDS = ["co_author", "relative", "former_employer"] as const;
export const ROUND_KINDS = ["title_review", "skills", "recognition_peer", "honour"] as const;
export const ROUND_STATUSES = ["draft", "open", "drawn", "reviewing", "closed", "publicised"] as const;
export const AVOID_REASONS = [
  "same_employer",
  "co_author",
  "relative",
  "former_employer",
  "recent_round",
  "declared",
] as const;

const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "yyyy-mm-dd" });

export const Relation = Type.Object(
  {
    kind: StringEnum(RELATION_KINDS),
    talentId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    orgId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    from: Type.Optional(Nullable(Day)),
    to: Type.Optional(Nullable(Day)),
  },
  { additionalProperties: false },
);

export const Expert = Type.Object(
  {
    id: Type.String(),
    userId: Nullable(Type.String()),
    name: Type.String(),
    title: Type.String(),
    employer: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
    regionCode: Nullable(Type.String()),
    status: StringEnum(EXPERT_STATUSES),
    disciplines: Type.Array(Type.String()),
    relations: Type.Array(Relation),
  },
  { $id: "Expert" },
);
export type Expert = Static<typeof Expert>;

export const ExpertBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 40 }),
    title: Type.String({ minLength: 1, maxLength: 40 }),
    employerId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    regionCode: Type.Optional(Nullable(Type.String({ pattern: "^\\d{6}$" }))),
    status: Type.Optional(StringEnum(EXPERT_STATUSES)),
    disciplines: Type.Array(Type.String({ maxLength: 10 }), { minItems: 1, maxItems: 5 }),
    relations: Type.Optional(Type.Array(Relation, { maxItems: 50 })),
    userId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

/** What an expert may change on their own profile (applied at once; the change is audited). */
export const OwnExpertBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    relations: Type.Optional(Type.Array(Relation, { maxItems: 50 })),
  },
  { additionalProperties: false },
);

export const ExpertQuery = Type.Object(
  {
    discipline: Type.Optional(Type.String({ pattern: "^[A-Z][A-Z-]{1,9}$" })),
    status: Type.Optional(StringEnum(EXPERT_STATUSES)),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const Criterion = Type.Object(
  {
    key: Type.String({ pattern: "^[a-z][a-z0-9_]{0,19}$" }),
    name: Type.String({ minLength: 1, maxLength: 20 }),
    weight: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);

export const DecisionRule = Type.Union([
  Type.Object({ kind: Type.Literal("two_thirds_yes") }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal("trimmed_mean"), threshold: Type.Number({ minimum: 0, maximum: 100 }) },
    { additionalProperties: false },
  ),
]);

export const Outcome = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 40, description: "e.g. 高级工程师, 高级技师（焊工）" }),
    level: Type.String({ minLength: 1, maxLength: 20, description: "e.g. 副高, 正高, 高级技师" }),
  },
  { additionalProperties: false },
);

export const CreateRoundBody = Type.Object(
  {
    ownerOrgId: Type.String({ maxLength: 40 }),
    name: Type.String({ minLength: 2, maxLength: 80 }),
    kind: StringEnum(ROUND_KINDS),
    disciplines: Type.Array(Type.String({ maxLength: 10 }), { minItems: 1, maxItems: 10 }),
    panelSize: Type.Integer({ minimum: 3, maximum: 25 }),
    reserveSize: Type.Optional(Type.Integer({ minimum: 0, maximum: 25 })),
    scoreSheet: Type.Array(Criterion, { minItems: 1, maxItems: 10 }),
    decisionRule: DecisionRule,
    quota: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
    avoidDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    /** What a passed candidate gets on their record: a title (title_review) or a skill grade (skills). */
    outcome: Type.Optional(Nullable(Outcome)),
    candidates: Type.Array(
      Type.Object(
        {
          talentId: Type.String({ maxLength: 40 }),
          applicationId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

export const RoundSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: StringEnum(ROUND_KINDS),
  status: StringEnum(ROUND_STATUSES),
  owner: Type.Object({ orgId: Type.String(), name: Type.String() }),
  disciplines: Type.Array(Type.String()),
  panelSize: Type.Integer(),
  candidateCount: Type.Integer(),
  commitment: Nullable(Type.String()),
  createdAt: Type.String(),
});

const CandidateView = Type.Object({
  id: Type.String(),
  talentId: Type.String(),
  /** Masked in lists: 张*三 */
  name: Type.String(),
  applicationId: Nullable(Type.String()),
  decision: Nullable(Type.String()),
});

const Seat = Type.Object({
  assignmentId: Type.String(),
  candidateId: Type.String(),
  expertId: Type.String(),
  expertName: Type.String(),
  seat: Type.Integer(),
  source: Type.String(),
  status: Type.String(),
  submitted: Type.Boolean(),
});

const AvoidedPair = Type.Object({
  candidateId: Type.String(),
  expertId: Type.String(),
  expertName: Type.String(),
  reason: StringEnum(AVOID_REASONS),
});

export const RoundDetail = Type.Object({
  ...RoundSummary.properties,
  reserveSize: Type.Integer(),
  scoreSheet: Type.Array(Criterion),
  decisionRule: DecisionRule,
  quota: Nullable(Type.Integer()),
  avoidDays: Type.Integer(),
  outcome: Nullable(Outcome),
  /** The 公示 notice once publicised (GET /api/publicity/:id). */
  publicityId: Nullable(Type.String()),
  /** Revealed by the draw; null before. */
  seed: Nullable(Type.String()),
  snapshotHash: Nullable(Type.String()),
  openedAt: Nullable(Type.String()),
  drawnAt: Nullable(Type.String()),
  candidates: Type.Array(CandidateView),
  panel: Type.Array(Seat),
  avoided: Type.Array(AvoidedPair),
});
export type RoundDetail = Static<typeof RoundDetail>;

export const VerifyAnswer = Type.Object({
  roundId: Type.String(),
  equal: Type.Boolean(),
  commitmentOk: Type.Boolean(),
  snapshotOk: Type.Boolean(),
  panelOk: Type.Boolean(),
  recomputed: Type.Array(
    Type.Object({
      candidateId: Type.String(),
      panel: Type.Array(Type.String()),
      reserves: Type.Array(Type.String()),
    }),
  ),
});
export type VerifyAnswer = Static<typeof VerifyAnswer>;

export const CandidateResult = Type.Object({
  candidateId: Type.String(),
  talentId: Type.String(),
  name: Type.String(),
  count: Type.Integer(),
  mean: Nullable(Type.Number()),
  trimmedMean: Nullable(Type.Number()),
  yes: Type.Integer(),
  no: Type.Integer(),
  rank: Type.Integer(),
  meetsRule: Type.Boolean(),
  decision: StringEnum(["pass", "fail", "tie"] as const),
  explanation: Type.Object({ zh: Type.String(), en: Type.String() }),
  /** The owner's recorded decision (a tie at the quota edge, or after an objection), when there is one. */
  override: Nullable(
    Type.Object({ decision: Type.String(), reason: Type.String(), by: Type.String(), at: Type.String() }),
  ),
});

export const RoundResults = Type.Object({
  roundId: Type.String(),
  status: StringEnum(ROUND_STATUSES),
  rule: DecisionRule,
  quota: Nullable(Type.Integer()),
  candidates: Type.Array(CandidateResult),
  severity: Type.Array(
    Type.Object({
      expertId: Type.String(),
      expertName: Type.String(),
      count: Type.Integer(),
      meanDeviation: Type.Number(),
    }),
  ),
  agreement: Type.Object({
    kendallW: Nullable(Type.Number()),
    raters: Type.Integer(),
    items: Type.Integer(),
  }),
});
export type RoundResults = Static<typeof RoundResults>;

export const Assignment = Type.Object({
  id: Type.String(),
  roundId: Type.String(),
  roundName: Type.String(),
  roundKind: StringEnum(ROUND_KINDS),
  candidate: Type.Object({
    id: Type.String(),
    talentId: Type.String(),
    name: Type.String(),
    applicationId: Nullable(Type.String()),
    titles: Type.Array(
      Type.Object({ name: Type.String(), level: Type.String(), year: Nullable(Type.Integer()) }),
    ),
  }),
  scoreSheet: Type.Array(Criterion),
  needsVote: Type.Boolean(),
  status: Type.String(),
  /** The expert's own sheet once submitted (never anyone else's). */
  mine: Nullable(
    Type.Object({
      scores: Type.Record(Type.String(), Type.Number()),
      total: Type.Number(),
      vote: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      submittedAt: Type.String(),
    }),
  ),
});
export type Assignment = Static<typeof Assignment>;

export const ScoreBody = Type.Object(
  {
    scores: Type.Record(Type.String({ maxLength: 20 }), Type.Number({ minimum: 0, maximum: 100 })),
    vote: Type.Optional(Nullable(StringEnum(["yes", "no"] as const))),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    extremeReason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  { additionalProperties: false },
);

export const ConflictBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);

const tags = ["evaluation"] as const;

export const evaluationContracts = {
  "GET /api/evaluation/disciplines": endpoint({
    permission: "evaluation.readDisciplines",
    summary: "Discipline dictionary / 学科专业",
    tags,
    response: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) }),
  }),
  "GET /api/evaluation/experts": endpoint({
    permission: "evaluation.readPool",
    summary: "The expert pool / 专家库",
    tags,
    query: ExpertQuery,
    response: Type.Object({ items: Type.Array(Expert), nextCursor: Nullable(Type.String()) }),
  }),
  "POST /api/evaluation/experts": endpoint({
    permission: "evaluation.managePool",
    summary: "Add an expert / 新增专家",
    tags,
    body: ExpertBody,
    response: Expert,
    status: 201,
  }),
  "GET /api/evaluation/experts/me": endpoint({
    permission: "evaluation.ownProfile",
    summary: "My expert profile / 我的专家信息",
    tags,
    response: Expert,
  }),
  "PATCH /api/evaluation/experts/me": endpoint({
    permission: "evaluation.ownProfile",
    summary: "Update my title and declared relations / 更新本人职称与关联关系",
    tags,
    body: OwnExpertBody,
    response: Expert,
  }),
  "GET /api/evaluation/experts/:id": endpoint({
    permission: "evaluation.readPool",
    summary: "One expert / 专家详情",
    tags,
    params: IdParams,
    response: Expert,
  }),
  "PUT /api/evaluation/experts/:id": endpoint({
    permission: "evaluation.managePool",
    summary: "Update an expert (status, disciplines, relations) / 修改专家",
    tags,
    params: IdParams,
    body: ExpertBody,
    response: Expert,
  }),
  "GET /api/evaluation/rounds": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Evaluation rounds / 评审批次",
    tags,
    response: Type.Object({ items: Type.Array(RoundSummary) }),
  }),
  "POST /api/evaluation/rounds": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Create a draft round with its candidates / 新建评审批次",
    tags,
    body: CreateRoundBody,
    response: RoundDetail,
    status: 201,
  }),
  "GET /api/evaluation/rounds/:id": endpoint({
    permission: "evaluation.manageRounds",
    summary: "A round with its panel and avoided pairs / 批次详情",
    tags,
    params: IdParams,
    response: RoundDetail,
  }),
  "POST /api/evaluation/rounds/:id/open": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Open: publish the commitment sha256(seed) / 开启并公布承诺值",
    tags,
    params: IdParams,
    response: RoundDetail,
  }),
  "POST /api/evaluation/rounds/:id/draw": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Draw: reveal the seed, freeze the pool, draw panels / 随机抽取专家",
    tags,
    params: IdParams,
    response: RoundDetail,
  }),
  "POST /api/evaluation/rounds/:id/start-review": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Open the review to the panel / 开始评审",
    tags,
    params: IdParams,
    response: RoundDetail,
  }),
  "POST /api/evaluation/rounds/:id/close": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Close when every seat has scored; compute results / 结束评审",
    tags,
    params: IdParams,
    response: RoundResults,
  }),
  "GET /api/evaluation/rounds/:id/results": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Results, reviewer severity and Kendall's W / 评审结果",
    tags,
    params: IdParams,
    response: RoundResults,
  }),
  "POST /api/evaluation/rounds/:id/publicise": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Publish the passed candidates for 公示 (at least 5 days) / 结果公示",
    tags,
    params: IdParams,
    body: Type.Object(
      { days: Type.Optional(Type.Integer({ minimum: 5, maximum: 60, default: 7 })) },
      { additionalProperties: false },
    ),
    response: RoundDetail,
  }),
  "POST /api/evaluation/rounds/:id/land": endpoint({
    permission: "evaluation.manageRounds",
    summary: "After an unobjected 公示: write titles / skill grades and issue certificates / 结果入库",
    tags,
    params: IdParams,
    response: Type.Object({ landed: Type.Integer(), certificates: Type.Array(Type.String()) }),
  }),
  "POST /api/evaluation/rounds/:id/candidates/:candidateId/decision": endpoint({
    permission: "evaluation.manageRounds",
    summary: "The owner decides one candidate (a tie, or after an objection), with a reason / 评审主体决定",
    tags,
    params: Type.Object(
      {
        id: Type.String({ minLength: 1, maxLength: 40 }),
        candidateId: Type.String({ minLength: 1, maxLength: 60 }),
      },
      { additionalProperties: false },
    ),
    body: Type.Object(
      {
        decision: StringEnum(["pass", "fail"] as const),
        reason: Type.String({ minLength: 5, maxLength: 1000 }),
      },
      { additionalProperties: false },
    ),
    response: RoundResults,
  }),
  "GET /api/evaluation/rounds/:id/verify": endpoint({
    permission: "evaluation.manageRounds",
    summary: "Re-run the draw from the public record / 验证抽取",
    tags,
    params: IdParams,
    response: VerifyAnswer,
  }),
  "GET /api/evaluation/my-assignments": endpoint({
    permission: "evaluation.score",
    summary: "My assignments / 我的评审",
    tags,
    response: Type.Object({ items: Type.Array(Assignment) }),
  }),
  "GET /api/evaluation/assignments/:id": endpoint({
    permission: "evaluation.score",
    summary: "One assigned candidate / 评审对象",
    tags,
    params: IdParams,
    response: Assignment,
  }),
  "POST /api/evaluation/assignments/:id/score": endpoint({
    permission: "evaluation.score",
    summary: "Submit my score sheet (locked once submitted) / 提交评分",
    tags,
    params: IdParams,
    body: ScoreBody,
    response: Assignment,
  }),
  "POST /api/evaluation/assignments/:id/conflict": endpoint({
    permission: "evaluation.score",
    summary: "Declare a conflict; the seat is re-drawn from the reserve / 申请回避",
    tags,
    params: IdParams,
    body: ConflictBody,
    response: Type.Object({ replacedBy: Nullable(Type.String()) }),
  }),
};
