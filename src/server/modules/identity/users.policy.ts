import type { Actor } from "../../lib/authz.js";
import { definePolicy, hasRole } from "../../lib/authz.js";

interface UserSubject {
  id: string;
}

// Accounts are the system admin's (三权分立); nobody changes their own roles or status,
// so an admin cannot lock themselves out or grant themselves more.
const notSelf = (actor: Actor, target?: UserSubject) => target === undefined || target.id !== actor.userId;

export const userPolicy = definePolicy("users", {
  list: (actor) => hasRole(actor, "sysadmin"),
  create: (actor) => hasRole(actor, "sysadmin"),
  setRoles: (actor, target?: UserSubject) => hasRole(actor, "sysadmin") && notSelf(actor, target),
  setStatus: (actor, target?: UserSubject) => hasRole(actor, "sysadmin") && notSelf(actor, target),
  resetPassword: (actor, target?: UserSubject) => hasRole(actor, "sysadmin") && notSelf(actor, target),
  unlock: (actor) => hasRole(actor, "sysadmin"),
});
