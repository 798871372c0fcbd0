import { type Actor, definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

/** The organisations that run rounds (evaluation_owners), which the rules check grants against. */
export interface OwnersSubject {
  ownerOrgIds: readonly string[];
}
export interface RoundSubject {
  ownerOrgId: string;
}
export interface AssignmentSubject {
  expertUserId: string | null;
}

const GOV = ["talent_office", "officer", "leader"] as const;

/** An officer or leader of one of the given organisations. */
const staffOf = (actor: Actor, orgIds: readonly string[]) =>
  actor.roles.some((g) => (g.role === "officer" || g.role === "leader") && orgIds.includes(g.orgId));

// The talent office runs every round and keeps the pool; a department (or an employer with delegated
// 自主评审 rights) listed in evaluation_owners runs its own rounds and keeps the pool with the office.
// Called without a subject a rule answers for the route; the service checks the object.
export const evaluationPolicy = definePolicy("evaluation", {
  readDisciplines: (actor) => hasAnyRole(actor, [...GOV, "expert"]),
  readPool: (actor, s?: OwnersSubject) =>
    s === undefined
      ? hasAnyRole(actor, GOV)
      : hasRole(actor, "talent_office") || staffOf(actor, s.ownerOrgIds),
  managePool: (actor, s?: OwnersSubject) =>
    s === undefined
      ? hasAnyRole(actor, GOV)
      : hasRole(actor, "talent_office") || staffOf(actor, s.ownerOrgIds),
  manageRounds: (actor, s?: RoundSubject | OwnersSubject) =>
    s === undefined
      ? hasAnyRole(actor, GOV)
      : hasRole(actor, "talent_office") || staffOf(actor, "ownerOrgId" in s ? [s.ownerOrgId] : s.ownerOrgIds),
  ownProfile: (actor) => hasRole(actor, "expert"),
  score: (actor, s?: AssignmentSubject) =>
    s === undefined ? hasRole(actor, "expert") : hasRole(actor, "expert") && s.expertUserId === actor.userId,
});
