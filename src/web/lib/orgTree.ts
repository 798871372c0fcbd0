import type { Org } from "../api/types";

export interface OrgNode {
  org: Org;
  children: OrgNode[];
}

/** Build a forest from the flat, ordered list. Orphans and cycles become roots, nothing is lost. */
export function buildOrgTree(orgs: readonly Org[]): OrgNode[] {
  const byId = new Map<string, OrgNode>();
  for (const o of orgs) byId.set(o.id, { org: o, children: [] });
  const roots: OrgNode[] = [];
  const attached = new Set<string>();
  for (const o of orgs) {
    const node = byId.get(o.id)!;
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    if (parent && parent !== node) {
      parent.children.push(node);
      attached.add(o.id);
    } else roots.push(node);
  }
  // Cycle guard: anything not reachable from a root is promoted to a root.
  const seen = new Set<string>();
  const walk = (n: OrgNode) => {
    if (seen.has(n.org.id)) return;
    seen.add(n.org.id);
    for (const c of n.children) walk(c);
  };
  for (const r of roots) walk(r);
  for (const o of orgs) {
    if (!seen.has(o.id)) {
      const node = byId.get(o.id)!;
      roots.push(node);
      walk(node);
    }
  }
  return roots;
}

/** The id and every descendant id of `id`. */
export function subtreeIds(orgs: readonly Org[], id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const o of orgs) {
    if (!o.parentId) continue;
    const list = children.get(o.parentId) ?? [];
    list.push(o.id);
    children.set(o.parentId, list);
  }
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    if (out.has(cur)) continue;
    out.add(cur);
    for (const c of children.get(cur) ?? []) stack.push(c);
  }
  return out;
}

export interface OrgSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children: OrgSelectNode[];
}

/** TreeSelect data; ids in `disabled` cannot be chosen (e.g. an org and its own descendants). */
export function orgSelectTree(orgs: readonly Org[], disabled?: Set<string>): OrgSelectNode[] {
  const conv = (n: OrgNode): OrgSelectNode => ({
    value: n.org.id,
    title: n.org.name,
    disabled: disabled?.has(n.org.id) || undefined,
    children: n.children.map(conv),
  });
  return buildOrgTree(orgs).map(conv);
}
