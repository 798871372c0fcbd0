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
