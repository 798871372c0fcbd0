import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { PageQuery } from "../../lib/pagination.js";
import { Nullable, StringEnum } from "../../lib/schema.js";

// Request and response shapes of the talent and employer registry (docs/api/registry.md).

export const ID_TYPES = ["resident", "passport"] as const;
export const GENDERS = ["male", "female"] as const;
export const CATEGORIES = [
  "basic_research",
  "applied_research",
  "social_science",
  "skills",
  "teachers",
  "doctors",
  "management",
  "rural",
] as const;
export const TIERS = ["A", "B", "C", "D", "E"] as const;
export const DEGREES = ["博士", "硕士", "学士", "大专"] as const;
export const TITLE_LEVELS = ["正高", "副高", "中级", "初级"] as const;
export const SKILL_LEVELS = ["高级技师", "技师", "高级工", "中级工", "初级工"] as const;
export const AWARD_LEVELS = ["national", "provincial", "city"] as const;
export const PATENT_KINDS = ["invention", "utility", "design"] as const;
export const ENGAGEMENT_KINDS = ["full_time", "advisor", "part_time", "equity"] as const;
export const EMPLOYER_KINDS = [
  "enterprise",
  "university",
  "hospital",
  "institute",
  "school",
  "public",
  "other",
] as const;
export const REVEAL_FIELDS = ["idNumber", "phone", "bankAccount"] as const;
export type RevealField = (typeof REVEAL_FIELDS)[number];

const DATE = "^\\d{4}-\\d{2}-\\d{2}$";
const DateString = Type.String({ pattern: DATE, description: "yyyy-mm-dd" });
const Year = Type.Integer({ minimum: 1900, maximum: 2100 });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Fen = Type.Integer({ minimum: 0, maximum: 9_000_000_000_000, description: "integer 分" });
const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const list = <T extends TSchema>(item: T) => Type.Array(item, { maxItems: 50 });
const strict = { additionalProperties: false } as const;

export const Education = Type.Object(
  {
    degree: StringEnum(DEGREES),
    school: Text(100),
    major: Type.Optional(Nullable(Text(100))),
    year: Type.Optional(Nullable(Year)),
  },
  strict,
);
export const TitleRecord = Type.Object(
  { name: Text(100), level: StringEnum(TITLE_LEVELS), year: Type.Optional(Nullable(Year)) },
  strict,
);
export const Skill = Type.Object(
  { name: Text(100), level: StringEnum(SKILL_LEVELS), year: Type.Optional(Nullable(Year)) },
  strict,
);
export const Award = Type.Object({ name: Text(200), level: StringEnum(AWARD_LEVELS), year: Year }, strict);
export const Patent = Type.Object(
  { title: Text(200), kind: StringEnum(PATENT_KINDS), number: Type.Optional(Nullable(Text(40))), year: Year },
  strict,
);
export const Engagement = Type.Object(
  {
    /** A registered employer, or only a name for one outside the registry. */
    employerId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    employerName: Type.Optional(Nullable(Text(200))),
    kind: StringEnum(ENGAGEMENT_KINDS, {
      description: "full_time 全职; advisor 顾问指导; part_time 短期兼职; equity 技术入股",
    }),
    startsOn: DateString,
    endsOn: Type.Optional(Nullable(DateString)),
  },
  strict,
);
export const Postdoc = Type.Object(
  { station: Text(200), startsOn: DateString, endsOn: Type.Optional(Nullable(DateString)) },
  strict,
);

/** What a talent may edit about themselves: everything but identity links and the recognised tier. */
const selfFields = {
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  bankAccount: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  industry: Type.Optional(Nullable(Text(50))),
  category: Type.Optional(Nullable(StringEnum(CATEGORIES))),
  arrivalDate: Type.Optional(Nullable(DateString)),
  salaryYearly: Type.Optional(Nullable(Fen)),
  taxYearly: Type.Optional(Nullable(Fen)),
  educations: Type.Optional(list(Education)),
  titles: Type.Optional(list(TitleRecord)),
  skills: Type.Optional(list(Skill)),
  awards: Type.Optional(list(Award)),
  patents: Type.Optional(list(Patent)),
  engagements: Type.Optional(list(Engagement)),
  postdocs: Type.Optional(list(Postdoc)),
};
const identityFields = {
  name: Text(50),
  idType: StringEnum(ID_TYPES),
  idNumber: Type.String({ minLength: 1, maxLength: 40 }),
  /** Derived from a 身份证 when left out, and checked against it when given. */
  gender: Type.Optional(StringEnum(GENDERS)),
  birthDate: Type.Optional(DateString),
  employerId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  /** Links the record to a talent's account. */
  userId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
};

export const CreateTalentBody = Type.Object({ ...identityFields, ...selfFields }, strict);
export type CreateTalentBody = Static<typeof CreateTalentBody>;
export const UpdateTalentBody = Type.Partial(Type.Object({ ...identityFields, ...selfFields }), strict);
export type UpdateTalentBody = Static<typeof UpdateTalentBody>;
export const UpdateOwnBody = Type.Object(
  {
    ...selfFields,
    /** Re-authentication: required when the request changes the bank account (never stored). */
    currentPassword: Type.Optional(Type.String({ maxLength: 128 })),
  },
  strict,
);
export type UpdateOwnBody = Static<typeof UpdateOwnBody>;

export const SetTierBody = Type.Object(
  {
    tier: StringEnum([...TIERS, "none"] as const),
    recognisedOn: DateString,
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  strict,
);
export type SetTierBody = Static<typeof SetTierBody>;

export const RevealBody = Type.Object(
  {
    reason: Type.String({
      minLength: 4,
      maxLength: 500,
      description: "why the full value is needed (audited)",
    }),
    fields: Type.Array(StringEnum(REVEAL_FIELDS), { minItems: 1, maxItems: 3, uniqueItems: true }),
  },
  strict,
);
export type RevealBody = Static<typeof RevealBody>;
export const Revealed = Type.Object({
  idNumber: Type.Optional(Nullable(Type.String())),
  phone: Type.Optional(Nullable(Type.String())),
  bankAccount: Type.Optional(Nullable(Type.String())),
});
export type Revealed = Static<typeof Revealed>;

export const TalentSummary = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    idType: StringEnum(ID_TYPES),
    idNumberMasked: Type.String(),
    gender: StringEnum(GENDERS),
    birthDate: Type.String(),
    phoneMasked: Nullable(Type.String()),
    employer: Nullable(Ref),
    category: Nullable(StringEnum(CATEGORIES)),
    industry: Nullable(Type.String()),
    tier: Nullable(StringEnum(TIERS)),
    hasAccount: Type.Boolean(),
    updatedAt: Type.String(),
  },
  { $id: "RegistryTalentSummary" },
);
export type TalentSummary = Static<typeof TalentSummary>;

const outList = <T extends TSchema>(item: T) => Type.Array(item);
export const Talent = Type.Object(
  {
    ...TalentSummary.properties,
    bankAccountMasked: Nullable(Type.String()),
    /** A bank-account change waiting for the talent office's confirmation (待人才办确认). */
    pendingBankChange: Nullable(
      Type.Object({
        id: Type.String(),
        accountMasked: Nullable(Type.String()),
        requestedBy: StringEnum(["talent", "office"] as const),
        requestedAt: Type.String(),
      }),
    ),
    arrivalDate: Nullable(Type.String()),
    salaryYearly: Nullable(Type.Integer()),
    taxYearly: Nullable(Type.Integer()),
    educations: outList(Education),
    titles: outList(TitleRecord),
    skills: outList(Skill),
    awards: outList(Award),
    patents: outList(Patent),
    engagements: outList(
      Type.Object({
        employerId: Nullable(Type.String()),
        employerName: Type.String(),
        kind: StringEnum(ENGAGEMENT_KINDS),
        startsOn: Type.String(),
        endsOn: Nullable(Type.String()),
      }),
    ),
    postdocs: outList(Postdoc),
    tierHistory: outList(
      Type.Object({
        tier: Type.String(),
        recognisedOn: Type.String(),
        source: Type.String(),
        note: Nullable(Type.String()),
        recordedBy: Nullable(Ref),
        at: Type.String(),
      }),
    ),
    abilities: Type.Object({ update: Type.Boolean(), setTier: Type.Boolean(), reveal: Type.Boolean() }),
  },
  { $id: "RegistryTalent" },
);
export type Talent = Static<typeof Talent>;

export const ListTalentsQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(
      Type.String({
        maxLength: 50,
        description: "a name prefix, or an exact ID number (found by its blind index)",
      }),
    ),
    employerId: Type.Optional(Type.String({ maxLength: 40 })),
    tier: Type.Optional(StringEnum(TIERS)),
    category: Type.Optional(StringEnum(CATEGORIES)),
  },
  strict,
);
export type ListTalentsQuery = Static<typeof ListTalentsQuery>;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }, strict);

// ---- employers -------------------------------------------------------------------------------

export const EmployerBody = Type.Object(
  {
    name: Text(200),
    uscc: Type.String({ minLength: 1, maxLength: 30, description: "统一社会信用代码 (GB 32100)" }),
    kind: StringEnum(EMPLOYER_KINDS),
    industry: Type.Optional(Nullable(Text(50))),
    regionCode: Type.Optional(Nullable(Type.String({ pattern: "^\\d{6}$" }))),
    contactName: Type.Optional(Nullable(Text(50))),
    contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    /** The organisation whose employer accounts act for it. */
    orgId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  strict,
);
export type EmployerBody = Static<typeof EmployerBody>;
export const UpdateEmployerBody = Type.Partial(EmployerBody, strict);
export type UpdateEmployerBody = Static<typeof UpdateEmployerBody>;

export const Employer = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    uscc: Type.String(),
    kind: StringEnum(EMPLOYER_KINDS),
    industry: Nullable(Type.String()),
    regionCode: Nullable(Type.String()),
    contactName: Nullable(Type.String()),
    contactPhoneMasked: Nullable(Type.String()),
    org: Nullable(Ref),
    staffCount: Type.Integer(),
    updatedAt: Type.String(),
    abilities: Type.Object({ update: Type.Boolean(), readStaff: Type.Boolean() }),
  },
  { $id: "RegistryEmployer" },
);
export type Employer = Static<typeof Employer>;

export const ListEmployersQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 50, description: "name prefix or exact 统一社会信用代码" })),
  },
  strict,
);
export type ListEmployersQuery = Static<typeof ListEmployersQuery>;

// ---- import ----------------------------------------------------------------------------------

export const IMPORT_KINDS = ["talents", "employers"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_MODES = ["all_or_nothing", "valid_rows"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
/** The largest workbook accepted (web and CLI). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

export const KindParams = Type.Object({ kind: StringEnum(IMPORT_KINDS) }, strict);
export const ImportQuery = Type.Object(
  {
    mode: StringEnum(IMPORT_MODES, {
      description:
        "all_or_nothing: any bad row imports nothing; valid_rows: import the good rows, report the rest",
    }),
    filename: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  strict,
);

export const RowError = Type.Object({
  row: Type.Integer({ description: "the row number in the sheet (the header is row 1)" }),
  column: Nullable(Type.String()),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
});
export type RowError = Static<typeof RowError>;

export const ImportResult = Type.Object(
  {
    kind: StringEnum(IMPORT_KINDS),
    mode: StringEnum(IMPORT_MODES),
    rows: Type.Integer(),
    imported: Type.Integer(),
    rejectedRows: Type.Integer(),
    /** The first 200 problems; the report has them all. */
    errors: Type.Array(RowError),
    errorCount: Type.Integer(),
    /** An .xlsx listing every bad row and why, when there is one. */
    errorReport: Nullable(Type.Object({ filename: Type.String(), contentBase64: Type.String() })),
  },
  { $id: "RegistryImportResult" },
);
export type ImportResult = Static<typeof ImportResult>;

// ---- rule sets -------------------------------------------------------------------------------

/** Any JSON: rule documents are checked by the rule language, which names the bad node's path. */
const Json = Type.Unsafe<unknown>({ description: "a rule document (see src/server/engine/rules/README.md)" });

export const CodeParams = Type.Object({ code: Type.String({ pattern: "^[a-z][a-z0-9_-]{1,39}$" }) }, strict);
export const RuleDocumentBody = Type.Object({ document: Json }, strict);
export const SaveRuleSetBody = Type.Object(
  { title: Text(200), document: Json, note: Type.Optional(Nullable(Text(500))) },
  strict,
);
/** Exactly one of `profile` and `talentId`; `document`: a draft to explain instead of the saved version. */
export const ExplainBody = Type.Object(
  {
    profile: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    talentId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    document: Type.Optional(Json),
    asOf: Type.Optional(Type.String({ pattern: DATE })),
  },
  strict,
);
export const RuleSetView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  document: Json,
  note: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
});
export const RuleCheck = Type.Object({
  ok: Type.Boolean(),
  errors: Type.Array(
    Type.Object({
      path: Type.String(),
      code: Type.String(),
      message: Type.Object({ zh: Type.String(), en: Type.String() }),
    }),
  ),
});
export const Explained = Type.Object({
  ruleSet: Type.Object({ code: Type.String(), version: Type.Integer(), title: Type.String() }),
  /** The explanation is of an unsaved draft (based on `ruleSet.version`). */
  draft: Type.Optional(Type.Boolean()),
  talent: Type.Optional(Type.Object({ id: Type.String(), name: Type.String() })),
  asOf: Type.Optional(Type.String()),
  recognisedTier: Type.Optional(Nullable(Type.String())),
  explanation: Json,
});

export const BANK_CHANGE_STATUSES = ["pending", "confirmed", "rejected", "superseded"] as const;
export const BankChangeView = Type.Object({
  id: Type.String(),
  status: StringEnum(BANK_CHANGE_STATUSES),
  talent: Type.Object({ id: Type.String(), name: Type.String(), idNumberMasked: Type.String() }),
  oldAccountMasked: Nullable(Type.String()),
  newAccountMasked: Nullable(Type.String()),
  requestedBy: Type.Object({
    id: Type.String(),
    name: Type.String(),
    kind: StringEnum(["talent", "office"] as const),
  }),
  createdAt: Type.String(),
  decidedBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  decidedAt: Nullable(Type.String()),
  note: Nullable(Type.String()),
  abilities: Type.Object({ decide: Type.Boolean() }),
});
export type BankChangeView = Static<typeof BankChangeView>;
export const ListBankChangesQuery = Type.Object(
  { status: Type.Optional(StringEnum(BANK_CHANGE_STATUSES)) },
  strict,
);
export type ListBankChangesQuery = Static<typeof ListBankChangesQuery>;
export const DecideBankChangeBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 500 })) },
  strict,
);
export type DecideBankChangeBody = Static<typeof DecideBankChangeBody>;
