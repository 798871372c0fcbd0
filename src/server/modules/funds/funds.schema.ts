import { type Static, Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";

// Money is integer 分 everywhere (`amount`, balances, totals).

const Id = Type.String({ minLength: 1, maxLength: 40 });
const Fen = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 });
const Ref = Type.Object({ id: Type.String(), name: Type.String() });

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const Balances = Type.Object({
  allocated: Type.Integer(),
  available: Type.Integer(),
  reserved: Type.Integer(),
  payable: Type.Integer(),
  paid: Type.Integer(),
  returned: Type.Integer(),
});

export const FundView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  description: Type.String(),
  owner: Ref,
  finance: Ref,
  totals: Balances,
  abilities: Type.Object({ manage: Type.Boolean(), allocate: Type.Boolean(), pay: Type.Boolean() }),
});
export type FundView = Static<typeof FundView>;

export const CreateFundBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 40, pattern: "^[A-Za-z0-9_-]+$" }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    financeOrgId: Id,
  },
  { additionalProperties: false },
);
export type CreateFundBody = Static<typeof CreateFundBody>;

export const STAGE_CONDITIONS = ["on_creation", "application_approved", "manual"] as const;
export type StageCondition = (typeof STAGE_CONDITIONS)[number];

/** How an approved application's amount is split into stages, in percent (summing to 100). */
export const StagePlan = Type.Array(
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 100 }),
      percent: Type.Integer({ minimum: 1, maximum: 100 }),
      condition: StringEnum(STAGE_CONDITIONS),
      conditionRef: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: 10 },
);
export type StagePlan = Static<typeof StagePlan>;

export const BudgetLineView = Type.Object({
  id: Type.String(),
  fundId: Type.String(),
  year: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  measure: Nullable(Type.Object({ id: Type.String(), label: Nullable(Type.String()), title: Type.String() })),
  itemCode: Nullable(Type.String()),
  stagePlan: Nullable(StagePlan),
  balances: Balances,
});
export type BudgetLineView = Static<typeof BudgetLineView>;

export const CreateBudgetLineBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    code: Type.String({ minLength: 1, maxLength: 40, pattern: "^[A-Za-z0-9_.-]+$" }),
    name: Type.String({ minLength: 2, maxLength: 200 }),
    measureId: Type.Optional(Nullable(Id)),
    /** The measure's label, e.g. "(七)", when the policy is not imported yet (linked later by label). */
    measureLabel: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20 }))),
    itemCode: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 80 }))),
    stagePlan: Type.Optional(Nullable(StagePlan)),
  },
  { additionalProperties: false },
);
export type CreateBudgetLineBody = Static<typeof CreateBudgetLineBody>;

export const AmountBody = Type.Object(
  { amount: Fen, memo: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type AmountBody = Static<typeof AmountBody>;

export const MovementResult = Type.Object({
  journalId: Type.String(),
  budgetLineId: Type.String(),
  balances: Balances,
});
export type MovementResult = Static<typeof MovementResult>;

export const StageView = Type.Object({
  id: Type.String(),
  no: Type.Integer(),
  name: Type.String(),
  amount: Type.Integer(),
  condition: StringEnum(STAGE_CONDITIONS),
  conditionRef: Nullable(Type.String()),
  status: StringEnum(["pending", "payable", "in_batch", "paid", "returned", "cancelled"] as const),
  metAt: Nullable(Type.String()),
  paidAt: Nullable(Type.String()),
});
export type StageView = Static<typeof StageView>;

export const ENTITLEMENT_STATUSES = [
  "reserved",
  "payable",
  "paying",
  "paid",
  "returned",
  "cancelled",
] as const;
export const SOURCE_KINDS = ["application", "grant", "subsidy", "manual"] as const;

export const EntitlementView = Type.Object({
  id: Type.String(),
  budgetLine: Type.Object({
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    year: Type.Integer(),
  }),
  fund: Type.Object({ id: Type.String(), name: Type.String() }),
  talent: Ref,
  employer: Nullable(Ref),
  sourceKind: StringEnum(SOURCE_KINDS),
  sourceId: Type.String(),
  title: Type.String(),
  amount: Type.Integer(),
  paid: Type.Integer(),
  status: StringEnum(ENTITLEMENT_STATUSES),
  payee: Type.Object({
    name: Type.String(),
    bank: Type.String(),
    /** Masked: only the last four digits show. */
    account: Type.String(),
  }),
  stages: Type.Array(StageView),
  createdAt: Type.String(),
  abilities: Type.Object({ manage: Type.Boolean() }),
});
export type EntitlementView = Static<typeof EntitlementView>;

export const PayeeInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    bank: Type.String({ minLength: 2, maxLength: 100 }),
    account: Type.String({ minLength: 12, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type PayeeInput = Static<typeof PayeeInput>;

export const StageInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    amount: Fen,
    condition: StringEnum(STAGE_CONDITIONS),
    conditionRef: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
  },
  { additionalProperties: false },
);
export type StageInput = Static<typeof StageInput>;

export const CreateEntitlementBody = Type.Object(
  {
    budgetLineId: Id,
    talentUserId: Id,
    employerOrgId: Type.Optional(Nullable(Id)),
    title: Type.String({ minLength: 2, maxLength: 200 }),
    /** Where it comes from: an application id, a grant agreement number …; unique per kind. */
    sourceKind: Type.Optional(StringEnum(["grant", "manual"] as const)),
    sourceId: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    /** One stage payable at once when omitted (with `amount`). */
    amount: Type.Optional(Fen),
    stages: Type.Optional(Type.Array(StageInput, { minItems: 1, maxItems: 10 })),
    payee: Type.Optional(PayeeInput),
  },
  { additionalProperties: false },
);
export type CreateEntitlementBody = Static<typeof CreateEntitlementBody>;

export const StageMetBody = Type.Object(
  {
    sourceId: Type.Optional(Type.String({ maxLength: 80 })),
    memo: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** Money paid on a stage came back from the payee (追回): the whole stage, with the reason. */
export const StageReturnBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type StageReturnBody = Static<typeof StageReturnBody>;

export const StageReturnResult = Type.Object({
  stageId: Type.String(),
  entitlementId: Type.String(),
  status: Type.String(),
  returned: Type.Integer(),
  returnJournalId: Type.String(),
  reuseJournalId: Type.String(),
  budgetLineId: Type.String(),
  balances: Balances,
});
export type StageReturnResult = Static<typeof StageReturnResult>;

export const ListEntitlementsQuery = Type.Object(
  {
    ...PageQuery,
    fundId: Type.Optional(Id),
    budgetLineId: Type.Optional(Id),
    measureId: Type.Optional(Id),
    status: Type.Optional(StringEnum(ENTITLEMENT_STATUSES)),
    payableOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ListEntitlementsQuery = Static<typeof ListEntitlementsQuery>;

export const JournalView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  amount: Type.Integer(),
  memo: Type.String(),
  entitlementId: Nullable(Type.String()),
  stageId: Nullable(Type.String()),
  batchId: Nullable(Type.String()),
  reversesId: Nullable(Type.String()),
  reversedBy: Nullable(Type.String()),
  createdAt: Type.String(),
  createdBy: Nullable(Ref),
  postings: Type.Array(Type.Object({ account: Type.String(), amount: Type.Integer() })),
});
export type JournalView = Static<typeof JournalView>;

export const BATCH_STATUSES = ["draft", "approved", "exported", "closed", "cancelled"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** What a batch's status and the steps on it are called, in both languages (the web's funds.batch.* labels). */
export const BATCH_STATUS_LABELS: Record<BatchStatus, { zh: string; en: string }> = {
  draft: { zh: "待审批", en: "awaiting approval" },
  approved: { zh: "已审批", en: "approved" },
  exported: { zh: "已导出", en: "exported" },
  closed: { zh: "已完成", en: "done" },
  cancelled: { zh: "已撤销", en: "withdrawn" },
};

export const BATCH_STEPS = {
  approve: { zh: "审批", en: "approve it" },
  approveAgain: { zh: "重复审批", en: "approve it again" },
  export: { zh: "导出支付文件", en: "export its bank file" },
  record: { zh: "登记支付结果", en: "record payment results" },
  cancel: { zh: "撤销", en: "withdraw it" },
} as const;
export type BatchStep = keyof typeof BATCH_STEPS;

/** The refusal of a step the batch's status does not allow, fully in each language. */
export function batchStateMessage(status: BatchStatus, step: BatchStep): { zh: string; en: string } {
  const label = BATCH_STATUS_LABELS[status];
  const wanted = BATCH_STEPS[step];
  return {
    zh: `批次当前状态为「${label.zh}」，不能${wanted.zh}`,
    en: `The batch is ${label.en}; you cannot ${wanted.en}`,
  };
}

export const BatchLineView = Type.Object({
  id: Type.String(),
  stageId: Type.String(),
  entitlementId: Type.String(),
  title: Type.String(),
  talent: Ref,
  amount: Type.Integer(),
  payeeName: Type.String(),
  payeeBank: Type.String(),
  /** Masked on screen; the full number is only in the exported bank file. */
  payeeAccount: Type.String(),
  status: StringEnum(["pending", "paid", "failed"] as const),
  failureReason: Nullable(Type.String()),
});

export const BatchView = Type.Object({
  id: Type.String(),
  fund: Type.Object({ id: Type.String(), name: Type.String() }),
  title: Type.String(),
  status: StringEnum(BATCH_STATUSES),
  total: Type.Integer(),
  lineCount: Type.Integer(),
  approvalsRequired: Type.Integer(),
  createdAt: Type.String(),
  createdBy: Ref,
  approvals: Type.Array(Type.Object({ by: Ref, at: Type.String() })),
  exportedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  lines: Type.Optional(Type.Array(BatchLineView)),
  abilities: Type.Object({
    approve: Type.Boolean(),
    export: Type.Boolean(),
    record: Type.Boolean(),
    cancel: Type.Boolean(),
  }),
});
export type BatchView = Static<typeof BatchView>;

export const CreateBatchBody = Type.Object(
  {
    fundId: Id,
    title: Type.String({ minLength: 2, maxLength: 200 }),
    /** The payable stages to pay; all payable stages of the fund (with a payee account) when omitted. */
    stageIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 2000 })),
  },
  { additionalProperties: false },
);
export type CreateBatchBody = Static<typeof CreateBatchBody>;

export const BatchResultsBody = Type.Object(
  {
    lines: Type.Array(
      Type.Object(
        {
          lineId: Id,
          result: StringEnum(["paid", "failed"] as const),
          reason: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 2000 },
    ),
  },
  { additionalProperties: false },
);
export type BatchResultsBody = Static<typeof BatchResultsBody>;

export const ListBatchesQuery = Type.Object(
  { ...PageQuery, fundId: Type.Optional(Id), status: Type.Optional(StringEnum(BATCH_STATUSES)) },
  { additionalProperties: false },
);
export type ListBatchesQuery = Static<typeof ListBatchesQuery>;

export const ExportQuery = Type.Object(
  { format: Type.Optional(StringEnum(["csv", "xlsx"] as const)) },
  { additionalProperties: false },
);

export const DashboardQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), fundId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

export const Dashboard = Type.Object({
  year: Nullable(Type.Integer()),
  funds: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      totals: Balances,
      lines: Type.Array(BudgetLineView),
    }),
  ),
  /** Clause to money: per measure, what was paid and to how many talents. */
  measures: Type.Array(
    Type.Object({
      measure: Nullable(
        Type.Object({ id: Type.String(), label: Nullable(Type.String()), title: Type.String() }),
      ),
      allocated: Type.Integer(),
      reserved: Type.Integer(),
      paid: Type.Integer(),
      talentsPaid: Type.Integer(),
    }),
  ),
});
export type Dashboard = Static<typeof Dashboard>;

export const Reconciliation = Type.Object({
  ok: Type.Boolean(),
  checkedAt: Type.String(),
  accounts: Type.Array(
    Type.Object({
      fund: Type.String(),
      budgetLine: Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }),
      account: Type.String(),
      cached: Type.Integer(),
      ledger: Type.Integer(),
      cachedPostings: Type.Integer(),
      ledgerPostings: Type.Integer(),
      ok: Type.Boolean(),
    }),
  ),
  /** Journals whose postings do not sum to zero (must be none). */
  unbalancedJournals: Type.Array(Type.String()),
  /** Budget lines breaking an invariant or disagreeing with their entitlements' stages. */
  lineProblems: Type.Array(
    Type.Object({ budgetLineId: Type.String(), problem: Type.String(), detail: Type.String() }),
  ),
});
export type Reconciliation = Static<typeof Reconciliation>;

export const ReconcileQuery = Type.Object({ fundId: Type.Optional(Id) }, { additionalProperties: false });

export const FundsSettings = Type.Object(
  {
    /** Batches with a total above this (分) need two different approvers. */
    dualApprovalAbove: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }),
  },
  { additionalProperties: false },
);
export type FundsSettings = Static<typeof FundsSettings>;
export const DEFAULT_FUNDS_SETTINGS: FundsSettings = { dualApprovalAbove: 10_000_000 };

/** A raise of the dual-approval threshold asked by finance, waiting for the talent office's co-signature. */
export const SettingsRequestView = Type.Object({
  id: Type.String(),
  status: StringEnum(["pending", "approved", "rejected", "superseded"] as const),
  from: Type.Integer(),
  to: Type.Integer(),
  requestedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Type.String(),
  decidedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  decidedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
  abilities: Type.Object({ decide: Type.Boolean() }),
});
export type SettingsRequestView = Static<typeof SettingsRequestView>;
export const DecideSettingsRequestBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type DecideSettingsRequestBody = Static<typeof DecideSettingsRequestBody>;

export const SubsidySchemeView = Type.Object({
  id: Type.String(),
  budgetLineId: Type.String(),
  name: Type.String(),
  rule: Type.Unknown(),
  capPerPerson: Type.Integer(),
  capPerYear: Type.Integer(),
  createdAt: Type.String(),
});
export type SubsidySchemeView = Static<typeof SubsidySchemeView>;

export const CreateSubsidySchemeBody = Type.Object(
  {
    budgetLineId: Id,
    name: Type.String({ minLength: 2, maxLength: 200 }),
    /** engine/rules kind "amount"; fields salaryYearly and taxYearly come from the recorded contribution. */
    rule: Type.Unknown(),
    capPerPerson: Fen,
    capPerYear: Fen,
  },
  { additionalProperties: false },
);
export type CreateSubsidySchemeBody = Static<typeof CreateSubsidySchemeBody>;

export const ContributionBody = Type.Object(
  {
    talentUserId: Id,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    salary: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }))),
    tax: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }))),
    output: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }))),
  },
  { additionalProperties: false },
);
export type ContributionBody = Static<typeof ContributionBody>;

export const GrantSubsidyBody = Type.Object(
  {
    talentUserId: Id,
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    employerOrgId: Type.Optional(Nullable(Id)),
    payee: Type.Optional(PayeeInput),
  },
  { additionalProperties: false },
);
export type GrantSubsidyBody = Static<typeof GrantSubsidyBody>;

export const SubsidyGrant = Type.Object({
  computed: Nullable(Type.Integer()),
  capped: Type.Integer(),
  explanation: Type.Unknown(),
  entitlement: EntitlementView,
});
