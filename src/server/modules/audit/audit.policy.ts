import { definePolicy, hasRole } from "../../lib/authz.js";

// The audit trail is for the auditor alone (三权分立): system and security admins cannot read it.
export const auditPolicy = definePolicy("audit", {
  read: (actor) => hasRole(actor, "auditor"),
  verify: (actor) => hasRole(actor, "auditor"),
  // The retention period is the auditor's alone (not the system or security admin's).
  readRetention: (actor) => hasRole(actor, "auditor"),
  updateRetention: (actor) => hasRole(actor, "auditor"),
});
