// A plain-text policy as an article (pure): the page chrome a copied web page carries (今天是…, 所在位置…,
// the date and 点击 line) is dropped; headings become <h2>, everything else paragraphs.

import { escapeHtml } from "./views/html.js";

const CHROME = [/^今天是/, /^所在位置/, /点击[:：]?\s*\[?\d*\]?\s*$/];
const HEADING = /^[一二三四五六七八九十]+、/;
const STAMP = /(\d{4})年(\d{1,2})月(\d{1,2})日\s+(\d{1,2}):(\d{2})/;

export interface PolicyArticle {
  bodyHtml: string;
  /** The publication time the page states (China time), as an ISO instant, if it states one. */
  publishedAt: string | null;
}

export function policyArticle(text: string, title: string): PolicyArticle {
  const lines = text.split("\n").map((l) => l.trim());
  const start = lines.indexOf(title.trim());
  let publishedAt: string | null = null;
  const stamp = lines.map((l) => STAMP.exec(l)).find((m) => m !== null);
  if (stamp) {
    const [, y, mo, d, h, mi] = stamp.map(Number) as number[];
    publishedAt = new Date(Date.UTC(y!, mo! - 1, d!, h! - 8, mi!)).toISOString();
  }
  const body = (start >= 0 ? lines.slice(start + 1) : lines).filter(
    (l) => l !== "" && !CHROME.some((re) => re.test(l)) && !(STAMP.test(l) && l.length < 40),
  );
  const bodyHtml = body
    .map((l) => (HEADING.test(l) && l.length < 40 ? `<h2>${escapeHtml(l)}</h2>` : `<p>${escapeHtml(l)}</p>`))
    .join("\n");
  return { bodyHtml, publishedAt };
}
