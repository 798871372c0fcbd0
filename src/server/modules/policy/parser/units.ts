// Unit lists: "市编委办、市工信委", "市民政局,各相关部门", "市人社局（牵头）、市财政局",
// "市人社局 市财政局", names broken by a line wrap ("市民\n政局", "沿 海产业基地").

import { ROLE_VERB, type Role, VERB_ROLE } from "./labels.js";
import { cleanText, splitOutsideParens } from "./text.js";

export interface AssignedUnit {
  name: string;
  role: Role;
}

// Last characters of a complete unit name (局, 委, 办, 部门, 单位, 中心, 基地, 片区, 学院, …).
const UNIT_END = /[局委办部会院厅处室府联校站所司行团队组区地心门位社馆署台盟协园庭军关)）]$/;
// First characters of a name that begins a new unit rather than continuing a broken one.
const UNIT_START = /^(?:[市省县区各团]|中共|中国|国家)/;
// "市商务局等" / "…等有关单位": the 等 ("and others") is not part of the name.
const ET_CETERA = /等(?:有关|相关)?(?:单位|部门)?$/;
const PART_SEPARATORS = /[，,；;]/;
const ANY_SEPARATOR = /[、，,；;]/;

function withoutEtCetera(name: string): string {
  const stripped = name.replace(ET_CETERA, "");
  return stripped === "" ? name : stripped;
}

/** True when `name` ends like a whole unit name ("…局", "…基地"), not a fragment ("市民"). */
export function looksComplete(name: string): boolean {
  return UNIT_END.test(withoutEtCetera(name.trim()));
}

/**
 * Split one clause of a unit list at 、 and at whitespace that separates two whole names.
 * Any other whitespace is a wrap inside a name and is dropped later by cleanText.
 */
function splitNames(clause: string): string[] {
  const names: string[] = [];
  let start = 0;
  let depth = 0;
  let i = 0;
  while (i < clause.length) {
    const c = clause[i] ?? "";
    if (c === "（" || c === "(") depth++;
    else if ((c === "）" || c === ")") && depth > 0) depth--;
    if (depth === 0 && c === "、") {
      names.push(clause.slice(start, i));
      start = i + 1;
    } else if (depth === 0 && /\s/.test(c)) {
      let j = i;
      while (j < clause.length && /\s/.test(clause[j] ?? "")) j++;
      // Only the end of the name so far matters (and looking at all of it would be quadratic).
      const tail = clause.slice(Math.max(start, i - 16), i);
      if (looksComplete(tail) && UNIT_START.test(clause.slice(j, j + 2))) {
        names.push(clause.slice(start, i));
        start = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  names.push(clause.slice(start));
  return names;
}

/** A verb at the end of a clause ("市人社局牵头") gives the role of every unit in it. */
function clauseRole(clause: string, fallback: Role): { body: string; role: Role } {
  const verb = ROLE_VERB.exec(clause);
  const body = verb?.[1] ?? "";
  if (verb === null || body.trim() === "") return { body: clause, role: fallback };
  return { body, role: VERB_ROLE[verb[2] ?? ""] ?? fallback };
}

/** The units of a label's content, each with its role; `defaultRole` comes from the label. */
export function parseUnitList(content: string, defaultRole: Role): AssignedUnit[] {
  const units: AssignedUnit[] = [];
  const trimmed = content.replace(/^[\s：:]+/, "").replace(/[\s。．.；;，,、]+$/, "");
  for (const clause of splitOutsideParens(trimmed, PART_SEPARATORS)) {
    const { body, role } = clauseRole(clause.trim(), defaultRole);
    for (const raw of splitNames(body)) {
      const { body: name, role: unitRole } = clauseRole(raw.trim(), role);
      const cleaned = cleanText(withoutEtCetera(cleanText(name)));
      if (cleaned !== "" && /[^\p{P}\p{S}\s]/u.test(cleaned)) units.push({ name: cleaned, role: unitRole });
    }
  }
  return units;
}

/** Does a unit list still expect more names (trailing 、, or a fragment like "市民")? */
export function isOpenUnitList(content: string): boolean {
  const t = content.trimEnd();
  if (t === "" || ANY_SEPARATOR.test(t.slice(-1))) return true;
  if (/[。．.]$/.test(t)) return false;
  const last = splitOutsideParens(t, ANY_SEPARATOR).pop() ?? "";
  return !looksComplete(last);
}

/** Could this line be the rest of a unit list: short names, no sentence punctuation? */
export function looksLikeUnitList(text: string): boolean {
  const t = text.trim().replace(/[。；;]$/, "");
  if (t === "" || /[。！？!?：:]/.test(t)) return false;
  return splitOutsideParens(t, ANY_SEPARATOR).every((name) => cleanText(name).length <= 30);
}
