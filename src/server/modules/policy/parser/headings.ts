// Heading markers: "第一章", "一、", "第一条", "（一）", "1." / "1、", "（1）". Which of them are
// sections and which are measures is decided later, per document (see levels.ts).

import { CHINESE_NUMERAL_CHARS, chineseNumeral } from "./numerals.js";

export type HeadingStyle = "chapter" | "cnComma" | "article" | "cnParen" | "arabicDot" | "arabicParen";

/** Conventional nesting depth of each style in Chinese official documents (smaller = outer). */
export const STYLE_DEPTH: Readonly<Record<HeadingStyle, number>> = {
  chapter: 0,
  cnComma: 1,
  article: 2,
  cnParen: 3,
  arabicDot: 4,
  arabicParen: 5,
};

export interface HeadingMark {
  style: HeadingStyle;
  no: number;
  /** The marker as written, e.g. "（一）" or "1.". */
  marker: string;
  /** Where the marker starts and ends in the string it was found in. */
  start: number;
  end: number;
}

const CN = CHINESE_NUMERAL_CHARS;
const AR = "0-9０-９";

// Sticky (y) so a marker can be tested at any offset without slicing the line.
const MARKERS: ReadonlyArray<{ style: HeadingStyle; re: RegExp }> = [
  {
    style: "chapter",
    re: new RegExp(`第[ \\t\\u3000]*([${CN}${AR}]{1,4})[ \\t\\u3000]*(?:章|部分|篇)`, "y"),
  },
  { style: "article", re: new RegExp(`第[ \\t\\u3000]*([${CN}${AR}]{1,4})[ \\t\\u3000]*条`, "y") },
  { style: "cnComma", re: new RegExp(`([${CN}]{1,4})[ \\t\\u3000]*[、．.](?![${AR}])`, "y") },
  { style: "cnParen", re: new RegExp(`[（(][ \\t\\u3000]*([${CN}]{1,4})[ \\t\\u3000]*[）)]`, "y") },
  { style: "arabicParen", re: new RegExp(`[（(][ \\t\\u3000]*([${AR}]{1,4})[ \\t\\u3000]*[）)]`, "y") },
  { style: "arabicDot", re: new RegExp(`([${AR}]{1,4})[ \\t\\u3000]*[.．、](?![${AR}])`, "y") },
];

/** The heading marker starting exactly at `pos`, if any. */
export function matchHeadingAt(s: string, pos: number): HeadingMark | null {
  for (const { style, re } of MARKERS) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) continue;
    const no = chineseNumeral(m[1] ?? "");
    if (no === null || no < 1) continue;
    return { style, no, marker: m[0], start: pos, end: pos + m[0].length };
  }
  return null;
}

/**
 * Remembers the last number seen per style so that a marker found in the middle of a line
 * ("…市科技局 六、强化…") is only believed when it continues a sequence.
 */
export class HeadingSequence {
  private readonly lastEver = new Map<HeadingStyle, number>();
  private readonly lastInParent = new Map<HeadingStyle, number>();

  continues(mark: HeadingMark): boolean {
    const next = (m: Map<HeadingStyle, number>) => (m.get(mark.style) ?? 0) + 1;
    return mark.no === next(this.lastEver) || mark.no === next(this.lastInParent);
  }

  record(mark: HeadingMark): void {
    this.lastEver.set(mark.style, mark.no);
    this.lastInParent.set(mark.style, mark.no);
    const depth = STYLE_DEPTH[mark.style];
    for (const style of this.lastInParent.keys()) {
      if (STYLE_DEPTH[style] > depth) this.lastInParent.delete(style);
    }
  }
}
