import { type Actor, definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

/** What the rules need to know about a fund: who manages it and who pays from it. */
export interface FundSubject {
  ownerOrgId: string;
  financeOrgId: string;
}

/** An entitlement as the rules see it: its fund, its talent and the talent's employer. */
export interface EntitlementSubject extends FundSubject {
  talentUserId: string;
  employerOrgId: string | null;
}

const isManager = (actor: Actor, fund: FundSubject) => hasRole(actor, "talent_office", fund.ownerOrgId);
const isFinance = (actor: Actor, fund: FundSubject) =>
  hasRole(actor, "officer", fund.financeOrgId) || hasRole(actor, "leader", fund.financeOrgId);

// 人才专项资金: the talent office manages funds and entitlements; the finance bureau (officers and
// leaders of the fund's finance organisation) allocates budget and runs payment batches. Other
// departments see no fund. Talents and employers read their own entitlements.
// Without a subject a rule answers the route-level question "may this actor do this to some fund?".
export const fundsPolicy = definePolicy("funds", {
  read: (actor, fund?: FundSubject) =>
    fund === undefined
      ? hasAnyRole(actor, ["talent_office", "officer", "leader"])
      : isManager(actor, fund) || isFinance(actor, fund),
  manage: (actor, fund?: FundSubject) =>
    fund === undefined ? hasRole(actor, "talent_office") : isManager(actor, fund),
  allocate: (actor, fund?: FundSubject) =>
    fund === undefined ? hasAnyRole(actor, ["officer", "leader"]) : isFinance(actor, fund),
  pay: (actor, fund?: FundSubject) =>
    fund === undefined ? hasAnyRole(actor, ["officer", "leader"]) : isFinance(actor, fund),
  reconcile: (actor, fund?: FundSubject) =>
    fund === undefined
      ? hasAnyRole(actor, ["talent_office", "officer", "leader"])
      : isManager(actor, fund) || isFinance(actor, fund),
  /** The fund settings (the dual-approval threshold): the talent office or the finance side; the
   * service adds that an officer or leader must pay some fund, and that a raise is only requested
   * by finance and takes effect with the talent office's co-signature (cosignSettings). */
  changeSettings: (actor) => hasAnyRole(actor, ["talent_office", "officer", "leader"]),
  cosignSettings: (actor) => hasRole(actor, "talent_office"),
  /** A talent's own entitlements; an employer's staff's. */
  mine: (actor) => hasAnyRole(actor, ["talent", "employer"]),
  readEntitlement: (actor, e?: EntitlementSubject) =>
    e === undefined
      ? hasAnyRole(actor, ["talent_office", "officer", "leader", "talent", "employer"])
      : isManager(actor, e) ||
        isFinance(actor, e) ||
        (hasRole(actor, "talent") && actor.userId === e.talentUserId) ||
        (e.employerOrgId !== null && hasRole(actor, "employer", e.employerOrgId)),
});

// The organisations that pay some fund (their officers and leaders are the finance bureau for it),
// kept by the funds service (loaded at start, added to when a fund is created) so that the menu can
// be decided without a query. Another process learns of a new finance organisation on restart.
const financeOrgIds = new Set<string>();

export function noteFinanceOrg(orgId: string): void {
  financeOrgIds.add(orgId);
}

/** Whether the menu shows the funds pages: the talent office, and the finance side of some fund. */
export function seesFunds(actor: Actor): boolean {
  return (
    hasRole(actor, "talent_office") ||
    actor.roles.some((r) => (r.role === "officer" || r.role === "leader") && financeOrgIds.has(r.orgId))
  );
}
