// From unit names as a document writes them to organisations. Pure.
//
// Group entries ("市人才工作领导小组成员单位", "各相关部门", "各县（市）区") name a set of bodies, not
// one: nobody logs in as "the relevant departments", nobody can be reminded, supervised or ranked as
// one, and the set changes without the document changing. Making them organisations would create
// accounts-less rows that collect red lights and assessment scores for no one. So they stay text on
// the task (groupUnits); the talent office addresses supervision to the concrete members instead.

import type { OrgKind } from "../../../contracts/orgs.js";

const GROUP_PATTERNS = [
  /^各/, // 各相关部门, 各县（市）区, 各有关单位
  /成员单位$/, // 市人才工作领导小组成员单位
  /^(?:有关|相关|其他)/, // 有关部门, 相关单位
  /(?:有关|相关)(?:部门|单位)$/, // 市直有关部门
  /^(?:全市|市直)(?:各|有关|相关)?(?:部门|单位)/,
];

export function isGroupUnit(name: string): boolean {
  return GROUP_PATTERNS.some((p) => p.test(name));
}

/** One spelling for names that differ only in blanks or full-width parentheses. */
export function normaliseUnitName(name: string): string {
  return name.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")");
}

/** Party and government bodies of the city (市…, 团市委, 中共…) or anything else (institutions, zones). */
export function orgKindFor(name: string): OrgKind {
  return /^(?:市|团市委|中共)/.test(name) ? "party_gov" : "agency";
}

export interface UnitDirectory {
  /** alias → canonical name */
  aliases: ReadonlyMap<string, string>;
  /** organisation name → id */
  byName: ReadonlyMap<string, string>;
  /** organisation short name → id */
  byShortName: ReadonlyMap<string, string>;
}

export type ResolvedUnit =
  | { kind: "group"; name: string }
  | { kind: "org"; orgId: string }
  | { kind: "new"; name: string; orgKind: OrgKind };

/** The alias table first (市发改委 → 市发展改革委), then organisation names, then short names. */
export function resolveUnit(written: string, dir: UnitDirectory): ResolvedUnit {
  const name = normaliseUnitName(written);
  if (isGroupUnit(name)) return { kind: "group", name };
  const canonical = dir.aliases.get(name) ?? name;
  const orgId =
    dir.byName.get(canonical) ??
    dir.byShortName.get(canonical) ??
    dir.byName.get(name) ??
    dir.byShortName.get(name);
  if (orgId !== undefined) return { kind: "org", orgId };
  return { kind: "new", name: canonical, orgKind: orgKindFor(canonical) };
}
