import { definePolicy, hasRole } from "../../lib/authz.js";

// The public reads the portal without logging in (routes marked public). The talent office's editors
// write, schedule, pin, withdraw articles and import policies as articles.
export const portalPolicy = definePolicy("portal", {
  manage: (actor) => hasRole(actor, "talent_office"),
});
