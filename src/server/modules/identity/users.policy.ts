import type { Actor, Role } from "../../lib/authz.js";
import { definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

/** The account acted on: its id and the roles it holds (or, for create and setRoles, will hold). */
interface UserSubject {
  id?: string;
  roles: readonly Role[];
}

/**
 * 三权分立 with a two-person rule: who keeps an account depends on the roles it holds. Accounts
 * with the auditor role are created, reset and disabled by the security admin; accounts with the
 * security-admin role by the auditor; every other account by the system admin, who can therefore
 * neither grant those two roles nor take over the accounts that watch and configure the platform.
 */
export function custodianOf(roles: readonly Role[]): Role {
  if (roles.includes("auditor")) return "secadmin";
  if (roles.includes("secadmin")) return "auditor";
  return "sysadmin";
}

const CUSTODIANS: readonly Role[] = ["sysadmin", "secadmin", "auditor"];

// Nobody changes their own roles or status, so an admin cannot lock themselves out or grant
// themselves more.
const notSelf = (actor: Actor, target?: UserSubject) =>
  target?.id === undefined || target.id !== actor.userId;

/** Without a subject (the route's check): any custodian; with one: that account's custodian only. */
const keeps = (actor: Actor, target?: UserSubject) =>
  target === undefined ? hasAnyRole(actor, CUSTODIANS) : hasRole(actor, custodianOf(target.roles));

export const userPolicy = definePolicy("users", {
  list: (actor) => hasAnyRole(actor, CUSTODIANS),
  create: (actor, target?: UserSubject) => keeps(actor, target),
  setRoles: (actor, target?: UserSubject) => keeps(actor, target) && notSelf(actor, target),
  setStatus: (actor, target?: UserSubject) => keeps(actor, target) && notSelf(actor, target),
  resetPassword: (actor, target?: UserSubject) => keeps(actor, target) && notSelf(actor, target),
  unlock: (actor, target?: UserSubject) => keeps(actor, target) && notSelf(actor, target),
  /** A lost phone: the account's custodian switches its two-factor authentication off. */
  resetMfa: (actor, target?: UserSubject) => keeps(actor, target) && notSelf(actor, target),
});
