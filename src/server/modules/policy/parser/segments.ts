// Lines become segments: a heading (marker + rest) or plain text. A heading glued to the end of
// another line ("…团市委 七、加强…") is cut off into its own segment.

import { type HeadingMark, HeadingSequence, matchHeadingAt } from "./headings.js";
import { CHINESE_NUMERAL_CHARS } from "./numerals.js";

export interface Segment {
  /** 1-based physical line number. */
  line: number;
  /** For a heading: the text after the marker; otherwise the text itself. */
  text: string;
  heading: HeadingMark | null;
}

// A glued heading can only start after whitespace or after the end of a sentence.
const GLUE_POINT = new RegExp(`(?:\\s+|(?<=[。；;！？!?]))(?=[第（(${CHINESE_NUMERAL_CHARS}0-9０-９])`, "g");

function leadingHeading(line: string): HeadingMark | null {
  const indent = /^\s*/.exec(line)?.[0].length ?? 0;
  return matchHeadingAt(line, indent);
}

/** Headings found after `from` in the line that continue their style's numbering. */
function gluedHeadings(line: string, from: number, sequence: HeadingSequence): HeadingMark[] {
  const found: HeadingMark[] = [];
  GLUE_POINT.lastIndex = from;
  for (let m = GLUE_POINT.exec(line); m !== null; m = GLUE_POINT.exec(line)) {
    const pos = m.index + m[0].length;
    if (m[0].length === 0) GLUE_POINT.lastIndex++;
    const mark = matchHeadingAt(line, pos);
    if (mark === null || !sequence.continues(mark)) continue;
    sequence.record(mark);
    found.push(mark);
    GLUE_POINT.lastIndex = mark.end;
  }
  return found;
}

export function segmentLines(lines: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  const sequence = new HeadingSequence();
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const lineNo = index + 1;
    const first = leadingHeading(line);
    if (first !== null) sequence.record(first);
    const cuts = [first, ...gluedHeadings(line, first?.end ?? 0, sequence)];
    cuts.forEach((mark, i) => {
      const start = mark?.end ?? 0;
      const end = cuts[i + 1]?.start ?? line.length;
      const text = line.slice(start, end).trim();
      if (mark !== null || text !== "") segments.push({ line: lineNo, text, heading: mark });
    });
  });
  return segments;
}
