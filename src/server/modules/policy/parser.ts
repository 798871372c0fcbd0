// Turns a Chinese city talent-policy document (plain text, often a messy web-page copy) into
// sections and measures with their lead and responsible units. Pure: no I/O, no clock.
//
// Pipeline: lines → segments (headings cut out, even when glued to the end of a line) → decide
// which heading style is a section and which a measure → walk the segments, collecting each
// measure's paragraphs and unit labels → parse unit lists and time limits → metadata.

import { parseDue } from "./parser/dates.js";
import { STYLE_DEPTH } from "./parser/headings.js";
import { findLabels, findRoleGroups, type LabelKind } from "./parser/labels.js";
import { chooseLevels, type Levels } from "./parser/levels.js";
import { extractMetadata, findSignature, type TextLine } from "./parser/metadata.js";
import { type Segment, segmentLines } from "./parser/segments.js";
import { cleanText, firstSentence, splitLines } from "./parser/text.js";
import { type AssignedUnit, isOpenUnitList, looksLikeUnitList, parseUnitList } from "./parser/units.js";

export { ONGOING } from "./parser/dates.js";
export { chineseNumeral } from "./parser/numerals.js";

export interface ParsedMeasure {
  /** The number as written: （二十三） → 23. */
  no: number;
  /** The marker as written, e.g. "（二十三）" or "1.". */
  label: string;
  /** The heading: the clause's first sentence, without the number. */
  title: string;
  /** The whole clause (heading sentence included), paragraphs joined by "\n", labels removed. */
  text: string;
  lead: string[];
  responsible: string[];
  /** ISO yyyy-mm-dd (last day of the named period), "长期" for open-ended work, else as written. */
  due: string | null;
  /** 1-based line of the measure's number. */
  line: number;
}

export interface ParsedSection {
  /** The number as written; 0 for the implicit section of a document without sections. */
  no: number;
  title: string;
  line: number;
  measures: ParsedMeasure[];
}

export interface ParseWarning {
  line: number;
  message: { zh: string; en: string };
}

export interface ParsedPolicy {
  title: string;
  issuer: string | null;
  date: string | null;
  sections: ParsedSection[];
  warnings: ParseWarning[];
}

export class PolicyParseError extends Error {
  readonly code = "POLICY_NO_MEASURES";
  readonly zh: string;
  readonly en: string;

  constructor(
    zh = "未能识别出任何政策措施条目（如“（一）”“1.”“第一条”）",
    en = "No policy measures were recognised (numbered clauses such as （一）, 1. or 第一条)",
  ) {
    super(en);
    this.name = "PolicyParseError";
    this.zh = zh;
    this.en = en;
  }
}

/** UTF-8 (BOM or not) or UTF-16 with a BOM; bytes that are not valid UTF-8 are read as GB18030. */
export function decodePolicyText(bytes: Uint8Array): string {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder("utf-8").decode(bytes);
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

interface LabelDraft {
  kind: LabelKind;
  line: number;
  /** The label's content, one chunk per physical line it spans. */
  chunks: string[];
}

interface MeasureDraft {
  no: number;
  label: string;
  line: number;
  paragraphs: string[];
  labels: LabelDraft[];
  /** A unit label whose list may continue on the next line. */
  openLabel: LabelDraft | null;
}

interface SectionDraft {
  no: number;
  title: string;
  line: number;
  measures: ParsedMeasure[];
}

function hasUnitLabel(text: string): boolean {
  return findLabels(text).length > 0 || findRoleGroups(text).length > 0;
}

/** Lists that keep first-seen order and ignore repeats. */
class UnitLists {
  private readonly seen = { lead: new Set<string>(), responsible: new Set<string>() };

  get lead(): string[] {
    return [...this.seen.lead];
  }

  get responsible(): string[] {
    return [...this.seen.responsible];
  }

  add(units: readonly AssignedUnit[]): void {
    for (const { name, role } of units) this.seen[role].add(name);
  }
}

/** Walks the segments in order and builds sections and measures. */
class PolicyBuilder {
  readonly sections: SectionDraft[] = [];
  readonly warnings: ParseWarning[] = [];
  /** Lines before the first section or measure: chrome, title, dates, preamble. */
  readonly header: TextLine[] = [];
  measureCount = 0;
  private section: SectionDraft | null = null;
  private measure: MeasureDraft | null = null;
  private lastMeasureNo = 0;
  private lastMeasureNoInSection = 0;

  constructor(private readonly levels: Levels) {}

  add(segment: Segment): void {
    const heading = segment.heading;
    if (heading !== null && heading.style === this.levels.section) {
      this.closeMeasure();
      this.startSection(segment.line, heading.no, segment.text);
    } else if (heading !== null && heading.style === this.levels.measure) {
      this.closeMeasure();
      this.startMeasure(segment.line, heading.no, heading.marker, segment.text);
    } else {
      // Headings deeper than measures are sub-items: kept, marker and all, as clause text.
      // Headings between sections and measures (e.g. （一） over 1.) just end the measure.
      const text = heading === null ? segment.text : `${heading.marker}${segment.text}`;
      const between = heading !== null && STYLE_DEPTH[heading.style] < STYLE_DEPTH[this.levels.measure];
      if (between) this.closeMeasure();
      if (this.measure !== null) this.addToMeasure(this.measure, text, segment.line);
      else this.addOutsideMeasures(text, segment.line);
    }
  }

  finish(): void {
    this.closeMeasure();
  }

  private warn(line: number, zh: string, en: string): void {
    this.warnings.push({ line, message: { zh, en } });
  }

  private get started(): boolean {
    return this.section !== null;
  }

  private addOutsideMeasures(text: string, line: number): void {
    if (!this.started) this.header.push({ line, text });
    if (hasUnitLabel(text)) this.warnLabelOutside(line);
  }

  private warnLabelOutside(line: number): void {
    this.warn(
      line,
      "单位标注不在任何措施条目内，已忽略",
      "Unit label is not inside any measure and was ignored",
    );
  }

  private startSection(line: number, no: number, text: string): void {
    const previous = this.sections.at(-1);
    if (previous !== undefined && no !== previous.no + 1) {
      this.warn(
        line,
        `部分编号不连续：应为${previous.no + 1}，实为${no}`,
        `Section number ${no} breaks the sequence (previous was ${previous.no})`,
      );
    }
    this.section = { no, title: firstSentence(text), line, measures: [] };
    this.sections.push(this.section);
    if (hasUnitLabel(text)) this.warnLabelOutside(line);
    this.lastMeasureNoInSection = 0;
  }

  private startMeasure(line: number, no: number, marker: string, text: string): void {
    if (this.section === null) {
      // A document with measures but no sections gets one unnamed section.
      this.section = { no: 0, title: "", line, measures: [] };
      this.sections.push(this.section);
    }
    // Numbering may run on across sections (seed: 1..23) or restart in each one.
    const continues = no === this.lastMeasureNo + 1 || (no === 1 && this.lastMeasureNoInSection === 0);
    if (!continues) {
      this.warn(
        line,
        `措施编号不连续：${marker}前一条为第${this.lastMeasureNo}条`,
        `Measure number ${no} breaks the sequence (previous was ${this.lastMeasureNo})`,
      );
    }
    this.lastMeasureNo = no;
    this.lastMeasureNoInSection = no;
    this.measure = { no, label: marker, line, paragraphs: [], labels: [], openLabel: null };
    this.addToMeasure(this.measure, text, line);
  }

  /** Inline role groups "（市人社局牵头，市财政局配合）" become labels and leave the text. */
  private takeRoleGroups(draft: MeasureDraft, text: string, line: number): string {
    const groups = findRoleGroups(text);
    if (groups.length === 0) return text;
    const kept: string[] = [];
    let from = 0;
    for (const group of groups) {
      kept.push(text.slice(from, group.start));
      from = group.end;
      for (const part of group.parts) draft.labels.push({ kind: part.role, line, chunks: [part.content] });
    }
    kept.push(text.slice(from));
    return kept.join("");
  }

  private addParagraph(draft: MeasureDraft, text: string): void {
    const paragraph = cleanText(text);
    if (paragraph !== "") draft.paragraphs.push(paragraph);
  }

  private addToMeasure(draft: MeasureDraft, segmentText: string, line: number): void {
    let text = this.takeRoleGroups(draft, segmentText, line);
    const open = draft.openLabel;
    draft.openLabel = null;
    // Continuation lines are never blank, so the last chunk tells whether the list is open.
    if (open !== null && isOpenUnitList(open.chunks.at(-1) ?? "")) {
      // "…市财政局、" / "…市民" continues on this line, up to any new label.
      const end = findLabels(text)[0]?.start ?? text.length;
      const head = text.slice(0, end);
      if (head.trim() !== "" && looksLikeUnitList(head)) {
        open.chunks.push(head);
        text = text.slice(end);
        draft.openLabel = open;
      }
    }
    const hits = findLabels(text);
    this.addParagraph(draft, text.slice(0, hits[0]?.start ?? text.length));
    hits.forEach((hit, i) => {
      const content = text.slice(hit.end, hits[i + 1]?.start ?? text.length);
      // A full stop ends the unit list; anything after it is clause text again.
      const stop = content.indexOf("。");
      const label: LabelDraft = {
        kind: hit.kind,
        line,
        chunks: [stop < 0 ? content : content.slice(0, stop)],
      };
      draft.labels.push(label);
      if (stop >= 0) this.addParagraph(draft, content.slice(stop + 1));
      draft.openLabel = stop < 0 && hit.kind !== "due" ? label : null;
    });
  }

  private dueOf(label: LabelDraft): string | null {
    const raw = cleanText(label.chunks.join("\n")).replace(/[。；;，,]+$/, "");
    if (raw === "") return null;
    const due = parseDue(raw);
    if (due !== null) return due;
    this.warn(label.line, `无法识别的完成时限：${raw}`, `Unrecognised time limit: ${raw}`);
    return raw;
  }

  private closeMeasure(): void {
    const draft = this.measure;
    const section = this.section;
    this.measure = null;
    if (draft === null || section === null) return;
    const units = new UnitLists();
    let due: string | null = null;
    for (const label of draft.labels) {
      if (label.kind === "due") {
        due ??= this.dueOf(label);
        continue;
      }
      const found = parseUnitList(label.chunks.join("\n"), label.kind);
      if (found.length === 0) {
        this.warn(
          label.line,
          `${draft.label}的单位标注为空`,
          `Measure ${draft.label} has a unit label with no units`,
        );
      }
      units.add(found);
    }
    if (units.lead.length === 0 && units.responsible.length === 0) {
      this.warn(
        draft.line,
        `措施${draft.label}未标注牵头或责任单位`,
        `Measure ${draft.label} names no units`,
      );
    } else if (units.lead.length === 0) {
      this.warn(draft.line, `措施${draft.label}未标注牵头单位`, `Measure ${draft.label} names no lead unit`);
    }
    const text = draft.paragraphs.join("\n");
    section.measures.push({
      no: draft.no,
      label: draft.label,
      title: firstSentence(draft.paragraphs[0] ?? ""),
      text,
      lead: units.lead,
      responsible: units.responsible,
      due,
      line: draft.line,
    });
    this.measureCount++;
  }
}

/** Parse a policy document. Throws PolicyParseError when it has no recognisable measures. */
export function parsePolicy(text: string): ParsedPolicy {
  const lines = splitLines(text);
  const signature = findSignature(lines);
  const segments = segmentLines(signature === null ? lines : lines.slice(0, signature.start));
  const levels = chooseLevels(
    segments,
    segments.map((s) => hasUnitLabel(s.text)),
  );
  if (levels === null) throw new PolicyParseError();
  const builder = new PolicyBuilder(levels);
  for (const segment of segments) builder.add(segment);
  builder.finish();
  if (builder.measureCount === 0) throw new PolicyParseError();
  return {
    ...extractMetadata(builder.header, signature),
    sections: builder.sections.map(({ no, title, line, measures }) => ({ no, title, line, measures })),
    warnings: builder.warnings,
  };
}
