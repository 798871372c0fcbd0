import { definePolicy, hasRole } from "../../lib/authz.js";

// 免申即享: the talent office runs an item's rule over the registry and sees the results; a talent
// sees and answers only the offers made to their own account (others' offers: 404).
export interface OfferSubject {
  userId: string;
}

export const proactivePolicy = definePolicy("proactive", {
  manage: (actor) => hasRole(actor, "talent_office"),
  offers: (actor, offer?: OfferSubject) =>
    hasRole(actor, "talent") && (offer === undefined || offer.userId === actor.userId),
});
