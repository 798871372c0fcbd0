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
export const AdjustmentParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2199 }), id: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

export const SchemeView = Type.Object(
  {
    year: Type.Integer(),
    indicators: Type.Array(Type.Object({ key: IndicatorKeyName, name: Bilingual, weight: Type.Integer() })),
    reportGraceDays: Type.Integer(),
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
      Type.Object(
        { key: IndicatorKeyName, weight: Type.Integer({ minimum: 0, maximum: 100 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: INDICATOR_KEYS.length },
    ),
    reportGraceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 31 })),
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
  weight: Type.Integer(),
  expected: Type.Integer(),
  achieved: Type.Integer(),
  rate: Nullable(Type.Number()),
  score: Type.Number(),
  explanation: Bilingual,
});

export const AssessmentResult = Type.Object(
  {
    year: Type.Integer(),
    asOf: Type.String(),
    scheme: SchemeView,
    rows: Type.Array(
      Type.Object({
        rank: Type.Integer(),
        org: UnitRef,
        indicators: Type.Array(IndicatorResult),
        indicatorTotal: Type.Number(),
        adjustments: Type.Array(Adjustment),
        adjustmentTotal: Type.Number(),
        total: Type.Number(),
      }),
    ),
  },
  { $id: "AssessmentResult" },
);
export type AssessmentResult = Static<typeof AssessmentResult>;
