import { type Actor, definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

interface ClaimSubject {
  userId: string;
}

// A claim of an existing registry record by a new portal account: its claimant sees it, asks for
// and enters the SMS code, and attaches the authorisation letter; the talent office decides.
export const claimPolicy = definePolicy("claims", {
  own: (actor: Actor, claim?: ClaimSubject) =>
    claim === undefined ? hasAnyRole(actor, ["talent", "employer"]) : claim.userId === actor.userId,
  manage: (actor) => hasRole(actor, "talent_office"),
});
