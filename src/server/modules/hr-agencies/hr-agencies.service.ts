// 人力资源服务机构: the registry of the agencies a 人社 department keeps, their annual reports and the
// 政府购买服务 contracts placed with them (measure (三)).
import type {
  CreateHrAgencyBody,
  CreateHrContractBody,
  HrAgencyContract,
  HrAgencyDetail,
  HrAgencyReport,
  HrAgencySummary,
  HrReportBody,
  UpdateHrAgencyBody,
  UpdateHrContractBody,
} from "../../../contracts/hr-agencies.js";
import { type Actor, authorize, can, hasRole } from "../../lib/authz.js";
import { type Deps, inTransaction, type Op } from "../../lib/context.js";
import { chinaDate, isCalendarDate } from "../../lib/dates.js";
import { AppError, conflict, type FieldError, invalidFields, notFound } from "../../lib/errors.js";
import { newId } from "../../lib/ids.js";
import { decodeCursor, pageOf } from "../../lib/pagination.js";
import { checkUscc, maskPhone } from "../../lib/validators.js";
import type { AuditWriter } from "../audit/audit.service.js";
import { maskName } from "../publicity/mask.js";
import { type AgencySubject, noteAgency } from "./hr-agencies.policy.js";
import {
  type AgencyRow,
  agencyOfOrgs,
  type ContractRow,
  contractsOf,
  findAgency,
  findAgencyByUscc,
  findContract,
  findReport,
  findSameContract,
  insertAgency,
  insertContract,
  insertReport,
  lastReports,
  listAgencies,
  orgKind,
  type ReportRow,
  reportsOf,
  reviewSubmittedReport,
  updateAgency,
  updateContract,
  updateOpenReport,
} from "./hr-agencies.repo.js";
import "./hr-agencies.policy.js";

const AGENCY = { zh: "人力资源服务机构", en: "HR service agency" };
const CONTRACT = { zh: "政府购买服务合同", en: "government service contract" };
const REPORT = { zh: "年度报告", en: "annual report" };
const EXPIRING_DAYS = 90;

const subjectOf = (r: { authority_org_id: string; org_id: string | null }): AgencySubject => ({
  authorityOrgId: r.authority_org_id,
  orgId: r.org_id,
});

/** The departments whose records an officer or leader keeps; undefined: all (the talent office). */
const authorityScope = (actor: Actor): string[] | undefined =>
  hasRole(actor, "talent_office")
    ? undefined
    : actor.roles.filter((g) => g.role === "officer" || g.role === "leader").map((g) => g.orgId);

function licenceState(validTo: string | null, today: string): HrAgencySummary["licenceState"] {
  if (validTo === null) return "none";
  if (validTo < today) return "expired";
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + EXPIRING_DAYS);
  return validTo <= soon.toISOString().slice(0, 10) ? "expiring" : "valid";
}

const toReport = (r: ReportRow): HrAgencyReport => ({
  id: r.id,
  year: r.year,
  status: r.status as HrAgencyReport["status"],
  source: r.source as HrAgencyReport["source"],
  staffCount: r.staff_count,
  servedPersons: r.served_persons,
  placements: r.placements,
  revenueFen: Number(r.revenue_fen),
  summary: r.summary,
  submittedAt: r.submitted_at,
  reviewedAt: r.reviewed_at,
  reviewNote: r.review_note,
});

const toContract = (r: ContractRow): HrAgencyContract => ({
  id: r.id,
  agencyId: r.agency_id,
  title: r.title,
  amountFen: Number(r.amount_fen),
  periodFrom: r.period_from,
  periodTo: r.period_to,
  deliverables: r.deliverables,
  status: r.status as HrAgencyContract["status"],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function summaryOf(
  r: AgencyRow,
  today: string,
  last: { year: number; status: string } | undefined,
  masked: boolean,
): HrAgencySummary {
  return {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    licenceNo: r.licence_no,
    licenceValidTo: r.licence_valid_to,
    licenceState: licenceState(r.licence_valid_to, today),
    services: JSON.parse(r.services) as string[],
    contactName: masked ? maskName(r.contact_name) : r.contact_name,
    contactPhone: masked ? maskPhone(r.contact_phone) : r.contact_phone,
    authority: { id: r.authority_org_id, name: r.authority_name },
    status: r.status as HrAgencySummary["status"],
    lastReport: last ? { year: last.year, status: last.status as HrAgencyReport["status"] } : null,
  };
}

/** Field checks beyond the schema: the USCC (GB 32100), the licence dates, the linked organisation. */
function checkAgencyFields(input: Partial<CreateHrAgencyBody>): FieldError[] {
  const errors: FieldError[] = [];
  if (input.uscc !== undefined) {
    const uscc = checkUscc(input.uscc);
    if (!uscc.ok) errors.push({ path: "/uscc", message: uscc.reason });
  }
  for (const key of ["licenceValidFrom", "licenceValidTo"] as const) {
    const v = input[key];
    if (v !== undefined && v !== null && !isCalendarDate(v))
      errors.push({ path: `/${key}`, message: { zh: "不是有效日期", en: "not a real date" } });
  }
  if (
    input.licenceValidFrom &&
    input.licenceValidTo &&
    isCalendarDate(input.licenceValidFrom) &&
    isCalendarDate(input.licenceValidTo) &&
    input.licenceValidTo < input.licenceValidFrom
  )
    errors.push({
      path: "/licenceValidTo",
      message: { zh: "许可证有效期止不能早于起始日期", en: "the licence cannot end before it starts" },
    });
  return errors;
}

function checkPeriod(from: string | undefined, to: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, v] of [
    ["periodFrom", from],
    ["periodTo", to],
  ] as const)
    if (v !== undefined && !isCalendarDate(v))
      errors.push({ path: `/${key}`, message: { zh: "不是有效日期", en: "not a real date" } });
  if (errors.length === 0 && from !== undefined && to !== undefined && to < from)
    errors.push({
      path: "/periodTo",
      message: { zh: "服务期限止不能早于起始日期", en: "the period cannot end before it starts" },
    });
  return errors;
}

export function makeHrAgencyService(deps: Deps, writeAudit: AuditWriter) {
  const db = () => deps.database.db;
  const today = () => chinaDate(deps.clock.now());
  // The menu shows the registry to the departments that keep agencies (see hr-agencies.policy.ts).
  void db()
    .selectFrom("hr_agencies")
    .select(["authority_org_id", "org_id"])
    .execute()
    .then(
      (rows) => {
        for (const r of rows) noteAgency(subjectOf(r));
      },
      () => undefined,
    );

  /** Loads an agency the actor may act on by `action`; anything else is "not found" (audited). */
  async function allowed(op: Op, id: string, action: string): Promise<AgencyRow> {
    const row = await findAgency(db(), id);
    if (!row || !can(op.actor, action, subjectOf(row))) {
      if (row)
        await inTransaction(deps, (trx) =>
          writeAudit(trx, op, {
            action: "hr_agencies.denied",
            objectType: "hr_agency",
            objectId: id,
            result: "denied",
            detail: { wanted: action },
          }),
        );
      throw notFound(AGENCY);
    }
    return row;
  }

  async function checkLinkedOrg(orgId: string | null | undefined): Promise<void> {
    if (orgId === undefined || orgId === null) return;
    const org = await orgKind(db(), orgId);
    if (org?.kind !== "employer")
      throw invalidFields("HR_AGENCY_ORG_INVALID", [
        {
          path: "/orgId",
          message: {
            zh: "关联单位须为组织机构中的用人单位",
            en: "the linked organisation must be an employer",
          },
        },
      ]);
  }

  async function detailOf(op: Op, row: AgencyRow): Promise<HrAgencyDetail> {
    const subject = subjectOf(row);
    const [reports, contracts] = await Promise.all([
      reportsOf(db(), row.id),
      can(op.actor, "hrAgencies.readContracts", subject) ? contractsOf(db(), row.id) : null,
    ]);
    const last = reports[0];
    return {
      ...summaryOf(row, today(), last ? { year: last.year, status: last.status } : undefined, false),
      licenceValidFrom: row.licence_valid_from,
      address: row.address,
      org: row.org_id && row.org_name ? { id: row.org_id, name: row.org_name } : null,
      reports: reports.map(toReport),
      contracts: contracts === null ? null : contracts.map(toContract),
      abilities: {
        manage: can(op.actor, "hrAgencies.manage", subject),
        report: can(op.actor, "hrAgencies.report", subject),
      },
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** The full record names the contact in full: reading it is audited. */
  async function readAudited(op: Op, row: AgencyRow): Promise<HrAgencyDetail> {
    await inTransaction(deps, (trx) =>
      writeAudit(trx, op, { action: "hr_agencies.read", objectType: "hr_agency", objectId: row.id }),
    );
    return detailOf(op, row);
  }

  return {
    async list(
      op: Op,
      q: { q?: string; status?: string; service?: string; cursor?: string; limit?: number },
    ) {
      authorize(op.actor, "hrAgencies.list");
      const limit = q.limit ?? 50;
      const rows = await listAgencies(db(), {
        authorityOrgIds: authorityScope(op.actor),
        q: q.q,
        status: q.status,
        service: q.service,
        after: decodeCursor<string>(q.cursor, "string"),
        limit,
      });
      const page = pageOf(rows, limit, (r) => r.id);
      const last = await lastReports(
        db(),
        page.items.map((r) => r.id),
      );
      const day = today();
      return {
        items: page.items.map((r) => summaryOf(r, day, last.get(r.id), true)),
        nextCursor: page.nextCursor,
      };
    },

    async get(op: Op, id: string) {
      return readAudited(op, await allowed(op, id, "hrAgencies.read"));
    },

    async mine(op: Op) {
      authorize(op.actor, "hrAgencies.own");
      const orgIds = op.actor.roles.filter((g) => g.role === "employer").map((g) => g.orgId);
      const row = orgIds.length > 0 ? await agencyOfOrgs(db(), orgIds) : undefined;
      if (!row)
        throw new AppError("not_found", "HR_AGENCY_NOT_LINKED", {
          zh: "本单位未登记为人力资源服务机构",
          en: "Your organisation is not registered as an HR service agency",
        });
      return readAudited(op, row);
    },

    /** Registers an agency kept by the caller's department (their officer or leader grant). */
    async create(op: Op, input: CreateHrAgencyBody) {
      authorize(op.actor, "hrAgencies.manage");
      const authority = op.actor.roles.find((g) => g.role === "officer" || g.role === "leader")!.orgId;
      const errors = checkAgencyFields(input);
      if (errors.length > 0) throw invalidFields("HR_AGENCY_INVALID", errors);
      await checkLinkedOrg(input.orgId);
      const uscc = input.uscc.trim().toUpperCase();
      const id = newId(deps.clock.now().getTime());
      const now = deps.clock.now().toISOString();
      await inTransaction(deps, async (trx) => {
        const same = await findAgencyByUscc(trx, uscc);
        if (same)
          throw conflict(
            "HR_AGENCY_EXISTS",
            {
              zh: `统一社会信用代码${uscc}已登记（${same.name}）`,
              en: `An agency with the code ${uscc} is already registered`,
            },
            { existingId: same.id },
          );
        await insertAgency(trx, {
          id,
          name: input.name.trim(),
          uscc,
          licence_no: input.licenceNo ?? null,
          licence_valid_from: input.licenceValidFrom ?? null,
          licence_valid_to: input.licenceValidTo ?? null,
          services: JSON.stringify(input.services),
          contact_name: input.contactName.trim(),
          contact_phone: input.contactPhone.trim(),
          address: input.address ?? null,
          authority_org_id: authority,
          org_id: input.orgId ?? null,
          status: "active",
          created_by: op.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await writeAudit(trx, op, {
          action: "hr_agencies.created",
          objectType: "hr_agency",
          objectId: id,
          detail: { name: input.name, uscc },
        });
      });
      noteAgency({ authorityOrgId: authority, orgId: input.orgId ?? null });
      return detailOf(op, (await findAgency(db(), id))!);
    },

    async update(op: Op, id: string, input: UpdateHrAgencyBody) {
      const row = await allowed(op, id, "hrAgencies.manage");
      const errors = checkAgencyFields({
        ...input,
        licenceValidFrom:
          input.licenceValidFrom === undefined ? row.licence_valid_from : input.licenceValidFrom,
        licenceValidTo: input.licenceValidTo === undefined ? row.licence_valid_to : input.licenceValidTo,
      });
      if (errors.length > 0) throw invalidFields("HR_AGENCY_INVALID", errors);
      await checkLinkedOrg(input.orgId);
      const uscc = input.uscc?.trim().toUpperCase();
      await inTransaction(deps, async (trx) => {
        if (uscc !== undefined && uscc !== row.uscc) {
          const same = await findAgencyByUscc(trx, uscc);
          if (same)
            throw conflict("HR_AGENCY_EXISTS", {
              zh: `统一社会信用代码${uscc}已登记（${same.name}）`,
              en: `An agency with the code ${uscc} is already registered`,
            });
        }
        await updateAgency(trx, id, {
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(uscc !== undefined ? { uscc } : {}),
          ...(input.licenceNo !== undefined ? { licence_no: input.licenceNo } : {}),
          ...(input.licenceValidFrom !== undefined ? { licence_valid_from: input.licenceValidFrom } : {}),
          ...(input.licenceValidTo !== undefined ? { licence_valid_to: input.licenceValidTo } : {}),
          ...(input.services !== undefined ? { services: JSON.stringify(input.services) } : {}),
          ...(input.contactName !== undefined ? { contact_name: input.contactName.trim() } : {}),
          ...(input.contactPhone !== undefined ? { contact_phone: input.contactPhone.trim() } : {}),
          ...(input.address !== undefined ? { address: input.address } : {}),
          ...(input.orgId !== undefined ? { org_id: input.orgId } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          updated_at: deps.clock.now().toISOString(),
        });
        await writeAudit(trx, op, {
          action: "hr_agencies.updated",
          objectType: "hr_agency",
          objectId: id,
          detail: { fields: Object.keys(input) },
        });
      });
      const updated = (await findAgency(db(), id))!;
      noteAgency(subjectOf(updated));
      return detailOf(op, updated);
    },

    /** Submits (the agency's account) or records (the department) the year's report: a second call
     * replaces it until it is accepted. The same body twice leaves the same report. */
    async putReport(op: Op, id: string, year: number, input: HrReportBody): Promise<HrAgencyReport> {
      const row = await allowed(op, id, "hrAgencies.report");
      const thisYear = Number(today().slice(0, 4));
      if (year > thisYear)
        throw invalidFields("HR_REPORT_YEAR", [
          {
            path: "/year",
            message: { zh: `不能报送${year}年度（尚未到来）的报告`, en: `The year ${year} has not come yet` },
          },
        ]);
      const source = hasRole(op.actor, "employer", row.org_id ?? "") ? "agency" : "authority";
      const now = deps.clock.now().toISOString();
      const values = {
        staff_count: input.staffCount,
        served_persons: input.servedPersons,
        placements: input.placements,
        revenue_fen: input.revenueFen,
        summary: input.summary.trim(),
      };
      await inTransaction(deps, async (trx) => {
        const existing = await findReport(trx, id, year);
        if (existing) {
          const done = await updateOpenReport(trx, existing.id, {
            ...values,
            status: "submitted",
            source,
            submitted_by: op.actor.userId,
            submitted_at: now,
            reviewed_by: null,
            reviewed_at: null,
          });
          if (!done)
            throw conflict("HR_REPORT_ACCEPTED", {
              zh: `${year}年度报告已审核通过，不能再修改`,
              en: `The ${year} report has been accepted and cannot change`,
            });
        } else {
          await insertReport(trx, {
            id: newId(deps.clock.now().getTime()),
            agency_id: id,
            year,
            status: "submitted",
            source,
            ...values,
            submitted_by: op.actor.userId,
            submitted_at: now,
            reviewed_by: null,
            reviewed_at: null,
            review_note: null,
          });
        }
        await writeAudit(trx, op, {
          action: "hr_agencies.report_submitted",
          objectType: "hr_agency",
          objectId: id,
          detail: { year, source },
        });
      });
      return toReport((await findReport(db(), id, year))!);
    },

    async reviewReport(
      op: Op,
      id: string,
      year: number,
      input: { decision: "accept" | "return"; note?: string },
    ): Promise<HrAgencyReport> {
      await allowed(op, id, "hrAgencies.manage");
      const note = input.note?.trim() || null;
      if (input.decision === "return" && note === null)
        throw new AppError("unprocessable", "HR_REPORT_NOTE_REQUIRED", {
          zh: "退回年度报告须写明理由",
          en: "A note is required to return a report",
        });
      await inTransaction(deps, async (trx) => {
        const report = await findReport(trx, id, year);
        if (!report) throw notFound(REPORT);
        const done = await reviewSubmittedReport(trx, report.id, {
          status: input.decision === "accept" ? "accepted" : "returned",
          reviewed_by: op.actor.userId,
          reviewed_at: deps.clock.now().toISOString(),
          review_note: note,
        });
        if (!done)
          throw conflict("HR_REPORT_NOT_SUBMITTED", {
            zh: `${year}年度报告不在待审核状态`,
            en: `The ${year} report is not waiting for review`,
          });
        await writeAudit(trx, op, {
          action: `hr_agencies.report_${input.decision === "accept" ? "accepted" : "returned"}`,
          objectType: "hr_agency",
          objectId: id,
          detail: { year, note },
        });
      });
      return toReport((await findReport(db(), id, year))!);
    },

    async createContract(op: Op, id: string, input: CreateHrContractBody): Promise<HrAgencyContract> {
      await allowed(op, id, "hrAgencies.manage");
      const errors = checkPeriod(input.periodFrom, input.periodTo);
      if (errors.length > 0) throw invalidFields("HR_CONTRACT_INVALID", errors);
      const contractId = newId(deps.clock.now().getTime());
      const now = deps.clock.now().toISOString();
      const title = input.title.trim();
      await inTransaction(deps, async (trx) => {
        const same = await findSameContract(trx, id, title, input.periodFrom);
        if (same)
          throw conflict(
            "HR_CONTRACT_EXISTS",
            { zh: "该机构已登记同名、同起始日期的合同", en: "This contract is already recorded" },
            { existingId: same.id },
          );
        await insertContract(trx, {
          id: contractId,
          agency_id: id,
          title,
          amount_fen: input.amountFen,
          period_from: input.periodFrom,
          period_to: input.periodTo,
          deliverables: input.deliverables.trim(),
          status: "signed",
          created_by: op.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await writeAudit(trx, op, {
          action: "hr_agencies.contract_created",
          objectType: "hr_agency_contract",
          objectId: contractId,
          detail: { agencyId: id, title, amountFen: input.amountFen },
        });
      });
      return toContract((await findContract(db(), contractId))!);
    },

    async updateContract(op: Op, contractId: string, input: UpdateHrContractBody): Promise<HrAgencyContract> {
      const contract = await findContract(db(), contractId);
      if (!contract) throw notFound(CONTRACT);
      const agency = await findAgency(db(), contract.agency_id);
      if (!agency || !can(op.actor, "hrAgencies.manage", subjectOf(agency))) throw notFound(CONTRACT);
      const errors = checkPeriod(
        input.periodFrom ?? contract.period_from,
        input.periodTo ?? contract.period_to,
      );
      if (errors.length > 0) throw invalidFields("HR_CONTRACT_INVALID", errors);
      if (contract.status === "accepted" || contract.status === "terminated") {
        if (input.status !== contract.status || Object.keys(input).length > 1)
          throw conflict("HR_CONTRACT_CLOSED", {
            zh: "合同已验收或终止，不能再修改",
            en: "The contract is accepted or terminated and cannot change",
          });
        return toContract(contract);
      }
      await inTransaction(deps, async (trx) => {
        await updateContract(trx, contractId, {
          ...(input.title !== undefined ? { title: input.title.trim() } : {}),
          ...(input.amountFen !== undefined ? { amount_fen: input.amountFen } : {}),
          ...(input.periodFrom !== undefined ? { period_from: input.periodFrom } : {}),
          ...(input.periodTo !== undefined ? { period_to: input.periodTo } : {}),
          ...(input.deliverables !== undefined ? { deliverables: input.deliverables.trim() } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          updated_at: deps.clock.now().toISOString(),
        });
        await writeAudit(trx, op, {
          action: "hr_agencies.contract_updated",
          objectType: "hr_agency_contract",
          objectId: contractId,
          detail: { fields: Object.keys(input), status: input.status ?? null },
        });
      });
      return toContract((await findContract(db(), contractId))!);
    },
  };
}
export type HrAgencyService = ReturnType<typeof makeHrAgencyService>;
