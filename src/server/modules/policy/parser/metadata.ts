// Title, issuer and date: from the lines before the first heading (web-page chrome, title,
// "发布时间：…", "来源：…") and from a signature block at the end ("营口市人民政府\n2017年8月20日").

import { findDate } from "./dates.js";
import { cleanText } from "./text.js";
import { looksComplete } from "./units.js";

export interface TextLine {
  line: number;
  text: string;
}

export interface Signature {
  issuer: string | null;
  date: string;
  /** Index (0-based) of the first line that belongs to the signature. */
  start: number;
}

export interface PolicyMetadata {
  title: string;
  issuer: string | null;
  date: string | null;
}

const WRITTEN_DATE = /(?:成文日期|成文时间|印发日期|发文日期)\s*[：:]\s*/;
const PUBLISHED_DATE = /(?:发布日期|发布时间|公开日期|公布日期|日期|时间)\s*[：:]\s*/;
const ISSUER_LABEL = /(?:发文机关|发文单位|发文机构|发布机构|发布单位|制发机关)\s*[：:]\s*/;
const SOURCE_LABEL = /(?:信息来源|文章来源|来源)\s*[：:]\s*/;
// Document kinds a title ends with, optionally followed by （试行） and the like.
const DOC_KIND =
  /(?:意见|办法|通知|措施|规定|方案|决定|细则|规划|政策|计划|条例|纲要|指引|指南|公告|通告|决议|行动|工程|若干条)(?:\s*[（(](?:试行|暂行|征求意见稿|修订|草案|修订稿)[）)])?$/;
const PAGE_CHROME = /[:：>|]|首页|位置|点击|浏览|打印|关闭|字号|分享|今天是|当前/;

/** The ISO date if the line is just a date (maybe in brackets, maybe followed by a time). */
export function dateLineIso(text: string): string | null {
  const t = cleanText(text).replace(/^[（(【[]\s*/, "");
  const found = findDate(t);
  if (found === null || found.index !== 0) return null;
  return /[。，,；;]/.test(t) ? null : found.iso;
}

/** "中共营口市委 营口市人民政府": nothing but whole unit names separated by spaces. */
function isIssuerLine(text: string): boolean {
  const t = text.trim();
  if (t === "" || t.length > 40 || /[。，,、：:；;！？!?“”《》]/.test(t) || dateLineIso(t) !== null)
    return false;
  return t.split(/\s+/).every((name) => name.length >= 3 && looksComplete(name));
}

/** A trailing date line, and the issuer lines just above it, if the document ends that way. */
export function findSignature(lines: readonly string[]): Signature | null {
  const previousNonBlank = (from: number): number => {
    let i = from;
    while (i >= 0 && (lines[i] ?? "").trim() === "") i--;
    return i;
  };
  const last = previousNonBlank(lines.length - 1);
  const date = last >= 0 ? dateLineIso(lines[last] ?? "") : null;
  if (date === null) return null;
  const issuers: string[] = [];
  let start = last;
  for (let i = previousNonBlank(last - 1); i >= 0 && issuers.length < 3; i = previousNonBlank(i - 1)) {
    if (!isIssuerLine(lines[i] ?? "")) break;
    issuers.unshift(cleanText(lines[i] ?? ""));
    start = i;
  }
  // A unit list that wraps onto the next line ("…市财政局、\n市科技局") is not a signature.
  const above = lines[previousNonBlank(start - 1)] ?? "";
  if (issuers.length > 0 && /[、，,]\s*$/.test(above)) return { issuer: null, date, start: last };
  return { issuer: issuers.length > 0 ? issuers.join(" ") : null, date, start };
}

/** The value after a label such as "来源：", up to the next "xx：" label on the same line. */
function labelledValue(lines: readonly TextLine[], label: RegExp): string | null {
  for (const { text } of lines) {
    const m = label.exec(text);
    if (m === null) continue;
    const rest = text.slice(m.index + m[0].length);
    const value = cleanText(rest.split(/\s+[^\s：:]{1,8}[：:]/)[0] ?? "");
    if (value !== "") return value;
  }
  return null;
}

function labelledDate(lines: readonly TextLine[], label: RegExp): string | null {
  const value = labelledValue(lines, label);
  const found = value === null ? null : findDate(value);
  return found !== null && found.index === 0 ? found.iso : null;
}

function titleScore(text: string): number {
  return (DOC_KIND.test(text) ? 3 : 0) + (text.includes("关于") ? 2 : 0) + (text.length >= 8 ? 1 : 0);
}

function isTitleCandidate(text: string): boolean {
  return (
    text.length >= 4 &&
    text.length <= 80 &&
    !/[。；;！？!?]/.test(text) &&
    !PAGE_CHROME.test(text) &&
    dateLineIso(text) === null &&
    !isIssuerLine(text)
  );
}

/** The best-looking title line; a title wrapped over two lines is joined back. */
function findTitle(lines: readonly TextLine[]): string {
  const texts = lines.map((l) => cleanText(l.text));
  let best = -1;
  texts.forEach((text, i) => {
    if (!isTitleCandidate(text)) return;
    if (best < 0 || titleScore(text) > titleScore(texts[best] ?? "")) best = i;
  });
  if (best < 0) return "";
  const title = texts[best] ?? "";
  const previous = texts[best - 1] ?? "";
  const wrapped =
    isTitleCandidate(previous) &&
    !DOC_KIND.test(previous) &&
    ((previous.includes("关于") && !title.includes("关于")) || /^(?:的|实施|若干)/.test(title));
  return wrapped ? `${previous}${title}` : title;
}

/** "营口市人民政府关于印发…的通知" names its issuer before 关于. */
function issuerInTitle(title: string): string | null {
  const prefix = /^(.+?)关于/.exec(title)?.[1]?.trim() ?? "";
  return prefix.length >= 3 && looksComplete(prefix) ? prefix : null;
}

export function extractMetadata(header: readonly TextLine[], signature: Signature | null): PolicyMetadata {
  const title = findTitle(header);
  const headerIssuerLine = header.map((l) => l.text).find((t) => isIssuerLine(t));
  const headerDateLine = header.map((l) => dateLineIso(l.text)).find((d) => d !== null);
  return {
    title,
    issuer:
      labelledValue(header, ISSUER_LABEL) ??
      signature?.issuer ??
      (headerIssuerLine !== undefined ? cleanText(headerIssuerLine) : null) ??
      issuerInTitle(title) ??
      labelledValue(header, SOURCE_LABEL),
    date:
      labelledDate(header, WRITTEN_DATE) ??
      signature?.date ??
      labelledDate(header, PUBLISHED_DATE) ??
      headerDateLine ??
      null,
  };
}
