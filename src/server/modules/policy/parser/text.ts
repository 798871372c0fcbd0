// Text clean-up shared by the parser: web copies of Chinese documents carry line-wrap spaces
// (often U+00A0) in the middle of words, which must go, while spaces between Latin words stay.

const CJK = /[\u2014\u2018-\u201f\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

function isCjk(c: string): boolean {
  return CJK.test(c);
}

/** A space between these two characters is a wrapping artefact, not a word boundary. */
function isTightPair(before: string, after: string): boolean {
  if (isCjk(before)) return isCjk(after) || ASCII_PUNCT.test(after);
  return ASCII_PUNCT.test(before) && isCjk(after);
}

/** Trim, drop whitespace inside Chinese text, collapse any other run to one space. */
export function cleanText(s: string): string {
  return s
    .trim()
    .replace(/\s+/g, (run: string, offset: number, whole: string) =>
      isTightPair(whole[offset - 1] ?? "", whole[offset + run.length] ?? "") ? "" : " ",
    );
}

/** Physical lines, whatever the line-ending convention; a leading BOM is dropped. */
export function splitLines(text: string): string[] {
  return text.replace(/^\ufeff/, "").split(/\r\n|\r|\n|\u2028|\u2029/);
}

/** Split at the given separator characters, but never inside （…） or (…). */
export function splitOutsideParens(s: string, separators: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? "";
    if (c === "（" || c === "(") depth++;
    else if ((c === "）" || c === ")") && depth > 0) depth--;
    else if (depth === 0 && separators.test(c)) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** The first sentence of a paragraph: up to 。；！？ or a heading colon, without the stop. */
export function firstSentence(paragraph: string): string {
  const m = /^([\s\S]*?)(?:[。；;！？!?]|[：:](?=.))/.exec(paragraph);
  const sentence = m?.[1] !== undefined && m[1].trim() !== "" ? m[1] : paragraph;
  return cleanText(sentence.replace(/[。；;，,、：:\s]+$/, ""));
}
