// 人力资源服务机构 (measure (三): 引进和培育人才猎头等专业化服务机构, 培育人才中介服务机构): the agencies
// a 人社 department keeps on record (licence, services, contact), their annual reports and the
// 政府购买服务 contracts placed with them. The department's officers and leaders manage its records; the
// talent office reads every record; an agency's own employer account reads its record and submits
// its annual report, and sees no contracts.
import { type Static, Type } from "@sinclair/typebox";
import { IdParams, Nullable, PageOf, PageQuery, StringEnum } from "./common.js";
import { endpoint } from "./endpoint.js";

export const HR_AGENCY_SERVICES = [
  "职业中介",
  "人才猎头",
  "人力资源外包",
  "人才测评",
  "人力资源培训",
  "人力资源管理咨询",
  "劳务派遣",
] as const;
export const HR_AGENCY_STATUSES = ["active", "suspended", "closed"] as const;
export const HR_REPORT_STATUSES = ["submitted", "accepted", "returned"] as const;
export const HR_CONTRACT_STATUSES = ["signed", "in_progress", "accepted", "terminated"] as const;

const DATE = { pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "yyyy-mm-dd" };
const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });

export const HrAgencySummary = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    uscc: Type.String(),
    licenceNo: Nullable(Type.String()),
    licenceValidTo: Nullable(Type.String()),
    /** valid, expiring (within 90 days), expired, or none (no licence on record) */
    licenceState: StringEnum(["valid", "expiring", "expired", "none"] as const),
    services: Type.Array(Type.String()),
    /** Masked in lists: 张*, 138****0000. */
    contactName: Type.String(),
    contactPhone: Type.String(),
    authority: OrgRef,
    status: StringEnum(HR_AGENCY_STATUSES),
    /** The latest annual report's year and status, if any. */
    lastReport: Nullable(Type.Object({ year: Type.Integer(), status: StringEnum(HR_REPORT_STATUSES) })),
  },
  { $id: "HrAgencySummary" },
);
export type HrAgencySummary = Static<typeof HrAgencySummary>;

export const HrAgencyReport = Type.Object(
  {
    id: Type.String(),
    year: Type.Integer(),
    status: StringEnum(HR_REPORT_STATUSES),
    source: StringEnum(["agency", "authority"] as const),
    staffCount: Type.Integer(),
    servedPersons: Type.Integer(),
    placements: Type.Integer(),
    revenueFen: Type.Integer(),
    summary: Type.String(),
    submittedAt: Type.String(),
    reviewedAt: Nullable(Type.String()),
    reviewNote: Nullable(Type.String()),
  },
  { $id: "HrAgencyReport" },
);
export type HrAgencyReport = Static<typeof HrAgencyReport>;

export const HrAgencyContract = Type.Object(
  {
    id: Type.String(),
    agencyId: Type.String(),
    title: Type.String(),
    amountFen: Type.Integer(),
    periodFrom: Type.String(),
    periodTo: Type.String(),
    deliverables: Type.String(),
    status: StringEnum(HR_CONTRACT_STATUSES),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: "HrAgencyContract" },
);
export type HrAgencyContract = Static<typeof HrAgencyContract>;

export const HrAgencyDetail = Type.Object(
  {
    ...HrAgencySummary.properties,
    licenceValidFrom: Nullable(Type.String()),
    address: Nullable(Type.String()),
    /** The agency's own organisation (its employer account), if linked. */
    org: Nullable(OrgRef),
    reports: Type.Array(HrAgencyReport),
    /** null for the agency's own account, which does not see the contracts. */
    contracts: Nullable(Type.Array(HrAgencyContract)),
    /** What the caller may do: manage (edit, review, contracts), report (submit the annual report). */
    abilities: Type.Object({ manage: Type.Boolean(), report: Type.Boolean() }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: "HrAgencyDetail" },
);
export type HrAgencyDetail = Static<typeof HrAgencyDetail>;

const strict = { additionalProperties: false } as const;

const agencyFields = {
  name: Type.String({ minLength: 2, maxLength: 100 }),
  uscc: Type.String({ minLength: 18, maxLength: 18 }),
  licenceNo: Type.Optional(Nullable(Type.String({ minLength: 4, maxLength: 50 }))),
  licenceValidFrom: Type.Optional(Nullable(Type.String(DATE))),
  licenceValidTo: Type.Optional(Nullable(Type.String(DATE))),
  services: Type.Array(StringEnum(HR_AGENCY_SERVICES), { minItems: 1, maxItems: 7, uniqueItems: true }),
  contactName: Type.String({ minLength: 2, maxLength: 30 }),
  contactPhone: Type.String({ minLength: 7, maxLength: 20 }),
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  /** The agency's own organisation (an employer in the organisation tree), if it has an account. */
  orgId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 40 }))),
};

export const CreateHrAgencyBody = Type.Object(agencyFields, strict);
export type CreateHrAgencyBody = Static<typeof CreateHrAgencyBody>;

export const UpdateHrAgencyBody = Type.Partial(
  Type.Object({ ...agencyFields, status: StringEnum(HR_AGENCY_STATUSES) }, strict),
  { ...strict, minProperties: 1 },
);
export type UpdateHrAgencyBody = Static<typeof UpdateHrAgencyBody>;

export const HrAgencyListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    status: Type.Optional(StringEnum(HR_AGENCY_STATUSES)),
    service: Type.Optional(StringEnum(HR_AGENCY_SERVICES)),
    ...PageQuery,
  },
  strict,
);

export const ReportParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 40 }), year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  strict,
);

export const HrReportBody = Type.Object(
  {
    staffCount: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    servedPersons: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    placements: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
    revenueFen: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }),
    summary: Type.String({ minLength: 10, maxLength: 5000 }),
  },
  strict,
);
export type HrReportBody = Static<typeof HrReportBody>;

export const ReviewReportBody = Type.Object(
  {
    decision: StringEnum(["accept", "return"] as const),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  strict,
);

const contractFields = {
  title: Type.String({ minLength: 4, maxLength: 200 }),
  amountFen: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }),
  periodFrom: Type.String(DATE),
  periodTo: Type.String(DATE),
  deliverables: Type.String({ minLength: 4, maxLength: 5000 }),
};
export const CreateHrContractBody = Type.Object(contractFields, strict);
export type CreateHrContractBody = Static<typeof CreateHrContractBody>;
export const UpdateHrContractBody = Type.Partial(
  Type.Object({ ...contractFields, status: StringEnum(HR_CONTRACT_STATUSES) }, strict),
  { ...strict, minProperties: 1 },
);
export type UpdateHrContractBody = Static<typeof UpdateHrContractBody>;

const tags = ["hr-agencies"] as const;

export const hrAgencyContracts = {
  "GET /api/hr-agencies": endpoint({
    permission: "hrAgencies.list",
    summary: "HR service agencies (the office: all; a department: those it keeps) / 人力资源服务机构名录",
    tags,
    query: HrAgencyListQuery,
    response: PageOf(HrAgencySummary),
  }),
  "POST /api/hr-agencies": endpoint({
    permission: "hrAgencies.manage",
    summary: "Register an agency (kept by the caller's department) / 登记人力资源服务机构",
    tags,
    body: CreateHrAgencyBody,
    response: HrAgencyDetail,
    status: 201,
  }),
  "GET /api/hr-agencies/mine": endpoint({
    permission: "hrAgencies.own",
    summary: "The agency of the caller's organisation (its employer account) / 本机构信息",
    tags,
    response: HrAgencyDetail,
  }),
  "GET /api/hr-agencies/:id": endpoint({
    permission: "hrAgencies.read",
    summary: "One agency with its annual reports and contracts (audited read) / 机构详情",
    tags,
    params: IdParams,
    response: HrAgencyDetail,
  }),
  "PATCH /api/hr-agencies/:id": endpoint({
    permission: "hrAgencies.manage",
    summary: "Update an agency's record or status / 修改机构信息",
    tags,
    params: IdParams,
    body: UpdateHrAgencyBody,
    response: HrAgencyDetail,
  }),
  "PUT /api/hr-agencies/:id/reports/:year": endpoint({
    permission: "hrAgencies.report",
    summary: "Submit (the agency) or record (the department) the year's annual report / 报送年度报告",
    tags,
    params: ReportParams,
    body: HrReportBody,
    response: HrAgencyReport,
  }),
  "POST /api/hr-agencies/:id/reports/:year/review": endpoint({
    permission: "hrAgencies.manage",
    summary: "Accept or return an annual report / 审核年度报告",
    tags,
    params: ReportParams,
    body: ReviewReportBody,
    response: HrAgencyReport,
  }),
  "POST /api/hr-agencies/:id/contracts": endpoint({
    permission: "hrAgencies.manage",
    summary: "Record a 政府购买服务 contract with the agency / 登记政府购买服务合同",
    tags,
    params: IdParams,
    body: CreateHrContractBody,
    response: HrAgencyContract,
    status: 201,
  }),
  "PATCH /api/hr-agencies/contracts/:id": endpoint({
    permission: "hrAgencies.manage",
    summary: "Update a contract or its status / 修改政府购买服务合同",
    tags,
    params: IdParams,
    body: UpdateHrContractBody,
    response: HrAgencyContract,
  }),
};
