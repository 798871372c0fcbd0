// The portal's pages. Each takes plain data and returns a whole HTML document (see html.ts).

import type { FieldError } from "../../../lib/errors.js";
import { COLUMN_KEYS, COLUMNS, type ColumnKey } from "../columns.js";
import type { PolicyStructure, PublicListRow } from "../portal.repo.js";
import { chinaDay, chinaTime, html, layout, type Markup, raw } from "./html.js";

const articleLink = (a: { id: string; title: string; publish_at: string | null; pinned?: number }) =>
  html`<li><a href="/portal/articles/${a.id}">${a.pinned === 1 ? raw('<span class="pin">置顶</span>') : ""}${a.title}</a><time datetime="${a.publish_at ?? ""}">${chinaDay(a.publish_at)}</time></li>`;

export interface GuideSummary {
  code: string;
  name: string;
  kindLabel: string;
  ownerOrg: string;
  promisedDays: number;
}

export interface NoticeListItem {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  phase: "running" | "over";
}

export function homePage(
  now: Date,
  columns: Map<ColumnKey, PublicListRow[]>,
  guide: GuideSummary[] | null,
  notices: NoticeListItem[],
): string {
  const sections = COLUMN_KEYS.map((key) => {
    const items = columns.get(key) ?? [];
    let list: Markup;
    if (key === "guide" && guide !== null && guide.length > 0)
      list = html`<ul class="list">${guide.slice(0, 6).map((g) => html`<li><a href="/portal/guide/${encodeURIComponent(g.code)}">${g.name}</a><span class="muted">${g.ownerOrg}</span></li>`)}</ul>`;
    else if (key === "publicity" && (notices.length > 0 || items.length > 0))
      list = html`<ul class="list">${notices.slice(0, 3).map((n) => html`<li><a href="/portal/publicity/${n.id}">${n.title}</a><span class="badge ${n.phase}">${n.phase === "running" ? "公示中" : "已结束"}</span></li>`)}${items.slice(0, 6 - Math.min(3, notices.length)).map(articleLink)}</ul>`;
    else if (items.length > 0) list = html`<ul class="list">${items.map(articleLink)}</ul>`;
    else list = html`<p class="muted">暂无内容</p>`;
    const more = key === "guide" ? "/portal/guide" : `/portal/columns/${key}`;
    return html`<section class="card" aria-labelledby="h-${key}"><div class="card-head"><h2 id="h-${key}">${COLUMNS[key].zh}</h2><a href="${more}" class="more">更多<span class="sr">${COLUMNS[key].zh}</span> &gt;</a></div>${list}</section>`;
  });
  const main = html`<h1 class="sr">首页</h1>
<div class="entries"><a class="entry" href="/portal/guide"><strong>办事指南</strong><span>事项条件、材料、流程、时限</span></a><a class="entry" href="/services/apply"><strong>网上申报</strong><span>登录后在线办理人才服务事项</span></a><a class="entry" href="/portal/register"><strong>注册</strong><span>人才实名注册 · 用人单位注册</span></a></div>
<div class="grid">${sections}</div>`;
  return layout({ title: "首页", now, active: "home" }, main);
}

export function columnPage(
  now: Date,
  key: ColumnKey,
  items: PublicListRow[],
  nextCursor: string | null,
  notices: NoticeListItem[],
): string {
  const name = COLUMNS[key].zh;
  const noticeList =
    notices.length > 0
      ? html`<h2>公示</h2><ul class="list">${notices.map((n) => html`<li><a href="/portal/publicity/${n.id}">${n.title}</a><span class="badge ${n.phase}">${n.phase === "running" ? "公示中" : "已结束"}</span><time datetime="${n.startsAt}">${chinaDay(n.startsAt)}</time></li>`)}</ul>`
      : "";
  const main = html`<h1>${name}</h1>${noticeList}${notices.length > 0 && items.length > 0 ? html`<h2>公告</h2>` : ""}${
    items.length > 0
      ? html`<ul class="list">${items.map(articleLink)}</ul>`
      : notices.length === 0
        ? html`<p class="muted">暂无内容</p>`
        : ""
  }${nextCursor ? html`<p class="pager"><a href="/portal/columns/${key}?cursor=${encodeURIComponent(nextCursor)}" rel="next">下一页</a></p>` : ""}`;
  return layout({ title: name, now, active: key, crumbs: [[name]] }, main);
}

export interface ArticleView {
  id: string;
  column: ColumnKey;
  title: string;
  source: string;
  publishAt: string | null;
  viewCount: number;
  summary: string | null;
  bodyHtml: string;
  attachments: { id: string; filename: string; size: number }[];
  structure: PolicyStructure | null;
}

const kb = (size: number) =>
  size < 1024 * 1024 ? `${Math.max(1, Math.round(size / 1024))} KB` : `${(size / 1024 / 1024).toFixed(1)} MB`;

export function articlePage(now: Date, a: ArticleView): string {
  const column = COLUMNS[a.column].zh;
  const attachments =
    a.attachments.length > 0
      ? html`<section class="attachments" aria-labelledby="h-att"><h2 id="h-att">附件</h2><ul>${a.attachments.map((f) => html`<li><a href="/portal/files/${f.id}" download>${f.filename}</a> <span class="muted">(${kb(f.size)})</span></li>`)}</ul></section>`
      : "";
  const structure =
    a.structure && a.structure.length > 0
      ? html`<aside class="structure" aria-labelledby="h-structure"><h2 id="h-structure">政策结构</h2>${a.structure.map(
          (s) =>
            html`<section><h3>${s.title}</h3>${
              s.measures.length > 0
                ? html`<ol class="measures">${s.measures.map(
                    (m) =>
                      html`<li><span class="label">${m.label}</span>${m.title}${
                        m.lead.length > 0
                          ? html`<div class="units"><span>牵头：</span>${m.lead.join("、")}</div>`
                          : ""
                      }${m.responsible.length > 0 ? html`<div class="units"><span>责任：</span>${m.responsible.join("、")}</div>` : ""}</li>`,
                  )}</ol>`
                : ""
            }</section>`,
        )}</aside>`
      : "";
  const main = html`<div class="${a.structure ? "with-aside" : ""}"><article class="article" aria-labelledby="h-title">
<h1 id="h-title">${a.title}</h1>
<p class="meta"><span>来源：${a.source}</span><span>发布时间：<time datetime="${a.publishAt ?? ""}">${chinaTime(a.publishAt)}</time></span><span>点击：<span class="views">${a.viewCount}</span></span></p>
${a.summary ? html`<p class="summary">${a.summary}</p>` : ""}
<div class="body">${raw(a.bodyHtml)}</div>
${attachments}
</article>${structure}</div>`;
  return layout(
    { title: a.title, now, active: a.column, crumbs: [[column, `/portal/columns/${a.column}`], ["正文"]] },
    main,
  );
}

export interface SearchResult {
  id: string;
  column: ColumnKey;
  titleHtml: string;
  snippetHtml: string;
  source: string;
  publishAt: string | null;
}

export function searchPage(
  now: Date,
  query: string,
  results: SearchResult[],
  guide: { code: string; nameHtml: string; textHtml: string }[],
): string {
  const total = results.length + guide.length;
  const body =
    query.trim() === ""
      ? html`<p class="muted">请输入要搜索的词语，例如“人才”“博士后”。</p>`
      : html`<p class="muted" role="status">找到 ${total} 条与“${query}”相关的结果</p>${
          guide.length > 0
            ? html`<h2>办事指南</h2><ul class="results">${guide.map((g) => html`<li><a href="/portal/guide/${encodeURIComponent(g.code)}">${raw(g.nameHtml)}</a><p>${raw(g.textHtml)}</p></li>`)}</ul>`
            : ""
        }${
          results.length > 0
            ? html`<h2>文章</h2><ul class="results">${results.map(
                (r) =>
                  html`<li><a href="/portal/articles/${r.id}">${raw(r.titleHtml)}</a><p>${raw(r.snippetHtml)}</p><p class="muted">${COLUMNS[r.column].zh} · ${r.source} · ${chinaDay(r.publishAt)}</p></li>`,
              )}</ul>`
            : ""
        }`;
  return layout({ title: `搜索：${query}`, now, query, crumbs: [["搜索"]] }, html`<h1>搜索</h1>${body}`);
}

export function notFoundPage(now: Date, what = "您要找的页面"): string {
  return layout(
    { title: "页面不存在", now, crumbs: [["页面不存在"]] },
    html`<h1>页面不存在</h1><p>${what}不存在、尚未发布或已撤回。</p><p><a href="/portal">返回首页</a> · <a href="/portal/search">搜索</a></p>`,
  );
}

// --- forms -------------------------------------------------------------------------------------

export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

const errorOf = (state: FormState, field: string) => state.errors.find((e) => e.path === `/${field}`);

/** A labelled input with its own error message, tied together for screen readers. */
export function field(
  state: FormState,
  name: string,
  label: string,
  options: {
    type?: string;
    autocomplete?: string;
    hint?: string;
    multiline?: boolean;
    required?: boolean;
  } = {},
): Markup {
  const error = errorOf(state, name);
  const id = `f-${name}`;
  const described = [options.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const attrs = raw(
    [
      described ? ` aria-describedby="${described}"` : "",
      error ? ' aria-invalid="true"' : "",
      options.required === false ? "" : " required",
    ].join(""),
  );
  const value = state.values[name] ?? "";
  const input = options.multiline
    ? html`<textarea id="${id}" name="${name}" rows="5"${attrs}>${value}</textarea>`
    : html`<input id="${id}" name="${name}" type="${options.type ?? "text"}" value="${options.type === "password" ? "" : value}"${
        options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ""
      }${attrs}>`;
  return html`<div class="field${error ? " has-error" : ""}"><label for="${id}">${label}</label>${input}${
    options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ""
  }${error ? html`<p class="error" id="${id}-error">${error.message.zh}</p>` : ""}</div>`;
}

export function errorSummary(state: FormState): Markup | string {
  if (state.errors.length === 0) return "";
  return html`<div class="alert" role="alert" tabindex="-1" id="form-errors"><p>请修改以下 ${state.errors.length} 处问题：</p><ul>${state.errors.map(
    (e) => html`<li><a href="#f-${e.path.slice(1)}">${e.message.zh}</a></li>`,
  )}</ul></div>`;
}
