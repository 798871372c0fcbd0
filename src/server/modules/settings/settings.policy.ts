import { definePolicy, hasRole } from "../../lib/authz.js";

export const settingsPolicy = definePolicy("settings", {
  readSecurity: (actor) => hasRole(actor, "secadmin"),
  updateSecurity: (actor) => hasRole(actor, "secadmin"),
});
