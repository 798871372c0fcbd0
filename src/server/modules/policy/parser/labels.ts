// Unit labels ("牵头单位：", "责任单位" without a colon, "【配合单位】") and inline role groups
// such as "（市人社局牵头，市财政局、市科技局配合）".

import { splitOutsideParens } from "./text.js";

export type LabelKind = "lead" | "responsible" | "due";

export interface LabelHit {
  kind: LabelKind;
  /** Where the label word starts and where its content starts. */
  start: number;
  end: number;
}

const LABEL_KIND: Readonly<Record<string, LabelKind>> = {
  牵头单位: "lead",
  牵头部门: "lead",
  责任单位: "responsible",
  责任部门: "responsible",
  配合单位: "responsible",
  配合部门: "responsible",
  协办单位: "responsible",
  协办部门: "responsible",
  参与单位: "responsible",
  完成时限: "due",
  完成时间: "due",
  完成期限: "due",
  时间节点: "due",
  时限要求: "due",
};

const LABEL_RE = new RegExp(
  `([【\\[]?)(${Object.keys(LABEL_KIND).join("|")})([】\\]]?)\\s*([：:])?\\s*`,
  "g",
);

// Without a colon, "责任单位要…" / "牵头单位和…" is prose about units, not a label.
const PROSE_AFTER_LABEL = /[要应和及与的在对负是为须必会将把均都也已可等，,。、]/;

/**
 * Label words in `s`. Running text may mention "责任单位" too ("明确牵头单位和责任单位"), so a
 * label counts only when it has a colon or bracket, or begins the text or a sentence.
 */
export function findLabels(s: string): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const m of s.matchAll(LABEL_RE)) {
    const [whole, open = "", word = "", close = "", colon] = m;
    const prev = s[m.index - 1];
    const startsSentence = prev === undefined || /[\s。；;]/.test(prev);
    const marked = colon !== undefined || open !== "" || close !== "";
    if (!marked && (!startsSentence || PROSE_AFTER_LABEL.test(s[m.index + whole.length] ?? ""))) continue;
    const kind = LABEL_KIND[word];
    if (kind !== undefined) hits.push({ kind, start: m.index, end: m.index + whole.length });
  }
  return hits;
}

export type Role = "lead" | "responsible";

export interface RoleGroup {
  start: number;
  end: number;
  parts: Array<{ role: Role | "due"; content: string }>;
}

/** "市人社局牵头" / "市财政局（配合）": units followed by the verb that gives their role. */
export const ROLE_VERB = /^([\s\S]*?)[（(]?(牵头|负责落实|负责|配合|协办|参与|协助|落实)[）)]?$/;
export const VERB_ROLE: Readonly<Record<string, Role>> = {
  牵头: "lead",
  负责落实: "responsible",
  落实: "responsible",
  负责: "responsible",
  配合: "responsible",
  协办: "responsible",
  参与: "responsible",
  协助: "responsible",
};
const DUE_PART = /(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年|长期|持续/;

/** The parts of "市人社局牵头，市财政局配合" — or null when the text is not such a list. */
function parseRoleList(content: string): RoleGroup["parts"] | null {
  const parts: RoleGroup["parts"] = [];
  let hasRole = false;
  for (const raw of splitOutsideParens(content, /[，,；;]/)) {
    const part = raw.trim();
    if (part === "") continue;
    const label = findLabels(part)[0];
    const verb = ROLE_VERB.exec(part);
    if (label !== undefined && label.start === 0) {
      parts.push({ role: label.kind, content: part.slice(label.end) });
      hasRole ||= label.kind !== "due";
    } else if (verb !== null && (verb[1] ?? "").trim() !== "") {
      parts.push({ role: VERB_ROLE[verb[2] ?? ""] ?? "responsible", content: verb[1] ?? "" });
      hasRole = true;
    } else if (DUE_PART.test(part)) {
      parts.push({ role: "due", content: part });
    } else {
      return null;
    }
  }
  return hasRole ? parts : null;
}

// One level of nesting is enough for "（市政府办公室（法制办）牵头）".
const PAREN_GROUP = /[（(]((?:[^（()）]|[（(][^（()）]*[）)])*)[）)]/g;

/** Parenthesised groups in `s` that assign units to roles. */
export function findRoleGroups(s: string): RoleGroup[] {
  const groups: RoleGroup[] = [];
  for (const m of s.matchAll(PAREN_GROUP)) {
    const content = m[1] ?? "";
    if (!/牵头|负责|配合|协办|参与|协助|落实|单位|部门/.test(content)) continue;
    const parts = parseRoleList(content);
    if (parts !== null) groups.push({ start: m.index, end: m.index + m[0].length, parts });
  }
  return groups;
}
