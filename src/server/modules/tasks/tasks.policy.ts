import { type Actor, definePolicy, hasAnyRole, hasRole, type Role } from "../../lib/authz.js";

/** What the rules need to know about a task: which organisations lead it and which share it. */
export interface TaskSubject {
  leadOrgIds: readonly string[];
  responsibleOrgIds: readonly string[];
}

/** What the rules need to know about a progress report: the unit that wrote it. */
export interface ReportSubject {
  orgId: string;
}

const holdsAt = (actor: Actor, roles: readonly Role[], orgIds: readonly string[]): boolean =>
  actor.roles.some((g) => roles.includes(g.role) && orgIds.includes(g.orgId));

const unitsOf = (task: TaskSubject): string[] => [...task.leadOrgIds, ...task.responsibleOrgIds];

// The talent office sees and steers every task; a department's officers and leaders see the tasks
// their organisation leads or shares. Officers of a lead unit keep the milestones; officers of any
// unit on the task report progress; a leader of the reporting unit signs the report off.
export const taskPolicy = definePolicy("tasks", {
  read: (actor, task?: TaskSubject) =>
    hasRole(actor, "talent_office") ||
    (task === undefined
      ? hasAnyRole(actor, ["officer", "leader"])
      : holdsAt(actor, ["officer", "leader"], unitsOf(task))),
  update: (actor) => hasRole(actor, "talent_office"),
  manageMilestones: (actor, task?: TaskSubject) =>
    hasRole(actor, "talent_office") ||
    (task === undefined ? hasRole(actor, "officer") : holdsAt(actor, ["officer"], task.leadOrgIds)),
  writeReport: (actor, task?: TaskSubject) =>
    task === undefined ? hasRole(actor, "officer") : holdsAt(actor, ["officer"], unitsOf(task)),
  reviewReport: (actor, report?: ReportSubject) =>
    report === undefined ? hasRole(actor, "leader") : hasRole(actor, "leader", report.orgId),
});
