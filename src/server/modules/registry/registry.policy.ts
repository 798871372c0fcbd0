import { type Actor, definePolicy, hasAnyRole, hasRole, type Role } from "../../lib/authz.js";

/** What the rules need to know about a talent record: whose it is, and which organisations employ
 * the person (the employer accounts of a registered employer, full-time or flexibly engaged). */
export interface TalentSubject {
  userId: string | null;
  employerOrgIds: readonly string[];
}

/** What the rules need to know about an employer record: the organisation that acts for it. */
export interface EmployerSubject {
  orgId: string | null;
}

/** Departments read the registry (masked) for the applications and tasks they handle. */
const GOVERNMENT: readonly Role[] = ["talent_office", "officer", "leader"];

const holdsAt = (actor: Actor, role: Role, orgIds: readonly (string | null)[]): boolean =>
  actor.roles.some((g) => g.role === role && orgIds.includes(g.orgId));

// The talent office keeps the registry; departments read it masked; an employer reads its own
// record and its own staff (masked); a talent reads and edits their own record except the tier.
// Full ID numbers, phones and bank accounts are revealed only to the talent office, with a reason,
// and to the talent for their own record — every reveal audited.
export const registryPolicy = definePolicy("registry", {
  listTalents: (actor) => hasAnyRole(actor, [...GOVERNMENT, "employer"]),
  readTalent: (actor, talent?: TalentSubject) =>
    talent === undefined
      ? hasAnyRole(actor, [...GOVERNMENT, "employer", "talent"])
      : hasAnyRole(actor, GOVERNMENT) ||
        (talent.userId !== null && talent.userId === actor.userId) ||
        holdsAt(actor, "employer", talent.employerOrgIds),
  manageTalents: (actor) => hasRole(actor, "talent_office"),
  readOwn: (actor) => hasRole(actor, "talent"),
  updateOwn: (actor) => hasRole(actor, "talent"),
  reveal: (actor, talent?: TalentSubject) =>
    talent === undefined
      ? hasAnyRole(actor, ["talent_office", "talent"])
      : hasRole(actor, "talent_office") || (talent.userId !== null && talent.userId === actor.userId),
  listEmployers: (actor) => hasAnyRole(actor, GOVERNMENT),
  readEmployer: (actor, employer?: EmployerSubject) =>
    employer === undefined
      ? hasAnyRole(actor, [...GOVERNMENT, "employer"])
      : hasAnyRole(actor, GOVERNMENT) || holdsAt(actor, "employer", [employer.orgId]),
  readOwnEmployer: (actor) => hasRole(actor, "employer"),
  manageEmployers: (actor) => hasRole(actor, "talent_office"),
  import: (actor) => hasRole(actor, "talent_office"),
  readRules: (actor) => hasRole(actor, "talent_office"),
  /** Why the tier rules give a talent the tier they give: whoever may read the record. */
  explainTier: (actor, talent?: TalentSubject) =>
    talent === undefined
      ? hasAnyRole(actor, [...GOVERNMENT, "employer", "talent"])
      : hasAnyRole(actor, GOVERNMENT) ||
        (talent.userId !== null && talent.userId === actor.userId) ||
        holdsAt(actor, "employer", talent.employerOrgIds),
  manageRules: (actor) => hasRole(actor, "talent_office"),
  /** Pending bank-account changes: the talent office lists them and confirms or rejects them (the
   * service adds: never the person who asked, never the talent themselves). */
  decideBankChanges: (actor) => hasRole(actor, "talent_office"),
  /** Salary, tax and the full birth date (PIPL minimisation): the office that keeps the registry and
   * the talent themself. Departments and employers get the year of birth and no income figures; the
   * amount rules that need income run on the server. */
  readIncome: (actor, talent?: TalentSubject) =>
    hasRole(actor, "talent_office") ||
    (talent !== undefined && talent.userId !== null && talent.userId === actor.userId),
});
