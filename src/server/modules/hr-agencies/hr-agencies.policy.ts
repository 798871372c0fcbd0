import { type Actor, definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

/** What the rules need to know about an agency: who keeps its record and whose agency it is. */
export interface AgencySubject {
  authorityOrgId: string;
  orgId: string | null;
}

/** An officer or leader of the department that keeps the record (登记机关, 市人社局 in the demo). */
export const atAuthority = (actor: Actor, a: AgencySubject) =>
  hasRole(actor, "officer", a.authorityOrgId) || hasRole(actor, "leader", a.authorityOrgId);

const ownAgency = (actor: Actor, a: AgencySubject) => a.orgId !== null && hasRole(actor, "employer", a.orgId);

// 人力资源服务机构: a department's officers and leaders register the agencies it keeps and manage them
// (records, report review, 政府购买服务 contracts); the talent office reads every record; the agency's
// own employer account reads its record and submits its annual report.
export const hrAgenciesPolicy = definePolicy("hrAgencies", {
  list: (actor) => hasAnyRole(actor, ["talent_office", "officer", "leader"]),
  own: (actor) => hasRole(actor, "employer"),
  read: (actor, a?: AgencySubject) =>
    a === undefined
      ? hasAnyRole(actor, ["talent_office", "officer", "leader", "employer"])
      : hasRole(actor, "talent_office") || atAuthority(actor, a) || ownAgency(actor, a),
  /** Contracts are the department's and the office's business, not the agency account's. */
  readContracts: (actor, a?: AgencySubject) =>
    a === undefined
      ? hasAnyRole(actor, ["talent_office", "officer", "leader"])
      : hasRole(actor, "talent_office") || atAuthority(actor, a),
  manage: (actor, a?: AgencySubject) =>
    a === undefined ? hasAnyRole(actor, ["officer", "leader"]) : atAuthority(actor, a),
  report: (actor, a?: AgencySubject) =>
    a === undefined
      ? hasAnyRole(actor, ["officer", "leader", "employer"])
      : atAuthority(actor, a) || ownAgency(actor, a),
});

// The departments that keep some agency's record and the organisations that are an agency, kept by
// the service (loaded at start, added to on registration) so that the menu is decided without a
// query: a department with no agencies, or an employer that is none, sees no menu entry.
const authorityOrgIds = new Set<string>();
const agencyOrgIds = new Set<string>();

export function noteAgency(a: AgencySubject): void {
  authorityOrgIds.add(a.authorityOrgId);
  if (a.orgId !== null) agencyOrgIds.add(a.orgId);
}

/** Whether the menu shows the registry: the talent office, and the departments that keep agencies. */
export const seesHrAgencies = (actor: Actor): boolean =>
  hasRole(actor, "talent_office") ||
  actor.roles.some((r) => (r.role === "officer" || r.role === "leader") && authorityOrgIds.has(r.orgId));

/** Whether the menu shows "本机构": an employer account of an agency. */
export const seesOwnHrAgency = (actor: Actor): boolean =>
  actor.roles.some((r) => r.role === "employer" && agencyOrgIds.has(r.orgId));
