import { type Static, Type } from "@sinclair/typebox";
import { Nullable, StringEnum } from "../../lib/schema.js";
import { UnitRef } from "../policy/policy.schema.js";
import { INDICATOR_KEYS } from "./scoring.js";

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
export const IndicatorKeyName = StringEnum(INDICATOR_KEYS);

export const YearParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2199 }) },
  { additionalProperties: false },
);
export const UnitParams = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2199 }),
    orgId: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export const AdjustmentParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2199 }), id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

const Shares = Type.Object({ lead: Type.Number(), responsible: Type.Number() });

export const SchemeView = Type.Object(
  {
    year: Type.Integer(),
    indicators: Type.Array(Type.Object({ key: IndicatorKeyName, name: Bilingual, weight: Type.Integer() })),
    reportGraceDays: Type.Integer(),
    /** How much a measure counts towards 承担任务推进 by the unit's role on it (percent). */
    shares: Shares,
    /** True while the year has no scheme of its own and the default applies. */
    isDefault: Type.Boolean(),
    updatedAt: Nullable(Type.String()),
  },
  { $id: "AssessmentScheme" },
);
export type SchemeView = Static<typeof SchemeView>;

export const SchemeBody = Type.Object(
  {
    indicators: Type.Array(
      // Ranges are checked by the service, so a weight out of 0-100 is a 422 with a field error.
      Type.Object({ key: IndicatorKeyName, weight: Type.Number() }, { additionalProperties: false }),
      { minItems: 1, maxItems: INDICATOR_KEYS.length },
    ),
    reportGraceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 31 })),
    /** Lead / responsible share in percent, each 0-100 (default 100 / 50). */
    shares: Type.Optional(
      Type.Object({ lead: Type.Number(), responsible: Type.Number() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type SchemeBody = Static<typeof SchemeBody>;

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

export const Adjustment = Type.Object(
  {
    id: Type.String(),
    org: UnitRef,
    points: Type.Number(),
    reason: Type.String(),
    createdBy: PersonRef,
    createdAt: Type.String(),
  },
  { $id: "AssessmentAdjustment" },
);
export type Adjustment = Static<typeof Adjustment>;

export const AdjustmentBody = Type.Object(
  {
    orgId: Type.String({ minLength: 1, maxLength: 40 }),
    /** Bonus (+) or deduction (−), at most 20 points either way, in steps of 0.1. */
    points: Type.Number({ minimum: -20, maximum: 20 }),
    reason: Type.String({ minLength: 2, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type AdjustmentBody = Static<typeof AdjustmentBody>;

export const IndicatorResult = Type.Object({
  key: IndicatorKeyName,
  name: Bilingual,
  weight: Type.Number(),
  /** The weight once unmeasured items are shared out over the measured ones; 0 if unmeasured. */
  effectiveWeight: Type.Number(),
  expected: Type.Integer(),
  achieved: Type.Integer(),
  rate: Nullable(Type.Number()),
  measured: Type.Boolean(),
  score: Type.Number(),
  explanation: Bilingual,
});

/** One line of a score: the lines' earned points add up to the total. */
export const ScoreLine = Type.Object({
  key: StringEnum([...INDICATOR_KEYS, "adjustment"] as const),
  item: Bilingual,
  /** The scheme's weight; null for a bonus or deduction. */
  weight: Nullable(Type.Number()),
  /** What was counted; null when nothing was (暂无数据). */
  measured: Nullable(Bilingual),
  earned: Type.Number(),
  reason: Bilingual,
});

const rowFields = {
  /** null for a unit with no data: listed after the ranked units. */
  rank: Nullable(Type.Integer()),
  org: UnitRef,
  /** Nothing measured this year: 暂无数据, no total (never full marks). */
  noData: Type.Boolean(),
  indicators: Type.Array(IndicatorResult),
  indicatorTotal: Nullable(Type.Number()),
  adjustments: Type.Array(Adjustment),
  adjustmentTotal: Type.Number(),
  total: Nullable(Type.Number()),
  lines: Type.Array(ScoreLine),
};

export const UnitScore = Type.Object(
  { year: Type.Integer(), asOf: Type.String(), scheme: SchemeView, ...rowFields },
  { $id: "AssessmentUnitScore" },
);
export type UnitScore = Static<typeof UnitScore>;

export const AssessmentResult = Type.Object(
  {
    year: Type.Integer(),
    asOf: Type.String(),
    scheme: SchemeView,
    rows: Type.Array(Type.Object(rowFields)),
  },
  { $id: "AssessmentResult" },
);
export type AssessmentResult = Static<typeof AssessmentResult>;
