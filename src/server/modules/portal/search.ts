// Chinese-aware search tokens (pure). Text is segmented into words with Intl.Segmenter('zh'); every run
// of Han characters also yields its character bigrams, so a query matches whatever way the segmenter
// cut the document (博士后 in 博士后科研工作站 may come out as 博士/后 or as 博士后). Queries use
// bigrams only, so the same query always finds the same documents. Latin letters and digits are words,
// lowercased. The tokens are stored space-joined: SQLite indexes them with FTS5, PostgreSQL with a
// tsvector ('simple' config) under a GIN index.

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const HAN_RUN = /\p{Script=Han}+/gu;
const RUNS = /\p{Script=Han}+|[\p{L}\p{N}]+/gu;
const IS_HAN = /^\p{Script=Han}/u;

const normalise = (text: string) => text.normalize("NFKC").toLowerCase();

function bigramsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** The index tokens of a text: words, Han bigrams and single Han characters standing alone, deduplicated. */
export function indexTokens(text: string): string[] {
  const t = normalise(text);
  const out = new Set<string>();
  for (const s of segmenter.segment(t)) {
    if (!s.isWordLike) continue;
    for (const run of s.segment.match(RUNS) ?? []) out.add(run);
  }
  for (const run of t.match(HAN_RUN) ?? []) for (const g of bigramsOf(run)) out.add(g);
  // Bound the row: a very long latin word is no useful search term.
  return [...out].filter((w) => w.length <= 40);
}

/** The tokens every match must contain: Han bigrams (a lone Han character as itself) and latin words. */
export function queryTokens(query: string): string[] {
  const out = new Set<string>();
  for (const run of normalise(query).match(RUNS) ?? []) {
    if (IS_HAN.test(run)) for (const g of bigramsOf(run)) out.add(g);
    else out.add(run);
  }
  return [...out].filter((w) => w.length <= 40).slice(0, 16);
}

/** The query's terms as typed (runs of Han or latin), longest first: what highlighting marks. */
export function highlightTerms(query: string): string[] {
  const runs = normalise(query).match(RUNS) ?? [];
  return [...new Set(runs)].sort((a, b) => b.length - a.length);
}

/** FTS5 MATCH expression: every token as a quoted string (implicit AND). */
export function ftsMatch(tokens: readonly string[]): string {
  return tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(" ");
}
