// Every query of the 人力资源服务机构 tables.
import type { Insertable, Kysely, Updateable } from "kysely";
import type { DB } from "../../db/schema.js";
import type {
  HrAgencyContractTable,
  HrAgencyReportTable,
  HrAgencyTable,
} from "../../db/tables/hr-agencies.js";

const AGENCY_COLUMNS = [
  "a.id",
  "a.name",
  "a.uscc",
  "a.licence_no",
  "a.licence_valid_from",
  "a.licence_valid_to",
  "a.services",
  "a.contact_name",
  "a.contact_phone",
  "a.address",
  "a.authority_org_id",
  "a.org_id",
  "a.status",
  "a.created_at",
  "a.updated_at",
  "auth.name as authority_name",
  "own.name as org_name",
] as const;

function agencies(db: Kysely<DB>) {
  return db
    .selectFrom("hr_agencies as a")
    .innerJoin("organisations as auth", "auth.id", "a.authority_org_id")
    .leftJoin("organisations as own", "own.id", "a.org_id")
    .select(AGENCY_COLUMNS);
}

export type AgencyRow = NonNullable<Awaited<ReturnType<typeof findAgency>>>;
export type ReportRow = HrAgencyReportTable;
export type ContractRow = HrAgencyContractTable;

export const findAgency = (db: Kysely<DB>, id: string) =>
  agencies(db).where("a.id", "=", id).executeTakeFirst();

export const findAgencyByUscc = (db: Kysely<DB>, uscc: string) =>
  db.selectFrom("hr_agencies").select(["id", "name"]).where("uscc", "=", uscc).executeTakeFirst();

/** The agency whose own organisation is one of these (an employer account's). */
export const agencyOfOrgs = (db: Kysely<DB>, orgIds: string[]) =>
  agencies(db).where("a.org_id", "in", orgIds).orderBy("a.id").executeTakeFirst();

/** A page by id; `authorityOrgIds` undefined means every department's records (the talent office). */
export function listAgencies(
  db: Kysely<DB>,
  q: {
    authorityOrgIds?: string[];
    q?: string;
    status?: string;
    service?: string;
    after?: string;
    limit: number;
  },
) {
  let query = agencies(db);
  if (q.authorityOrgIds) query = query.where("a.authority_org_id", "in", q.authorityOrgIds);
  if (q.status) query = query.where("a.status", "=", q.status);
  if (q.q) {
    // Wildcards are dropped (SQLite's LIKE has no default escape character).
    const like = `%${q.q.replace(/[%_\\]/g, "")}%`;
    const upper = like.toUpperCase();
    query = query.where((eb) => eb.or([eb("a.name", "like", like), eb("a.uscc", "like", upper)]));
  }
  // services is a JSON array of fixed words; the quoted word cannot match inside another.
  if (q.service) query = query.where("a.services", "like", `%"${q.service}"%`);
  if (q.after) query = query.where("a.id", ">", q.after);
  return query
    .orderBy("a.id")
    .limit(q.limit + 1)
    .execute();
}

export const insertAgency = (db: Kysely<DB>, row: Insertable<HrAgencyTable>) =>
  db.insertInto("hr_agencies").values(row).execute();

export const updateAgency = (db: Kysely<DB>, id: string, set: Updateable<HrAgencyTable>) =>
  db.updateTable("hr_agencies").set(set).where("id", "=", id).execute();

export const reportsOf = (db: Kysely<DB>, agencyId: string) =>
  db
    .selectFrom("hr_agency_reports")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("year", "desc")
    .execute();

/** The latest report (year, status) of each agency listed. */
export async function lastReports(db: Kysely<DB>, agencyIds: string[]) {
  if (agencyIds.length === 0) return new Map<string, { year: number; status: string }>();
  const rows = await db
    .selectFrom("hr_agency_reports")
    .select(["agency_id", "year", "status"])
    .where("agency_id", "in", agencyIds)
    .orderBy("year", "desc")
    .execute();
  const last = new Map<string, { year: number; status: string }>();
  for (const r of rows) if (!last.has(r.agency_id)) last.set(r.agency_id, { year: r.year, status: r.status });
  return last;
}

export const findReport = (db: Kysely<DB>, agencyId: string, year: number) =>
  db
    .selectFrom("hr_agency_reports")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .where("year", "=", year)
    .executeTakeFirst();

export const insertReport = (db: Kysely<DB>, row: Insertable<HrAgencyReportTable>) =>
  db.insertInto("hr_agency_reports").values(row).execute();

/** Updates a report unless it has been accepted; answers whether it did. */
export async function updateOpenReport(
  db: Kysely<DB>,
  id: string,
  set: Updateable<HrAgencyReportTable>,
): Promise<boolean> {
  const r = await db
    .updateTable("hr_agency_reports")
    .set(set)
    .where("id", "=", id)
    .where("status", "!=", "accepted")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Reviews a submitted report; answers whether this call did it. */
export async function reviewSubmittedReport(
  db: Kysely<DB>,
  id: string,
  set: { status: string; reviewed_by: string; reviewed_at: string; review_note: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable("hr_agency_reports")
    .set(set)
    .where("id", "=", id)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const contractsOf = (db: Kysely<DB>, agencyId: string) =>
  db
    .selectFrom("hr_agency_contracts")
    .selectAll()
    .where("agency_id", "=", agencyId)
    .orderBy("id", "desc")
    .execute();

export const findContract = (db: Kysely<DB>, id: string) =>
  db.selectFrom("hr_agency_contracts").selectAll().where("id", "=", id).executeTakeFirst();

/** The same contract recorded twice: one agency, one title, one start date. */
export const findSameContract = (db: Kysely<DB>, agencyId: string, title: string, periodFrom: string) =>
  db
    .selectFrom("hr_agency_contracts")
    .select("id")
    .where("agency_id", "=", agencyId)
    .where("title", "=", title)
    .where("period_from", "=", periodFrom)
    .executeTakeFirst();

export const insertContract = (db: Kysely<DB>, row: Insertable<HrAgencyContractTable>) =>
  db.insertInto("hr_agency_contracts").values(row).execute();

export const updateContract = (db: Kysely<DB>, id: string, set: Updateable<HrAgencyContractTable>) =>
  db.updateTable("hr_agency_contracts").set(set).where("id", "=", id).execute();

export const orgKind = (db: Kysely<DB>, id: string) =>
  db.selectFrom("organisations").select(["id", "kind"]).where("id", "=", id).executeTakeFirst();
