// The service guide (办事指南): the published catalogue as public pages. The catalogue belongs to the
// services domain (`services.catalogue.listPublished()` / `getPublished(code)`, docs/api/services.md);
// the portal only reads it, through the shape below.

import { compileRule, explain, talentCatalogue } from "../../engine/rules/index.js";
import type { TreeExplanation } from "../../engine/rules/types.js";
import { chinaDate } from "../tasks/calendar.js";
import { COLUMNS } from "./columns.js";
import type { PublicListRow } from "./portal.repo.js";
import { highlightTerms } from "./search.js";
import { chinaDay, html, layout, type Markup, raw, snippet } from "./views/html.js";
import { type Lang, labelOf, type MsgKey, type PageCtx, t, type Vars } from "./views/i18n.js";
import type { GuideSummary } from "./views/pages.js";

interface Ref {
  id: string;
  name: string;
}
export interface CatalogueSummaryLike {
  code: string;
  name: string;
  kind: string;
  ownerOrg: Ref;
  promisedDays: number;
  feeFen: number;
}
export interface CatalogueItemLike extends CatalogueSummaryLike {
  legalBasis: string;
  applicants: string[];
  materials: { code: string; name: string; required: boolean; types: string[]; note?: string }[];
  workflow: { steps: { key: string; name: string; kind: string; days: number; orgs?: Ref[] }[] };
  measures: { id: string; label: string; title: string }[];
  guide: string;
  version: number;
  publishedAt: string;
  /** The eligibility rule (engine/rules JSON), null when anyone may apply. */
  eligibility?: unknown;
}

export interface CatalogueReader {
  listPublished(): Promise<CatalogueSummaryLike[]>;
  getPublished(code: string): Promise<CatalogueItemLike | null>;
}

export async function guideSummaries(reader: CatalogueReader, lang: Lang): Promise<GuideSummary[]> {
  return (await reader.listPublished()).map((i) => ({
    code: i.code,
    name: i.name,
    kindLabel: labelOf(lang, "kind", i.kind),
    ownerOrg: i.ownerOrg.name,
    promisedDays: i.promisedDays,
  }));
}

/** Guide items whose name, code or authority contains the query (the catalogue is small: tens of items). */
export async function guideMatches(reader: CatalogueReader, query: string, lang: Lang) {
  const terms = highlightTerms(query);
  const q = query.trim().toLowerCase();
  return (await reader.listPublished())
    .filter((i) => `${i.name} ${i.code} ${i.ownerOrg.name}`.toLowerCase().includes(q))
    .map((i) => ({
      code: i.code,
      nameHtml: snippet(i.name, terms, 200),
      textHtml: snippet(
        t(lang, "guideMatchText", {
          kind: labelOf(lang, "kind", i.kind),
          org: i.ownerOrg.name,
          days: i.promisedDays,
        }),
        terms,
        200,
      ),
    }));
}

/** The eligibility rule in plain language: nested lists of its conditions, by their catalogue labels. */
export function conditionsOf(rule: unknown, now: Date, lang: Lang = "zh"): Markup | null {
  if (rule === null || rule === undefined) return null;
  let tree: TreeExplanation;
  try {
    const compiled = compileRule(rule, talentCatalogue, "eligibility");
    tree = explain(compiled, {}, { asOf: chinaDate(now) }).tree;
  } catch {
    return null;
  }
  const render = (node: TreeExplanation): Markup => {
    if (node.kind === "all" || node.kind === "any" || node.kind === "not") {
      const lead = t(lang, node.kind === "all" ? "guideAll" : node.kind === "any" ? "guideAny" : "guideNot");
      return html`${lead}<ul>${node.children.map((c) => html`<li>${render(c)}</li>`)}</ul>`;
    }
    return html`${node.label[lang] || node.label.zh}`;
  };
  return render(tree);
}

const fee = (lang: Lang, fen: number) =>
  fen === 0 ? t(lang, "guideFree") : t(lang, "guideFeeAmount", { amount: (fen / 100).toFixed(2) });

export function guideListPage(ctx: PageCtx, items: GuideSummary[], articles: PublicListRow[]): string {
  const { lang } = ctx;
  const m = (key: MsgKey, vars?: Vars) => t(lang, key, vars);
  const main = html`<h1>${COLUMNS.guide[lang]}</h1>${
    items.length > 0
      ? html`<table class="entries"><caption>${m("guideCaption", { count: items.length })}</caption><thead><tr><th scope="col">${m("guideColName")}</th><th scope="col">${m("guideColKind")}</th><th scope="col">${m("guideColOrg")}</th><th scope="col">${m("guideColDays")}</th></tr></thead><tbody>${items.map(
          (i) =>
            html`<tr><td><a href="/portal/guide/${encodeURIComponent(i.code)}">${i.name}</a></td><td>${i.kindLabel}</td><td>${i.ownerOrg}</td><td>${m("workDays", { days: i.promisedDays })}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">${m("guideEmpty")}</p>`
  }${
    articles.length > 0
      ? html`<h2>${m("guideNotes")}</h2><ul class="list">${articles.map((a) => html`<li><a href="/portal/articles/${a.id}">${a.title}</a><time datetime="${a.publish_at ?? ""}">${chinaDay(a.publish_at)}</time></li>`)}</ul>`
      : ""
  }`;
  return layout({ title: COLUMNS.guide[lang], ctx, active: "guide", crumbs: [[COLUMNS.guide[lang]]] }, main);
}

export function guideItemPage(ctx: PageCtx, item: CatalogueItemLike): string {
  const { lang } = ctx;
  const m = (key: MsgKey, vars?: Vars) => t(lang, key, vars);
  const steps = item.workflow.steps;
  const main = html`<article aria-labelledby="h-title"><h1 id="h-title">${item.name}</h1>
<p class="meta"><span>${m("guideCode")}${item.code}</span><span>${m("guideVersion", { version: item.version })}</span><span>${m("guidePublished")}${chinaDay(item.publishedAt)}</span></p>
<dl class="guide">
<dt>${m("guideKind")}</dt><dd>${labelOf(lang, "kind", item.kind)}</dd>
<dt>${m("guideOrg")}</dt><dd>${item.ownerOrg.name}</dd>
<dt>${m("guideApplicants")}</dt><dd>${item.applicants.map((a) => labelOf(lang, "applicant", a)).join(m("listSep"))}</dd>
<dt>${m("guideConditions")}</dt><dd>${conditionsOf(item.eligibility, ctx.now, lang) ?? m("guideNoConditions")}</dd>
<dt>${m("guideMaterials")}</dt><dd>${
    item.materials.length > 0
      ? html`<ol>${item.materials.map((x) => html`<li>${x.name}${m(x.required ? "required" : "optional")}${x.note ? html`${lang === "zh" ? "：" : ": "}${x.note}` : ""}</li>`)}</ol>`
      : m("guideNoMaterials")
  }</dd>
<dt>${m("guideFlow")}</dt><dd>${
    steps.length > 0
      ? html`<ol><li>${m("guideFlowSubmit")}</li>${steps.map((s) => html`<li>${s.name}${s.orgs && s.orgs.length > 0 ? html`${lang === "zh" ? "（" : " ("}${s.orgs.map((o) => o.name).join("、")}${lang === "zh" ? "）" : ")"}` : ""}${lang === "zh" ? "，" : ", "}${m("workDays", { days: s.days })}</li>`)}<li>${m("guideFlowDone")}</li></ol>`
      : m("guideFlowInstant")
  }</dd>
<dt>${m("guidePromised")}</dt><dd>${m("workDays", { days: item.promisedDays })}</dd>
<dt>${m("guideFee")}</dt><dd>${fee(lang, item.feeFen)}</dd>
<dt>${m("guideBasis")}</dt><dd>${item.legalBasis}</dd>
<dt>${m("guideMeasures")}</dt><dd>${
    item.measures.length > 0
      ? html`<ul>${item.measures.map((m) => html`<li>${m.label} ${m.title}</li>`)}</ul>`
      : "—"
  }</dd>
</dl>
${item.guide ? html`<h2>${m("guideNotes")}</h2><div class="body">${item.guide.split(/\n+/).map((p) => html`<p>${p}</p>`)}</div>` : ""}
<a class="apply" href="/services/apply">${m("guideApply")}</a><p class="muted">${m("guideApplyText")}${lang === "zh" ? "" : " "}<a href="/portal/register">${m("register").toLowerCase()}</a>${lang === "zh" ? "。" : "."}</p>
</article>`;
  void raw;
  return layout(
    { title: item.name, ctx, active: "guide", crumbs: [[COLUMNS.guide[lang], "/portal/guide"], [m("body")]] },
    main,
  );
}
