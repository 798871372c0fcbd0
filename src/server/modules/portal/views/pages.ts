import type { CertificateCheck } from "../../../../contracts/certificates.js";
// The portal's pages. Each takes plain data and returns a whole HTML document (see html.ts).

import type { FieldError } from "../../../lib/errors.js";
import { COLUMN_KEYS, COLUMNS, type ColumnKey } from "../columns.js";
import type { PolicyStructure, PublicListRow } from "../portal.repo.js";
import { chinaDay, chinaTime, html, layout, type Markup, raw } from "./html.js";
import { type Lang, localized, type MsgKey, type PageCtx, t } from "./i18n.js";

const articleLink =
  (lang: Lang) => (a: { id: string; title: string; publish_at: string | null; pinned?: number }) =>
    html`<li><a href="/portal/articles/${a.id}">${a.pinned === 1 ? html`<span class="pin">${t(lang, "pinned")}</span>` : ""}${a.title}</a><time datetime="${a.publish_at ?? ""}">${chinaDay(a.publish_at)}</time></li>`;

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
  ctx: PageCtx,
  columns: Map<ColumnKey, PublicListRow[]>,
  guide: GuideSummary[] | null,
  notices: NoticeListItem[],
): string {
  const { lang } = ctx;
  const m = (key: MsgKey) => t(lang, key);
  const sections = COLUMN_KEYS.map((key) => {
    const items = columns.get(key) ?? [];
    let list: Markup;
    if (key === "guide" && guide !== null && guide.length > 0)
      list = html`<ul class="list">${guide.slice(0, 6).map((g) => html`<li><a href="/portal/guide/${encodeURIComponent(g.code)}">${g.name}</a><span class="muted">${g.ownerOrg}</span></li>`)}</ul>`;
    else if (key === "publicity" && (notices.length > 0 || items.length > 0))
      list = html`<ul class="list">${notices.slice(0, 3).map((n) => html`<li><a href="/portal/publicity/${n.id}">${n.title}</a><span class="badge ${n.phase}">${m(n.phase === "running" ? "running" : "over")}</span></li>`)}${items.slice(0, 6 - Math.min(3, notices.length)).map(articleLink(lang))}</ul>`;
    else if (items.length > 0) list = html`<ul class="list">${items.map(articleLink(lang))}</ul>`;
    else list = html`<p class="muted">${m("empty")}</p>`;
    const more = key === "guide" ? "/portal/guide" : `/portal/columns/${key}`;
    return html`<section class="card" aria-labelledby="h-${key}"><div class="card-head"><h2 id="h-${key}">${COLUMNS[key][lang]}</h2><a href="${more}" class="more">${m("more")}<span class="sr"> ${COLUMNS[key][lang]}</span> &gt;</a></div>${list}</section>`;
  });
  const main = html`<h1 class="sr">${m("home")}</h1>
<div class="entries"><a class="entry" href="/portal/guide"><strong>${m("entryGuide")}</strong><span>${m("entryGuideText")}</span></a><a class="entry" href="/services/apply"><strong>${m("entryApply")}</strong><span>${m("entryApplyText")}</span></a><a class="entry" href="/portal/register"><strong>${m("entryRegister")}</strong><span>${m("entryRegisterText")}</span></a></div>
<div class="grid">${sections}</div>`;
  return layout({ title: m("home"), ctx, active: "home" }, main);
}

export function columnPage(
  ctx: PageCtx,
  key: ColumnKey,
  items: PublicListRow[],
  nextCursor: string | null,
  notices: NoticeListItem[],
): string {
  const { lang } = ctx;
  const m = (k: MsgKey) => t(lang, k);
  const name = COLUMNS[key][lang];
  const noticeList =
    notices.length > 0
      ? html`<h2>${m("publicityList")}</h2><ul class="list">${notices.map((n) => html`<li><a href="/portal/publicity/${n.id}">${n.title}</a><span class="badge ${n.phase}">${m(n.phase === "running" ? "running" : "over")}</span><time datetime="${n.startsAt}">${chinaDay(n.startsAt)}</time></li>`)}</ul>`
      : "";
  const main = html`<h1>${name}</h1>${noticeList}${notices.length > 0 && items.length > 0 ? html`<h2>${m("announcements")}</h2>` : ""}${
    items.length > 0
      ? html`<ul class="list">${items.map(articleLink(lang))}</ul>`
      : notices.length === 0
        ? html`<p class="muted">${m("empty")}</p>`
        : ""
  }${nextCursor ? html`<p class="pager"><a href="/portal/columns/${key}?cursor=${encodeURIComponent(nextCursor)}" rel="next">${m("nextPage")}</a></p>` : ""}`;
  return layout({ title: name, ctx, active: key, crumbs: [[name]] }, main);
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

export function articlePage(ctx: PageCtx, a: ArticleView): string {
  const { lang } = ctx;
  const m = (k: MsgKey) => t(lang, k);
  const column = COLUMNS[a.column][lang];
  const attachments =
    a.attachments.length > 0
      ? html`<section class="attachments" aria-labelledby="h-att"><h2 id="h-att">${m("attachments")}</h2><ul>${a.attachments.map((f) => html`<li><a href="/portal/files/${f.id}" download>${f.filename}</a> <span class="muted">(${kb(f.size)})</span></li>`)}</ul></section>`
      : "";
  const structure =
    a.structure && a.structure.length > 0
      ? html`<aside class="structure" aria-labelledby="h-structure"><h2 id="h-structure">${m("structure")}</h2>${a.structure.map(
          (s) =>
            html`<section><h3>${s.title}</h3>${
              s.measures.length > 0
                ? html`<ol class="measures">${s.measures.map(
                    (m) =>
                      html`<li><span class="label">${m.label}</span>${m.title}${
                        m.lead.length > 0
                          ? html`<div class="units"><span>${t(lang, "lead")}</span>${m.lead.join("、")}</div>`
                          : ""
                      }${m.responsible.length > 0 ? html`<div class="units"><span>${t(lang, "responsible")}</span>${m.responsible.join("、")}</div>` : ""}</li>`,
                  )}</ol>`
                : ""
            }</section>`,
        )}</aside>`
      : "";
  const main = html`<div class="${a.structure ? "with-aside" : ""}"><article class="article" aria-labelledby="h-title">
<h1 id="h-title">${a.title}</h1>
<p class="meta"><span>${m("source")}${a.source}</span><span>${m("publishedAt")}<time datetime="${a.publishAt ?? ""}">${chinaTime(a.publishAt)}</time></span><span>${m("views")}<span class="views">${a.viewCount}</span></span></p>
${a.summary ? html`<p class="summary">${a.summary}</p>` : ""}
<div class="body">${raw(a.bodyHtml)}</div>
${attachments}
</article>${structure}</div>`;
  return layout(
    { title: a.title, ctx, active: a.column, crumbs: [[column, `/portal/columns/${a.column}`], [m("body")]] },
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
  ctx: PageCtx,
  query: string,
  results: SearchResult[],
  guide: { code: string; nameHtml: string; textHtml: string }[],
): string {
  const { lang } = ctx;
  const m = (k: MsgKey) => t(lang, k);
  const total = results.length + guide.length;
  const body =
    query.trim() === ""
      ? html`<p class="muted">${m("searchHint")}</p>`
      : html`<p class="muted" role="status">${t(lang, "searchFound", { total, query })}</p>${
          guide.length > 0
            ? html`<h2>${COLUMNS.guide[lang]}</h2><ul class="results">${guide.map((g) => html`<li><a href="/portal/guide/${encodeURIComponent(g.code)}">${raw(g.nameHtml)}</a><p>${raw(g.textHtml)}</p></li>`)}</ul>`
            : ""
        }${
          results.length > 0
            ? html`<h2>${m("articles")}</h2><ul class="results">${results.map(
                (r) =>
                  html`<li><a href="/portal/articles/${r.id}">${raw(r.titleHtml)}</a><p>${raw(r.snippetHtml)}</p><p class="muted">${COLUMNS[r.column][lang]} · ${r.source} · ${chinaDay(r.publishAt)}</p></li>`,
              )}</ul>`
            : ""
        }`;
  return layout(
    { title: t(lang, "searchTitle", { query }), ctx, query, crumbs: [[m("search")]] },
    html`<h1>${m("search")}</h1>${body}`,
  );
}

/** What a 404 page says is missing. */
export type Missing =
  | "notFoundPage"
  | "notFoundFile"
  | "notFoundColumn"
  | "notFoundListPage"
  | "notFoundArticle"
  | "notFoundAttachment"
  | "notFoundGuide"
  | "notFoundNotice";

export function notFoundPage(ctx: PageCtx, what: Missing = "notFoundPage"): string {
  const m = (k: MsgKey) => t(ctx.lang, k);
  return layout(
    { title: m("notFound"), ctx, crumbs: [[m("notFound")]] },
    html`<h1>${m("notFound")}</h1><p>${t(ctx.lang, "notFoundText", { what: m(what) })}</p><p><a href="/portal">${m("backHome")}</a> · <a href="/portal/search">${m("search")}</a></p>`,
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
  lang: Lang,
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
  }${error ? html`<p class="error" id="${id}-error">${localized(lang, error.message)}</p>` : ""}</div>`;
}

export function errorSummary(lang: Lang, state: FormState): Markup | string {
  if (state.errors.length === 0) return "";
  return html`<div class="alert" role="alert" tabindex="-1" id="form-errors"><p>${t(lang, "fixProblems", { count: state.errors.length })}</p><ul>${state.errors.map(
    (e) => html`<li><a href="#f-${e.path.slice(1)}">${localized(lang, e.message)}</a></li>`,
  )}</ul></div>`;
}

/** The public certificate check: a number in, genuine or not and its state out (masked name). */
export function certificateCheckPage(
  ctx: PageCtx,
  number: string,
  result: CertificateCheck | "notFound" | "bad" | null,
): string {
  const { lang } = ctx;
  const m = (k: MsgKey) => t(lang, k);
  const row = (label: string, value: string) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const answer =
    result === null
      ? html`<p class="muted">${m("certHint")}</p>`
      : result === "notFound" || result === "bad"
        ? html`<p class="error" role="alert">${m(result === "bad" ? "certBad" : "certNotFound")}</p>`
        : html`<table class="cert-check" role="status"><tbody>
${row(m("certNumber"), result.number)}
${row(m("certStatus"), m(`cert.${result.status}`))}
${row(m("certHolder"), result.holderName)}
${row(m("certSubject"), result.subject)}
${row(m("certIssuedOn"), result.issuedOn)}
${row(m("certValidTo"), result.validTo ?? m("certNoExpiry"))}
${row(m("certIssuer"), result.issuerName)}
${result.revokedOn ? row(m("certRevokedOn"), result.revokedOn) : ""}
</tbody></table>`;
  return layout(
    { title: m("certCheck"), ctx, crumbs: [[m("certCheck")]] },
    html`<h1>${m("certCheck")}</h1>
<form class="cert-form" action="/portal/certificates" method="get"><label for="cert-no">${m("certNumber")}</label> <input id="cert-no" name="number" value="${number}" maxlength="40" required autocomplete="off"> <button type="submit">${m("certSubmit")}</button></form>
${answer}`,
  );
}
