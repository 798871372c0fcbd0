// The portal's two forms: lodging an objection to a publicity notice, and registration.

import type { PublicNotice } from "../../publicity/publicity.schema.js";
import { COLUMNS } from "../columns.js";
import { chinaTime, html, layout, raw } from "./html.js";
import { errorSummary, type FormState, field } from "./pages.js";

export function publicityPage(
  now: Date,
  n: PublicNotice,
  form: FormState,
  lodged: { id: string } | null,
): string {
  const running = n.phase === "running";
  const formBlock = lodged
    ? html`<div class="notice-ok" role="status" tabindex="-1" id="lodged"><h2>异议已提交</h2><p>您的异议已转交${n.org.name}核实处理，受理编号 ${lodged.id}。</p><p>异议理由：${form.values.reason ?? ""}</p></div>`
    : running
      ? html`<section aria-labelledby="h-objection"><h2 id="h-objection">提出异议</h2><p class="muted">对公示内容有异议的，请在公示期内实名提出，并留下联系方式。异议将转交${n.org.name}核实答复。</p>${errorSummary(form)}
<form method="post" action="/portal/publicity/${n.id}/objections" novalidate>
${field(form, "name", "姓名", { autocomplete: "name" })}
${field(form, "contact", "联系方式", { autocomplete: "tel", hint: "手机号码或电子邮箱" })}
${field(form, "reason", "异议理由", { multiline: true, hint: "请写明异议的对象和事实依据，最多 2000 字" })}
<button type="submit">提交异议</button>
</form></section>`
      : html`<p class="muted">公示期已结束，不再受理异议。</p>`;
  const main = html`<article aria-labelledby="h-title"><h1 id="h-title">${n.title}</h1>
<p class="meta"><span>公示单位：${n.org.name}</span><span>公示期：${n.firstDay} 至 ${n.lastDay}（${n.days} 天）</span><span class="badge ${n.phase}">${running ? "公示中" : "已结束"}</span></p>
${n.body ? html`<div class="body"><p>${n.body}</p></div>` : ""}
<table class="entries"><caption>公示名单（共 ${n.entries.length} 人，姓名已部分隐去）</caption><thead><tr><th scope="col">序号</th><th scope="col">姓名</th><th scope="col">情况</th></tr></thead><tbody>${n.entries.map(
    (e, i) => html`<tr><td>${i + 1}</td><td>${e.name}</td><td>${e.detail}</td></tr>`,
  )}</tbody></table>
<p class="muted">发布时间：${chinaTime(n.startsAt)}</p>
</article>${formBlock}`;
  return layout(
    {
      title: n.title,
      now,
      active: "publicity",
      crumbs: [[COLUMNS.publicity.zh, "/portal/columns/publicity"], ["正文"]],
      script: true,
    },
    main,
  );
}

export type RegisterKind = "talent" | "employer";

export function registerPage(now: Date, kind: RegisterKind, form: FormState): string {
  const tab = (k: RegisterKind, label: string) =>
    html`<a href="/portal/register?type=${k}"${raw(k === kind ? ' aria-current="page" class="tab active"' : ' class="tab"')}>${label}</a>`;
  const fields =
    kind === "talent"
      ? html`${field(form, "realName", "真实姓名", { autocomplete: "name" })}
${field(form, "idNumber", "身份证号码", { hint: "18 位居民身份证号码，末位可为 X", autocomplete: "off" })}
${field(form, "mobile", "手机号码", { type: "tel", autocomplete: "tel" })}`
      : html`${field(form, "orgName", "单位名称", { hint: "与营业执照或登记证书一致", autocomplete: "organization" })}
${field(form, "uscc", "统一社会信用代码", { hint: "18 位，见营业执照", autocomplete: "off" })}
${field(form, "contactName", "联系人", { autocomplete: "name" })}
${field(form, "mobile", "联系人手机号码", { type: "tel", autocomplete: "tel" })}`;
  const main = html`<h1>${kind === "talent" ? "人才实名注册" : "用人单位注册"}</h1>
<nav class="tabs" aria-label="注册类型">${tab("talent", "人才注册")}${tab("employer", "用人单位注册")}</nav>
${errorSummary(form)}
<form method="post" action="/portal/register/${kind}" class="register" novalidate>
${fields}
${field(form, "username", "登录用户名", { hint: "以字母开头，3–32 位字母、数字、点、下划线或连字符", autocomplete: "username" })}
${field(form, "password", "登录密码", { type: "password", hint: "至少 8 位，包含大写字母、小写字母、数字、符号中的三类", autocomplete: "new-password" })}
${field(form, "password2", "确认密码", { type: "password", autocomplete: "new-password" })}
<button type="submit">注册并登录</button>
<p class="muted">已有账户？<a href="/login">直接登录</a></p>
</form>`;
  return layout(
    { title: kind === "talent" ? "人才注册" : "用人单位注册", now, crumbs: [["注册"]], script: true },
    main,
  );
}
