import { type Actor, definePolicy, hasAnyRole, hasRole } from "../../lib/authz.js";

// Who reads the clause report and the cockpit. The talent office reads every department; an
// officer or leader of a department reads the same 23 rows with the numbers of its own units only
// (tasks it leads or shares, items it owns, their applications and money), and may narrow to one
// of its own units but not to another department's (403).
export const reportsPolicy = definePolicy("reports", {
  clauses: (actor, orgId?: string) =>
    orgId === undefined
      ? hasAnyRole(actor, ["talent_office", "leader", "officer"])
      : hasRole(actor, "talent_office") || ownUnits(actor).includes(orgId),
  /** The cockpit is for leaders: the office and department leaders (市人社局's hrss_leader). */
  cockpit: (actor, orgId?: string) =>
    orgId === undefined
      ? hasAnyRole(actor, ["talent_office", "leader"])
      : hasRole(actor, "talent_office") || hasRole(actor, "leader", orgId),
});

/** The departments whose numbers the actor reads; undefined: every department (the office). */
export function reportScope(
  actor: Actor | null,
  roles: readonly ("officer" | "leader")[],
): string[] | undefined {
  if (actor === null || hasRole(actor, "talent_office")) return undefined;
  return [
    ...new Set(actor.roles.filter((g) => (roles as readonly string[]).includes(g.role)).map((g) => g.orgId)),
  ];
}

const ownUnits = (actor: Actor) => reportScope(actor, ["officer", "leader"]) ?? [];
