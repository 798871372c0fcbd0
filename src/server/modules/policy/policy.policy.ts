import { definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

// Policy documents belong to the talent office, which imports them and keeps the unit-name aliases;
// every government role reads them (measures are what all their work links to).
export const GOVERNMENT_ROLES = ["talent_office", "officer", "leader"] as const;

export const policyDocumentPolicy = definePolicy("policy", {
  read: (actor) => hasAnyRole(actor, GOVERNMENT_ROLES),
  import: (actor) => hasRole(actor, "talent_office"),
  update: (actor) => hasRole(actor, "talent_office"),
  manageAliases: (actor) => hasRole(actor, "talent_office"),
});
