import { definePolicy, hasRole } from "../../lib/authz.js";

// 目标责任制考核 is the talent office's: it sets the scheme, adds reasoned adjustments, reads the ranking.
export const assessmentPolicy = definePolicy("assessment", {
  read: (actor) => hasRole(actor, "talent_office"),
  manage: (actor) => hasRole(actor, "talent_office"),
});
