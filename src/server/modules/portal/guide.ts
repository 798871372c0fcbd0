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
import type { GuideSummary } from "./views/pages.js";

const KIND_LABELS: Record<string, string> = {
  confirmation: "行政确认",
  payment: "行政给付",
  public_service: "公共服务",
  filing: "备案",
};
const APPLICANT_LABELS: Record<string, string> = {
  talent: "人才个人",
  employer: "用人单位",
  employer_for_staff: "用人单位（代本单位人才申报）",
};

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

export async function guideSummaries(reader: CatalogueReader): Promise<GuideSummary[]> {
  return (await reader.listPublished()).map((i) => ({
    code: i.code,
    name: i.name,
    kindLabel: KIND_LABELS[i.kind] ?? i.kind,
    ownerOrg: i.ownerOrg.name,
    promisedDays: i.promisedDays,
  }));
}

/** Guide items whose name, code or authority contains the query (the catalogue is small: tens of items). */
export async function guideMatches(reader: CatalogueReader, query: string) {
  const terms = highlightTerms(query);
  const q = query.trim().toLowerCase();
  return (await reader.listPublished())
    .filter((i) => `${i.name} ${i.code} ${i.ownerOrg.name}`.toLowerCase().includes(q))
    .map((i) => ({
      code: i.code,
      nameHtml: snippet(i.name, terms, 200),
      textHtml: snippet(
        `${KIND_LABELS[i.kind] ?? i.kind} · ${i.ownerOrg.name} · 承诺时限 ${i.promisedDays} 个工作日`,
        terms,
        200,
      ),
    }));
}

/** The eligibility rule in plain language: nested lists of its conditions, by their catalogue labels. */
export function conditionsOf(rule: unknown, now: Date): Markup | null {
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
      const lead =
        node.kind === "all"
          ? "同时符合以下条件："
          : node.kind === "any"
            ? "符合以下条件之一："
            : "不属于以下情形：";
      return html`${lead}<ul>${node.children.map((c) => html`<li>${render(c)}</li>`)}</ul>`;
    }
    return html`${node.label.zh}`;
  };
  return render(tree);
}

const fee = (fen: number) => (fen === 0 ? "不收费" : `${(fen / 100).toFixed(2)} 元`);

export function guideListPage(now: Date, items: GuideSummary[], articles: PublicListRow[]): string {
  const main = html`<h1>办事指南</h1>${
    items.length > 0
      ? html`<table class="entries"><caption>已公布的人才服务事项（共 ${items.length} 项）</caption><thead><tr><th scope="col">事项名称</th><th scope="col">类别</th><th scope="col">实施部门</th><th scope="col">承诺时限</th></tr></thead><tbody>${items.map(
          (i) =>
            html`<tr><td><a href="/portal/guide/${encodeURIComponent(i.code)}">${i.name}</a></td><td>${i.kindLabel}</td><td>${i.ownerOrg}</td><td>${i.promisedDays} 个工作日</td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">事项清单正在编制，敬请关注。</p>`
  }${
    articles.length > 0
      ? html`<h2>办事须知</h2><ul class="list">${articles.map((a) => html`<li><a href="/portal/articles/${a.id}">${a.title}</a><time datetime="${a.publish_at ?? ""}">${chinaDay(a.publish_at)}</time></li>`)}</ul>`
      : ""
  }`;
  return layout({ title: "办事指南", now, active: "guide", crumbs: [[COLUMNS.guide.zh]] }, main);
}

export function guideItemPage(now: Date, item: CatalogueItemLike): string {
  const steps = item.workflow.steps;
  const main = html`<article aria-labelledby="h-title"><h1 id="h-title">${item.name}</h1>
<p class="meta"><span>事项编码：${item.code}</span><span>版本：第 ${item.version} 版</span><span>公布日期：${chinaDay(item.publishedAt)}</span></p>
<dl class="guide">
<dt>事项类别</dt><dd>${KIND_LABELS[item.kind] ?? item.kind}</dd>
<dt>实施部门</dt><dd>${item.ownerOrg.name}</dd>
<dt>服务对象</dt><dd>${item.applicants.map((a) => APPLICANT_LABELS[a] ?? a).join("、")}</dd>
<dt>申请条件</dt><dd>${conditionsOf(item.eligibility, now) ?? "不限（符合服务对象即可申请）"}</dd>
<dt>申请材料</dt><dd>${
    item.materials.length > 0
      ? html`<ol>${item.materials.map((m) => html`<li>${m.name}${m.required ? "（必需）" : "（可选）"}${m.note ? html`：${m.note}` : ""}</li>`)}</ol>`
      : "无需提交材料"
  }</dd>
<dt>办理流程</dt><dd>${
    steps.length > 0
      ? html`<ol><li>网上提交申请</li>${steps.map((s) => html`<li>${s.name}${s.orgs && s.orgs.length > 0 ? html`（${s.orgs.map((o) => o.name).join("、")}）` : ""}，${s.days} 个工作日</li>`)}<li>办结</li></ol>`
      : "网上提交申请后即时办结"
  }</dd>
<dt>承诺时限</dt><dd>${item.promisedDays} 个工作日</dd>
<dt>收费标准</dt><dd>${fee(item.feeFen)}</dd>
<dt>设定依据</dt><dd>${item.legalBasis}</dd>
<dt>政策条款</dt><dd>${
    item.measures.length > 0
      ? html`<ul>${item.measures.map((m) => html`<li>${m.label} ${m.title}</li>`)}</ul>`
      : "—"
  }</dd>
</dl>
${item.guide ? html`<h2>办事须知</h2><div class="body">${item.guide.split(/\n+/).map((p) => html`<p>${p}</p>`)}</div>` : ""}
<a class="apply" href="/services/apply">我要申报</a><p class="muted">登录后在“我要办事”中选择本事项在线申报；没有账户请先<a href="/portal/register">注册</a>。</p>
</article>`;
  void raw;
  return layout(
    { title: item.name, now, active: "guide", crumbs: [[COLUMNS.guide.zh, "/portal/guide"], ["正文"]] },
    main,
  );
}
