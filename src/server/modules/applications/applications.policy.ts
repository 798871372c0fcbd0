import { type Actor, definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

/** What the rules need to know about an application: its applicant and the organisations of the
 * steps it has reached (an officer of an organisation it never reached does not see it). */
export interface ApplicationSubject {
  applicantUserId: string;
  reachedOrgIds: readonly string[];
}

const handlesAt = (actor: Actor, orgIds: readonly string[]) =>
  actor.roles.some((g) => (g.role === "officer" || g.role === "leader") && orgIds.includes(g.orgId));

// Talents and employers apply and see their own applications; departments see the applications that
// reached one of their steps and act where the engine says they may; the talent office oversees all.
export const applicationPolicy = definePolicy("applications", {
  apply: (actor, app?: ApplicationSubject) =>
    app === undefined ? hasAnyRole(actor, ["talent", "employer"]) : app.applicantUserId === actor.userId,
  read: (actor, app?: ApplicationSubject) =>
    app === undefined
      ? hasAnyRole(actor, ["talent", "employer", "officer", "leader", "talent_office"])
      : app.applicantUserId === actor.userId ||
        hasRole(actor, "talent_office") ||
        handlesAt(actor, app.reachedOrgIds),
  handle: (actor) => hasAnyRole(actor, ["officer", "leader"]),
  /** Full ID numbers, phones and bank accounts of a form (masked everywhere else): the applicant,
   * the talent office, and the officers and leaders of the organisations the case reached — always
   * with a reason, always audited (applications.service.ts revealForm). */
  reveal: (actor, app?: ApplicationSubject) =>
    app === undefined
      ? hasAnyRole(actor, ["talent", "employer", "officer", "leader", "talent_office"])
      : app.applicantUserId === actor.userId ||
        hasRole(actor, "talent_office") ||
        handlesAt(actor, app.reachedOrgIds),
  /** The office's cross-department list of waiting cases (overdue / due today). */
  oversee: (actor) => hasRole(actor, "talent_office"),
});
