import type { Me } from "../api/types";

export function hasRole(me: Me, role: string): boolean {
  return me.roles.some((r) => r.role === role);
}

/** The organisations where the user holds one of `roles`, without duplicates. */
export function unitsWithRole(me: Me, roles: readonly string[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const r of me.roles) if (roles.includes(r.role) && !seen.has(r.orgId)) seen.set(r.orgId, r.orgName);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** The talent office (人才办) steers policy, tasks, supervision and assessment. */
export const isTalentOffice = (me: Me) => hasRole(me, "talent_office");
