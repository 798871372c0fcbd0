import { definePolicy, hasRole } from "../../lib/authz.js";

// The calculator itself is public (anonymous answers). A talent may run it on their own registry
// profile, an employer on the items employers apply for; the talent office simulates a proposed rule change over the registry (budget simulation).
export const calculatorPolicy = definePolicy("calculator", {
  me: (actor) => hasRole(actor, "talent") || hasRole(actor, "employer"),
  simulate: (actor) => hasRole(actor, "talent_office"),
});
