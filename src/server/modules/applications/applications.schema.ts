import { type Static, Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";
import { ITEM_KINDS } from "../catalogue/catalogue.schema.js";

export const STATUSES = [
  "draft",
  "in_review",
  "returned",
  "withdrawn",
  "approved",
  "rejected",
  "filed",
  "revoked",
] as const;
export type ApplicationStatus = (typeof STATUSES)[number];
const LIGHTS = ["green", "yellow", "red"] as const;
const strict = { additionalProperties: false } as const;

const Ref = Type.Object({ id: Type.String(), name: Type.String() });

export const StepView = Type.Object({
  index: Type.Integer(),
  key: Type.String(),
  name: Type.String(),
  kind: StringEnum(["review", "countersign", "publicity"] as const),
  role: StringEnum(["officer", "leader"] as const),
  orgs: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      signedAt: Nullable(Type.String()),
      signedBy: Nullable(Ref),
    }),
  ),
  days: Type.Integer(),
  state: StringEnum(["pending", "active", "done", "skipped"] as const),
  startedAt: Nullable(Type.String()),
  promisedDate: Nullable(Type.String()),
  completedAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  publicity: Type.Optional(
    Nullable(
      Type.Object({
        id: Type.String(),
        endsAt: Type.String(),
        openObjections: Type.Integer(),
        passed: Type.Boolean(),
      }),
    ),
  ),
});
export type StepView = Static<typeof StepView>;

export const HistoryEvent = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  type: Type.String(),
  actor: Nullable(Type.Object({ id: Type.String(), name: Type.String(), orgName: Nullable(Type.String()) })),
  stepIndex: Nullable(Type.Integer()),
  stepName: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  corrections: Nullable(Type.Array(Type.String())),
  reason: Nullable(Type.String()),
  /** `overdue` events: the step's deadline (China date) that passed. */
  deadline: Type.Optional(Nullable(Type.String())),
});
export type HistoryEvent = Static<typeof HistoryEvent>;

export const ALLOWED = ["edit", "submit", "withdraw", "approve", "return", "reject", "revoke"] as const;

export const Application = Type.Object(
  {
    id: Type.String(),
    number: Type.String(),
    item: Type.Object({
      code: Type.String(),
      name: Type.String(),
      kind: StringEnum(ITEM_KINDS),
      version: Type.Integer(),
      versionId: Type.String(),
    }),
    applicant: Type.Object({
      id: Type.String(),
      name: Type.String(),
      orgName: Nullable(Type.String()),
      kind: StringEnum(["talent", "employer"] as const),
    }),
    beneficiaryName: Nullable(Type.String()),
    status: StringEnum(STATUSES),
    /** Personal-data fields (personalFields) hold their masked value here; the full value only
     * through POST /api/applications/:id/reveal. */
    form: Type.Record(Type.String(), Type.Unknown()),
    /** Fields whose value is the registry's: "talent" (来自人才档案) or "employer" (来自单位档案). */
    sources: Type.Record(Type.String(), StringEnum(["talent", "employer"] as const)),
    personalFields: Type.Array(
      Type.Object({ name: Type.String(), kind: StringEnum(["idCard", "phone", "bankAccount"] as const) }),
    ),
    materials: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        required: Type.Boolean(),
        types: Type.Array(Type.String()),
        files: Type.Array(
          Type.Object({
            id: Type.String(),
            filename: Type.String(),
            mime: Type.String(),
            size: Type.Integer(),
          }),
        ),
      }),
    ),
    eligibility: Nullable(StringEnum(["pass", "fail", "unknown"] as const)),
    currentStep: Nullable(StepView),
    steps: Type.Array(StepView),
    deadline: Nullable(Type.String()),
    overdue: Type.Boolean(),
    light: Nullable(StringEnum(LIGHTS)),
    corrections: Nullable(Type.Array(Type.String())),
    history: Type.Array(HistoryEvent),
    allowedActions: Type.Array(StringEnum(ALLOWED)),
    createdAt: Type.String(),
    submittedAt: Nullable(Type.String()),
    decidedAt: Nullable(Type.String()),
    updatedAt: Type.String(),
  },
  { $id: "Application" },
);
export type Application = Static<typeof Application>;

export const ApplicationSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  item: Type.Object({ code: Type.String(), name: Type.String(), kind: StringEnum(ITEM_KINDS) }),
  applicant: Ref,
  status: StringEnum(STATUSES),
  currentStep: Nullable(
    Type.Object({ index: Type.Integer(), name: Type.String(), orgNames: Type.Array(Type.String()) }),
  ),
  stepDeadline: Nullable(Type.String()),
  light: Nullable(StringEnum(LIGHTS)),
  submittedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
});
export type ApplicationSummary = Static<typeof ApplicationSummary>;

export const CreateApplicationBody = Type.Object(
  {
    itemCode: Type.String({ minLength: 1, maxLength: 40 }),
    beneficiaryName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  },
  strict,
);
export const UpdateApplicationBody = Type.Object(
  {
    form: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    materials: Type.Optional(
      Type.Array(
        Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 40 }),
            fileIds: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10 }),
          },
          strict,
        ),
        { maxItems: 20 },
      ),
    ),
  },
  strict,
);
export type UpdateApplicationBody = Static<typeof UpdateApplicationBody>;
export const WithdrawBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, strict);
export const DecisionBody = Type.Object(
  {
    action: StringEnum(["approve", "return", "reject", "revoke"] as const),
    stepIndex: Type.Integer({ minimum: 0, maximum: 20 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
    corrections: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  strict,
);
export type DecisionBody = Static<typeof DecisionBody>;
export const RevealFormBody = Type.Object(
  {
    fields: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
    }),
    reason: Type.String({
      minLength: 2,
      maxLength: 500,
      description: "why the full value is needed (audited)",
    }),
  },
  strict,
);
export type RevealFormBody = Static<typeof RevealFormBody>;
export const RevealedForm = Type.Object({
  values: Type.Record(Type.String(), Nullable(Type.String())),
});
export type RevealedForm = Static<typeof RevealedForm>;
export const ApplicationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, strict);
export const MineQuery = Type.Object({ status: Type.Optional(StringEnum(STATUSES)), ...PageQuery }, strict);
export type MineQuery = Static<typeof MineQuery>;
export const WorkbenchQuery = Type.Object(
  {
    itemCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    light: Type.Optional(StringEnum(LIGHTS)),
    /** Only cases whose current step is past its deadline (the same as light=red). */
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    ...PageQuery,
  },
  strict,
);
export type WorkbenchQuery = Static<typeof WorkbenchQuery>;
/** The talent office's view across every department: cases whose current step is past its deadline
 * (overdue) or due today, by application id. */
export const OverviewQuery = Type.Object(
  { due: StringEnum(["overdue", "today"] as const), ...PageQuery },
  strict,
);
export type OverviewQuery = Static<typeof OverviewQuery>;
