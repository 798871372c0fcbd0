import { definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

// Organisations are managed by the system admin; government staff read the tree to route work.
export const orgPolicy = definePolicy("orgs", {
  read: (actor) => hasAnyRole(actor, ["sysadmin", "talent_office", "officer", "leader", "auditor"]),
  create: (actor) => hasRole(actor, "sysadmin"),
  update: (actor) => hasRole(actor, "sysadmin"),
});
