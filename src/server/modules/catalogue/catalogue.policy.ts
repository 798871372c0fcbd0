import { definePolicy, hasRole } from "../../lib/authz.js";

// The talent office keeps the service catalogue and the holiday calendar; the published catalogue is
// public (routes marked "public"), drafts are seen only here.
export const cataloguePolicy = definePolicy("catalogue", {
  manage: (actor) => hasRole(actor, "talent_office"),
});

export const holidayPolicy = definePolicy("holidays", {
  manage: (actor) => hasRole(actor, "talent_office"),
});
