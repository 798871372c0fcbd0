// The portal's pure text functions: search tokens, snippets, sanitising, dates, masking.
import { describe, expect, it } from "vitest";
import { policyArticle } from "../../src/server/modules/portal/policy-article.js";
import { sanitizeArticleHtml, textOfHtml } from "../../src/server/modules/portal/sanitize.js";
import {
  ftsMatch,
  highlightTerms,
  indexTokens,
  queryTokens,
} from "../../src/server/modules/portal/search.js";
import { chineseToday, escapeHtml, html, snippet } from "../../src/server/modules/portal/views/html.js";

describe("search tokens", () => {
  it("index words and every Han bigram, so a query's bigrams are found however the text was segmented", () => {
    const tokens = new Set(indexTokens("关于加强博士后科研工作站建设的通知 ABC 2026年"));
    for (const q of ["博士后", "科研工作站", "工作", "abc", "2026"])
      for (const token of queryTokens(q)) expect(tokens.has(token), `${q}: ${token}`).toBe(true);
    expect(tokens.has("人才")).toBe(false);
    expect(queryTokens("博士后")).toEqual(["博士", "士后"]);
    expect(queryTokens("人才")).toEqual(["人才"]);
    expect(queryTokens("人")).toEqual(["人"]);
    expect(queryTokens("<script> 人才")).toEqual(["script", "人才"]);
    expect(queryTokens("!!! ，。")).toEqual([]);
  });

  it("quotes FTS5 terms and highlights the terms as typed, longest first", () => {
    expect(ftsMatch(["博士", 'a"b'])).toBe('"博士" "a""b"');
    expect(highlightTerms("人才 博士后")).toEqual(["博士后", "人才"]);
  });
});

describe("snippets and escaping", () => {
  it("marks every term inside escaped text and cuts a window around the first", () => {
    const text = `${"前言".repeat(100)}<b>博士后</b>科研工作站${"后记".repeat(100)}`;
    const out = snippet(text, ["博士后"], 40);
    expect(out).toContain("&lt;b&gt;<mark>博士后</mark>&lt;/b&gt;");
    expect(out.startsWith("…")).toBe(true);
    expect(out).not.toContain("<b>");
  });

  it("escapes every interpolation of the html tag, and nested markup passes through", () => {
    const inner = html`<i>${"<x>"}</i>`;
    expect(html`<p title="${'"q"'}">${inner}${"&"}</p>`.value).toBe(
      '<p title="&quot;q&quot;"><i>&lt;x&gt;</i>&amp;</p>',
    );
    expect(escapeHtml("'")).toBe("&#39;");
  });

  it("states today in Chinese, in China time", () => {
    expect(chineseToday(new Date("2026-11-27T02:00:00Z"))).toBe("今天是2026年11月27日 星期五");
    expect(chineseToday(new Date("2026-11-27T16:30:00Z"))).toBe("今天是2026年11月28日 星期六");
  });
});

describe("sanitising", () => {
  it("keeps structure and drops scripts, handlers, styles and javascript: URLs", () => {
    const out = sanitizeArticleHtml(
      `<h2 onclick="x()">标题</h2><p>正文<script>alert(1)</script></p><a href="javascript:alert(1)">a</a><a href="/portal">b</a><img src="x" onerror="y"><style>p{}</style>`,
    );
    expect(out).toBe(
      '<h2>标题</h2><p>正文</p><a rel="noopener noreferrer">a</a><a href="/portal" rel="noopener noreferrer">b</a><img src="x" />',
    );
    expect(textOfHtml("<p>一 &amp; 二</p><p>三</p>")).toBe("一 & 二\n三");
  });
});

describe("a copied policy page as an article", () => {
  it("drops the page chrome, reads the stated publication time and makes headings", () => {
    const text =
      "今天是:\n\n就业政策\n\n所在位置: 首页 >> 就业政策 >> 正文\n\n某市人才办法\n\n2017年12月21日 08:49  点击:[]\n\n为了……\n\n一、总则\n\n(一)第一条。\n";
    const { bodyHtml, publishedAt } = policyArticle(text, "某市人才办法");
    expect(publishedAt).toBe("2017-12-21T00:49:00.000Z");
    expect(bodyHtml).toBe("<p>为了……</p>\n<h2>一、总则</h2>\n<p>(一)第一条。</p>");
  });
});
