import { AppError, forbidden } from "./errors.js";

// The permission layer: every domain registers named rules `domain.action`; routes declare the rule
// that gates them, services check the same rules against the concrete object.

export const ROLES = [
  "talent",
  "employer",
  "officer",
  "leader",
  "talent_office",
  "expert",
  "sysadmin",
  "secadmin",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];

/** 三权分立: no account may hold two of these. */
export const ADMIN_ROLES: readonly Role[] = ["sysadmin", "secadmin", "auditor"];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  talent: { zh: "人才", en: "Talent" },
  employer: { zh: "用人单位", en: "Employer" },
  officer: { zh: "经办人", en: "Officer" },
  leader: { zh: "审核/分管领导", en: "Reviewer/Leader" },
  talent_office: { zh: "人才办", en: "Talent office" },
  expert: { zh: "评审专家", en: "Expert" },
  sysadmin: { zh: "系统管理员", en: "System admin" },
  secadmin: { zh: "安全管理员", en: "Security admin" },
  auditor: { zh: "安全审计员", en: "Auditor" },
};

export interface RoleGrant {
  role: Role;
  orgId: string;
}

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  roles: RoleGrant[];
  mustChangePassword: boolean;
}

export const hasRole = (actor: Actor, role: Role, orgId?: string): boolean =>
  actor.roles.some((g) => g.role === role && (orgId === undefined || g.orgId === orgId));

export const hasAnyRole = (actor: Actor, roles: readonly Role[]): boolean =>
  actor.roles.some((g) => roles.includes(g.role));

/** A rule answers "may this actor do this to that subject?"; called without a subject it answers
 * "may this actor do this to some subject of the kind?", which is what routes check up front. */
// biome-ignore lint/suspicious/noExplicitAny: each rule types its own subject; the registry holds them all
export type Rule<S = any> = (actor: Actor, subject?: S) => boolean;

const registry = new Map<string, Rule>();

export function definePolicy<T extends Record<string, Rule>>(domain: string, rules: T): T {
  for (const [action, rule] of Object.entries(rules)) {
    const name = `${domain}.${action}`;
    if (registry.has(name) && registry.get(name) !== rule) throw new Error(`policy ${name} defined twice`);
    registry.set(name, rule);
  }
  return rules;
}

/** Route-level markers that are not domain rules. */
export const PUBLIC = "public";
export const AUTHENTICATED = "authenticated";

export function isKnownPolicy(name: string): boolean {
  return name === PUBLIC || name === AUTHENTICATED || registry.has(name);
}

export function policyNames(): string[] {
  return [...registry.keys()].sort();
}

export function can<S>(actor: Actor, action: string, subject?: S): boolean {
  if (action === AUTHENTICATED) return true;
  const rule = registry.get(action);
  if (!rule)
    throw new AppError("internal", "UNKNOWN_POLICY", {
      zh: "未定义的权限规则",
      en: `Unknown policy ${action}`,
    });
  return rule(actor, subject);
}

export function authorize<S>(actor: Actor, action: string, subject?: S): void {
  if (!can(actor, action, subject)) throw forbidden();
}

/** The list/bulk form: the subset of subjects the actor may act on, in their original order. */
export function allowedSubset<S>(actor: Actor, action: string, subjects: readonly S[]): S[] {
  return subjects.filter((s) => can(actor, action, s));
}
