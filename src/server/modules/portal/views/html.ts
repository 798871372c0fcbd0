// The portal's HTML: templates are plain functions returning strings. Every value that is not markup
// goes through `escapeHtml` (the one escaping helper); the only raw HTML inserted is an article body
// sanitised on save and the <mark>s built here around escaped text.

import { COLUMN_KEYS, COLUMNS, type ColumnKey } from "../columns.js";
import { htmlLang, LANGS, type Lang, type PageCtx, t, todayText } from "./i18n.js";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup assembled from escaped parts: the template helper `html\`…${x}…\`` escapes every x that is
 * not itself Markup. */
export class Markup {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}
export const raw = (s: string) => new Markup(s);
type Part = string | number | null | undefined | Markup | readonly Part[];

function render(part: Part): string {
  if (part instanceof Markup) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(part as string | number | null | undefined);
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  let out = strings[0]!;
  parts.forEach((p, i) => {
    out += render(p) + strings[i + 1]!;
  });
  return new Markup(out);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A window of `text` around the first term found, escaped, with every term wrapped in <mark>. */
export function snippet(text: string, terms: readonly string[], width: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const usable = terms.filter((t) => t.length > 0);
  const pattern = usable.length > 0 ? new RegExp(usable.map(escapeRegExp).join("|"), "gi") : null;
  const first = pattern ? flat.search(pattern) : -1;
  const chars = [...flat];
  let start = 0;
  if (first > width / 3) start = Math.max(0, [...flat.slice(0, first)].length - Math.floor(width / 3));
  const windowText = chars.slice(start, start + width).join("");
  const prefix = start > 0 ? "…" : "";
  const suffix = start + width < chars.length ? "…" : "";
  if (!pattern) return escapeHtml(prefix + windowText + suffix);
  let out = "";
  let last = 0;
  for (const m of windowText.matchAll(pattern)) {
    out += `${escapeHtml(windowText.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return escapeHtml(prefix) + out + escapeHtml(windowText.slice(last)) + escapeHtml(suffix);
}

const CST_MS = 8 * 3_600_000;

/** 今天是2026年11月27日 星期五 (China time). */
export const chineseToday = (now: Date): string => todayText("zh", now);

/** 2026-11-27 10:30 (China time). */
export function chinaTime(iso: string | null): string {
  if (!iso) return "";
  return new Date(Date.parse(iso) + CST_MS).toISOString().slice(0, 16).replace("T", " ");
}
export const chinaDay = (iso: string | null) => chinaTime(iso).slice(0, 10);

export const SITE_NAME = t("zh", "siteName");

export interface LayoutOptions {
  title: string;
  ctx: PageCtx;
  active?: ColumnKey | "home";
  query?: string;
  /** Breadcrumb after 首页: [label, href?] pairs; the last one is the current page. */
  crumbs?: readonly (readonly [string, string?])[];
  /** Set on pages with forms that need the small enhancement script. */
  script?: boolean;
}

const LANG_NAMES: Record<Lang, string> = { zh: "中文", en: "EN" };

/** 中文 / EN: plain links that set the language cookie and come back to this page. */
function langSwitch(ctx: PageCtx): Markup {
  const next = encodeURIComponent(ctx.path);
  return html`<span class="langs" role="group" aria-label="${t(ctx.lang, "langSwitch")}">${LANGS.map(
    (l, i) =>
      html`${i > 0 ? raw('<span aria-hidden="true"> / </span>') : ""}${
        l === ctx.lang
          ? html`<a class="lang" href="/portal/lang/${l}?next=${next}" lang="${htmlLang(l)}" hreflang="${htmlLang(l)}" aria-current="true">${LANG_NAMES[l]}</a>`
          : html`<a class="lang" href="/portal/lang/${l}?next=${next}" lang="${htmlLang(l)}" hreflang="${htmlLang(l)}">${LANG_NAMES[l]}</a>`
      }`,
  )}</span>`;
}

export function layout(o: LayoutOptions, main: Markup): string {
  const { lang } = o.ctx;
  const m = (key: Parameters<typeof t>[1]) => t(lang, key);
  const site = m("siteName");
  const nav = COLUMN_KEYS.map(
    (key) =>
      html`<li><a href="/portal/columns/${key}"${raw(o.active === key ? ' aria-current="page"' : "")}>${COLUMNS[key][lang]}</a></li>`,
  );
  const crumbs = o.crumbs
    ? html`<nav class="crumbs" aria-label="${m("crumbsLabel")}"><span>${m("crumbsLead")}</span><a href="/portal">${m("home")}</a>${o.crumbs.map(
        ([label, href]) =>
          html` <span aria-hidden="true">&gt;&gt;</span> ${href ? html`<a href="${href}">${label}</a>` : html`<span aria-current="page">${label}</span>`}`,
      )}</nav>`
    : "";
  return `<!doctype html>${html`<html lang="${htmlLang(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${o.title} - ${site}</title><link rel="stylesheet" href="/portal/assets/portal.css">${o.script ? raw('<script src="/portal/assets/portal.js" defer></script>') : ""}</head><body>
<a class="skip" href="#main">${m("skip")}</a>
<header class="site">
<div class="bar"><div class="wrap"><span class="today">${todayText(lang, o.ctx.now)}</span><span class="account">${langSwitch(o.ctx)} <a href="/login">${m("login")}</a> <a href="/portal/register">${m("register")}</a></span></div></div>
<div class="wrap brand"><a class="logo" href="/portal">${site}</a>
<form class="search" role="search" action="/portal/search" method="get"><label for="site-q" class="sr">${m("searchLabel")}</label><input id="site-q" name="q" type="search" value="${o.query ?? ""}" placeholder="${m("searchPlaceholder")}" maxlength="100"><button type="submit">${m("search")}</button></form></div>
<nav class="columns" aria-label="${m("columnsNav")}"><ul class="wrap"><li><a href="/portal"${raw(o.active === "home" ? ' aria-current="page"' : "")}>${m("home")}</a></li>${nav}</ul></nav>
</header>
<main id="main" class="wrap" tabindex="-1">${crumbs}${main}</main>
<footer class="site"><div class="wrap"><p>${site} · ${m("host")}</p><p><a href="/portal/guide">${COLUMNS.guide[lang]}</a> · <a href="/portal/certificates">${m("certCheck")}</a> · <a href="/login">${m("staffLogin")}</a></p></div></footer>
</body></html>`}`;
}
