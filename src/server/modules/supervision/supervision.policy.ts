import { definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

/** What the rules need to know about a supervision order: the unit it is addressed to. */
export interface OrderSubject {
  orgId: string;
}

// 督办: the talent office issues orders; an officer of the addressed unit answers.
export const supervisionPolicy = definePolicy("supervision", {
  read: (actor) => hasAnyRole(actor, ["talent_office", "officer", "leader"]),
  issue: (actor) => hasRole(actor, "talent_office"),
  respond: (actor, order?: OrderSubject) =>
    order === undefined ? hasRole(actor, "officer") : hasRole(actor, "officer", order.orgId),
});
