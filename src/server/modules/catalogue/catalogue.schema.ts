import { type Static, Type } from "@sinclair/typebox";
import { StringEnum } from "../../lib/schema.js";
import { FormSchema } from "./form-schema.js";

export const ITEM_KINDS = ["confirmation", "payment", "public_service", "filing"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, { zh: string; en: string }> = {
  confirmation: { zh: "行政确认", en: "Administrative confirmation" },
  payment: { zh: "行政给付", en: "Administrative payment" },
  public_service: { zh: "公共服务", en: "Public service" },
  filing: { zh: "备案", en: "Filing" },
};
export const APPLICANT_KINDS = ["talent", "employer", "employer_for_staff"] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];
export const FILE_KINDS = ["pdf", "jpg", "png", "docx", "xlsx"] as const;

const CODE = "^[a-z][a-z0-9_]{0,39}$";
const strict = { additionalProperties: false } as const;

export const Material = Type.Object(
  {
    code: Type.String({ pattern: CODE }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    required: Type.Boolean(),
    types: Type.Array(StringEnum(FILE_KINDS), { minItems: 1, maxItems: 5, uniqueItems: true }),
    note: Type.Optional(Type.String({ maxLength: 300 })),
  },
  strict,
);
export type Material = Static<typeof Material>;

export const WorkflowStep = Type.Object(
  {
    key: Type.String({ pattern: CODE }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    kind: StringEnum(["review", "countersign", "publicity"] as const),
    orgIds: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
    }),
    role: StringEnum(["officer", "leader"] as const),
    days: Type.Integer({ minimum: 1, maximum: 60 }),
    actions: Type.Array(StringEnum(["approve", "return", "reject"] as const), {
      minItems: 1,
      maxItems: 3,
      uniqueItems: true,
    }),
    publicityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  },
  strict,
);
export type WorkflowStep = Static<typeof WorkflowStep>;

export const Workflow = Type.Object(
  {
    steps: Type.Array(WorkflowStep, { minItems: 1, maxItems: 10 }),
    allowSameApprover: Type.Boolean(),
  },
  strict,
);
export type Workflow = Static<typeof Workflow>;

// What an approved recognition writes to the talent's registry record (recognition.ts): a tier from a
// form field (its values mapped to A–E) valid for some years, a title of a level named by a form
// field, or a skill grade for the occupation a form field names.
const TIERS = ["A", "B", "C", "D", "E"] as const;
const FIELD = "^[A-Za-z][A-Za-z0-9_]{0,39}$";
export const Outcome = Type.Union([
  Type.Object(
    {
      kind: Type.Literal("tier"),
      field: Type.String({ pattern: FIELD }),
      map: Type.Record(Type.String({ minLength: 1, maxLength: 40 }), StringEnum(TIERS)),
      validYears: Type.Integer({ minimum: 1, maximum: 20 }),
    },
    strict,
  ),
  Type.Object(
    {
      kind: Type.Literal("title"),
      level: Type.String({ minLength: 1, maxLength: 20 }),
      nameField: Type.String({ pattern: FIELD }),
    },
    strict,
  ),
  Type.Object(
    {
      kind: Type.Literal("skill"),
      level: Type.String({ minLength: 1, maxLength: 20 }),
      nameField: Type.String({ pattern: FIELD }),
    },
    strict,
  ),
]);
export type Outcome = Static<typeof Outcome>;

export const ItemContent = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: StringEnum(ITEM_KINDS),
    ownerOrgId: Type.String({ minLength: 1, maxLength: 40 }),
    legalBasis: Type.String({ maxLength: 2000 }),
    applicants: Type.Array(StringEnum(APPLICANT_KINDS), { minItems: 1, maxItems: 3, uniqueItems: true }),
    eligibility: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    amountRule: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]),
    materials: Type.Array(Material, { maxItems: 20 }),
    form: FormSchema,
    workflow: Workflow,
    promisedDays: Type.Integer({ minimum: 1, maximum: 120 }),
    feeFen: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    guide: Type.String({ maxLength: 5000 }),
    /** Recognition items only: what final approval writes to the registry. Absent: nothing. */
    outcome: Type.Optional(Type.Union([Outcome, Type.Null()])),
    /** 免申即享: after the talent accepts an offer, "auto" (default) decides every step by the rule
     * with its explanation as the reason; "confirm" submits the application to the first step's
     * officers with the explanation attached, and they confirm it through the normal workflow. */
    proactiveDecision: Type.Optional(StringEnum(["auto", "confirm"] as const)),
  },
  { ...strict, $id: "ServiceItemContent" },
);
export type ItemContent = Static<typeof ItemContent>;

const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });
const MeasureRef = Type.Object({ id: Type.String(), label: Type.String(), title: Type.String() });

export const CatalogueSummary = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(ITEM_KINDS),
  ownerOrg: OrgRef,
  version: Type.Integer(),
  promisedDays: Type.Integer(),
  feeFen: Type.Integer(),
  applicants: Type.Array(StringEnum(APPLICANT_KINDS)),
});
export type CatalogueSummary = Static<typeof CatalogueSummary>;

const PresentedStep = Type.Composite([WorkflowStep, Type.Object({ orgs: Type.Array(OrgRef) })]);

export const CatalogueItem = Type.Object({
  ...ItemContent.properties,
  code: Type.String(),
  version: Type.Integer(),
  versionId: Type.String(),
  publishedAt: Type.String(),
  ownerOrg: OrgRef,
  measures: Type.Array(MeasureRef),
  workflow: Type.Object({ steps: Type.Array(PresentedStep), allowSameApprover: Type.Boolean() }),
});
export type CatalogueItem = Static<typeof CatalogueItem>;

export const ManagedItem = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(ITEM_KINDS),
  ownerOrg: OrgRef,
  draft: Type.Union([ItemContent, Type.Null()]),
  currentVersion: Type.Union([Type.Integer(), Type.Null()]),
  measures: Type.Array(MeasureRef),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      versionId: Type.String(),
      publishedAt: Type.String(),
      publishedBy: Type.Union([OrgRef, Type.Null()]),
    }),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ManagedItem = Static<typeof ManagedItem>;

export const PowerListRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(ITEM_KINDS),
  kindLabel: Type.Object({ zh: Type.String(), en: Type.String() }),
  authority: Type.String(),
  legalBasis: Type.String(),
  promisedDays: Type.Integer(),
  feeFen: Type.Integer(),
  responsibleUnits: Type.Array(Type.String()),
  list: StringEnum(["power", "responsibility"] as const),
});
export type PowerListRow = Static<typeof PowerListRow>;

export const CatalogueQuery = Type.Object(
  { kind: Type.Optional(StringEnum(ITEM_KINDS)), q: Type.Optional(Type.String({ maxLength: 50 })) },
  strict,
);
export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }, strict);
export const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, strict);
export const ItemParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, strict);
export const CreateItemBody = Type.Object(
  { code: Type.String({ pattern: "^[A-Z][A-Z0-9-]{1,39}$" }), content: ItemContent },
  strict,
);
export const DraftBody = Type.Object({ content: ItemContent }, strict);
export const MeasuresBody = Type.Object(
  {
    measureIds: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20, uniqueItems: true }),
  },
  strict,
);

// Holidays.
export const HolidayDay = Type.Object({
  date: Type.String(),
  kind: StringEnum(["holiday", "workday"] as const),
  name: Type.String(),
});
export type HolidayDay = Static<typeof HolidayDay>;
export const HolidayQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) },
  strict,
);
export const HolidayParams = Type.Object(
  { date: Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" }) },
  strict,
);
export const HolidayBody = Type.Object(
  { kind: StringEnum(["holiday", "workday"] as const), name: Type.String({ minLength: 1, maxLength: 40 }) },
  strict,
);
