// The portal's two forms: lodging an objection to a publicity notice, and registration.

import type { PublicNotice } from "../../publicity/publicity.schema.js";
import { COLUMNS } from "../columns.js";
import { chinaTime, html, layout, raw } from "./html.js";
import { type MsgKey, type PageCtx, t, type Vars } from "./i18n.js";
import { errorSummary, type FormState, field } from "./pages.js";

export function publicityPage(
  ctx: PageCtx,
  n: PublicNotice,
  form: FormState,
  lodged: { id: string } | null,
): string {
  const { lang } = ctx;
  const m = (key: MsgKey, vars?: Vars) => t(lang, key, vars);
  const org = n.org.name;
  const running = n.phase === "running";
  const formBlock = lodged
    ? html`<div class="notice-ok" role="status" tabindex="-1" id="lodged"><h2>${m("lodgedTitle")}</h2><p>${m("lodgedText", { org, id: lodged.id })}</p><p>${m("lodgedReason")}${form.values.reason ?? ""}</p></div>`
    : running
      ? html`<section aria-labelledby="h-objection"><h2 id="h-objection">${m("objectionTitle")}</h2><p class="muted">${m("objectionIntro", { org })}</p>${errorSummary(lang, form)}
<form method="post" action="/portal/publicity/${n.id}/objections" novalidate>
${field(lang, form, "name", m("objName"), { autocomplete: "name" })}
${field(lang, form, "contact", m("objContact"), { autocomplete: "tel", hint: m("objContactHint") })}
${field(lang, form, "reason", m("objReason"), { multiline: true, hint: m("objReasonHint") })}
<button type="submit">${m("objSubmit")}</button>
</form></section>`
      : html`<p class="muted">${m("objClosed")}</p>`;
  const main = html`<article aria-labelledby="h-title"><h1 id="h-title">${n.title}</h1>
<p class="meta"><span>${m("noticeOrg")}${org}</span><span>${m("noticePeriod", { first: n.firstDay, last: n.lastDay, days: n.days })}</span><span class="badge ${n.phase}">${m(running ? "running" : "over")}</span></p>
${n.body ? html`<div class="body"><p>${n.body}</p></div>` : ""}
<table class="entries"><caption>${m("noticeCaption", { count: n.entries.length })}</caption><thead><tr><th scope="col">${m("colNo")}</th><th scope="col">${m("colName")}</th><th scope="col">${m("colDetail")}</th></tr></thead><tbody>${n.entries.map(
    (e, i) => html`<tr><td>${i + 1}</td><td>${e.name}</td><td>${e.detail}</td></tr>`,
  )}</tbody></table>
<p class="muted">${m("publishedAt")}${chinaTime(n.startsAt)}</p>
</article>${formBlock}`;
  return layout(
    {
      title: n.title,
      ctx,
      active: "publicity",
      crumbs: [[COLUMNS.publicity[lang], "/portal/columns/publicity"], [m("body")]],
      script: true,
    },
    main,
  );
}

export type RegisterKind = "talent" | "employer";

export function registerPage(ctx: PageCtx, kind: RegisterKind, form: FormState): string {
  const { lang } = ctx;
  const m = (key: MsgKey) => t(lang, key);
  const f = (name: string, label: MsgKey, options: Parameters<typeof field>[4] = {}) =>
    field(lang, form, name, m(label), options);
  const tab = (k: RegisterKind, label: string) =>
    html`<a href="/portal/register?type=${k}"${raw(k === kind ? ' aria-current="page" class="tab active"' : ' class="tab"')}>${label}</a>`;
  const fields =
    kind === "talent"
      ? html`${f("realName", "regRealName", { autocomplete: "name" })}
${f("idNumber", "regIdNumber", { hint: m("regIdNumberHint"), autocomplete: "off" })}
${f("mobile", "regMobile", { type: "tel", autocomplete: "tel" })}`
      : html`${f("orgName", "regOrgName", { hint: m("regOrgNameHint"), autocomplete: "organization" })}
${f("uscc", "regUscc", { hint: m("regUsccHint"), autocomplete: "off" })}
${f("contactName", "regContactName", { autocomplete: "name" })}
${f("mobile", "regContactMobile", { type: "tel", autocomplete: "tel" })}`;
  const main = html`<h1>${m(kind === "talent" ? "regTalentTitle" : "regEmployerTitle")}</h1>
<nav class="tabs" aria-label="${m("regKinds")}">${tab("talent", m("regTalentTab"))}${tab("employer", m("regEmployerTab"))}</nav>
${errorSummary(lang, form)}
<form method="post" action="/portal/register/${kind}" class="register" novalidate>
${fields}
${f("username", "regUsername", { hint: m("regUsernameHint"), autocomplete: "username" })}
${f("password", "regPassword", { type: "password", hint: m("regPasswordHint"), autocomplete: "new-password" })}
${f("password2", "regPassword2", { type: "password", autocomplete: "new-password" })}
<button type="submit">${m("regSubmit")}</button>
<p class="muted">${m("regHaveAccount")}<a href="/login">${m("regLogin")}</a></p>
</form>`;
  return layout(
    {
      title: m(kind === "talent" ? "regTalentTab" : "regEmployerTab"),
      ctx,
      crumbs: [[m("register")]],
      script: true,
    },
    main,
  );
}
