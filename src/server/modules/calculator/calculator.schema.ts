import { Type } from "@sinclair/typebox";
import { Nullable, StringEnum } from "../../lib/schema.js";

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
const Citation = Type.Object({
  doc: Type.String(),
  measure: Type.Optional(Type.Integer()),
  article: Type.Optional(Type.String()),
});
const Verdict = StringEnum(["pass", "fail", "unknown"] as const);
const Expected = Type.Object({ op: Type.String(), value: Type.Optional(Type.Unknown()) });

export const ConditionView = Type.Object({
  path: Type.String(),
  label: Bilingual,
  citation: Type.Optional(Citation),
  result: Verdict,
  actual: Type.Unknown(),
  expected: Expected,
});

export const MissingView = Type.Object({
  path: Type.String(),
  label: Bilingual,
  citation: Type.Optional(Citation),
  result: Verdict,
  needed: StringEnum(["pass", "fail"] as const),
  actual: Type.Unknown(),
  expected: Expected,
});

export const OutcomeView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  version: Type.Integer(),
  versionId: Type.String(),
  ownerOrg: Type.Object({ id: Type.String(), name: Type.String() }),
  applicants: Type.Array(Type.String()),
  standing: StringEnum(["eligible", "nearly", "not_eligible"] as const),
  result: Verdict,
  citation: Type.Optional(Citation),
  changesNeeded: Type.Integer(),
  missing: Type.Array(MissingView),
  conditions: Type.Array(ConditionView),
  amountFen: Nullable(Type.Integer()),
});

/** Whose items the calculator lists: a talent's ("talent") or an employer's ("employer", "employer_for_staff"). */
export const Audience = StringEnum(["talent", "employer"] as const);

export const CalculatorResultView = Type.Object({
  asOf: Type.String(),
  audience: Audience,
  nearLimit: Type.Integer(),
  /** GET /me: whether the caller has a registry record (false: every rule reads "unknown"). */
  profileFound: Type.Optional(Type.Boolean()),
  eligible: Type.Array(OutcomeView),
  nearly: Type.Array(OutcomeView),
  notEligible: Type.Array(OutcomeView),
});

const QuestionItemField = Type.Object({
  field: Type.String(),
  label: Bilingual,
  type: Type.String(),
  values: Type.Optional(Type.Array(Type.String())),
  unit: Type.Optional(Type.String()),
});
export const QuestionsView = Type.Object({
  questions: Type.Array(
    Type.Object({
      field: Type.String(),
      label: Bilingual,
      type: Type.String(),
      values: Type.Optional(Type.Array(Type.String())),
      unit: Type.Optional(Type.String()),
      of: Type.Optional(Type.Array(QuestionItemField)),
    }),
  ),
  items: Type.Integer({ description: "published items the calculator evaluates" }),
});

export const CalculateBody = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { maxProperties: 40 }),
    /** "I am a talent / an employer" (default talent). */
    audience: Type.Optional(Audience),
    nearLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
  },
  { additionalProperties: false },
);

export const MeQuery = Type.Object({
  audience: Type.Optional(Audience),
  nearLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
});

export const QuestionsQuery = Type.Object({ audience: Type.Optional(Audience) });

export const SimulationBody = Type.Object(
  {
    itemCode: Type.String({ minLength: 1, maxLength: 40 }),
    /** The proposed eligibility rule (null: anyone); omitted: keep the published one. */
    eligibility: Type.Optional(Type.Unknown()),
    /** The proposed amount rule (null: none); omitted: keep the published one. */
    amountRule: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

const SimSide = Type.Object({
  qualifying: Type.Integer(),
  unknown: Type.Integer(),
  /** Sum of the amount over qualifying talents whose amount is known, in 分. */
  totalFen: Type.Integer(),
  /** Qualifying talents whose amount could not be computed (missing data). */
  amountUnknown: Type.Integer(),
});
export const SimulationView = Type.Object({
  itemCode: Type.String(),
  version: Type.Integer(),
  asOf: Type.String(),
  talents: Type.Integer(),
  current: SimSide,
  proposed: SimSide,
  /** Talents who qualify under one rule and not the other. */
  gained: Type.Integer(),
  lost: Type.Integer(),
});
