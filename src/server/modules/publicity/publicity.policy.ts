import { type Actor, definePolicy, hasAnyRole, hasRole, type Role } from "../../lib/authz.js";

/** What the rules need to know about a publicity notice (公示): the organisation that owns it. */
export interface NoticeSubject {
  ownerOrgId: string;
}

/** Roles that read and answer objections at their own organisation. */
export const HANDLERS: readonly Role[] = ["officer", "leader", "talent_office"];

const handlesAt = (actor: Actor, orgId: string) => HANDLERS.some((role) => hasRole(actor, role, orgId));

// Anyone may read a notice and lodge an objection on the public portal (routes marked public). Inside,
// objections are routed to the owning organisation: its officers, leaders (and the talent office, when
// it owns the notice) read and answer them; the talent office oversees every notice.
export const publicityPolicy = definePolicy("publicity", {
  read: (actor, notice?: NoticeSubject) =>
    notice === undefined
      ? hasAnyRole(actor, HANDLERS)
      : hasRole(actor, "talent_office") || handlesAt(actor, notice.ownerOrgId),
  answer: (actor, notice?: NoticeSubject) =>
    notice === undefined ? hasAnyRole(actor, HANDLERS) : handlesAt(actor, notice.ownerOrgId),
});
