// The printable certificate: one self-contained HTML page (inline CSS, no script, no web font), so
// the browser's print or "save as PDF" makes the paper copy offline with whatever CJK font the
// machine has. The check line tells a reader where to verify the number.
import type { Certificate } from "../../../contracts/certificates.js";
import { html } from "../portal/views/html.js";

const KIND = {
  tier: { zh: "高层次人才认定证书", en: "High-level talent recognition certificate" },
  title: { zh: "职称认定证书", en: "Professional title certificate" },
  skill: { zh: "职业技能等级认定证书", en: "Vocational skill certificate" },
} as const;

const T = {
  zh: {
    holder: "持证人",
    subject: "认定结果",
    item: "认定事项",
    application: "申请编号",
    issuedOn: "发证日期",
    validTo: "有效期至",
    noExpiry: "长期有效",
    issuer: "发证机关",
    number: "证书编号",
    check: "查验：营口人才网“证书查验”栏目输入证书编号",
    revoked: "本证书已撤销",
    reason: "撤销理由",
    print: "使用浏览器的“打印”（Ctrl+P）可打印或另存为 PDF。",
    printedOn: "打印日期",
  },
  en: {
    holder: "Holder",
    subject: "Recognised as",
    item: "Service item",
    application: "Application",
    issuedOn: "Issued on",
    validTo: "Valid until",
    noExpiry: "No expiry",
    issuer: "Issued by",
    number: "Certificate number",
    check: "Verify: enter the number under “Certificate check” on the talent portal",
    revoked: "This certificate has been revoked",
    reason: "Reason",
    print: "Use the browser's Print (Ctrl+P) to print or save as PDF.",
    printedOn: "Printed on",
  },
} as const;

const CSS = `
@page { size: A4 landscape; margin: 14mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: #222; margin: 0; }
.sheet { border: 6px double #b8860b; padding: 28px 48px; max-width: 960px; margin: 24px auto; position: relative; }
h1 { text-align: center; font-size: 34px; letter-spacing: 8px; color: #8b0000; margin: 8px 0 4px; }
.en { text-align: center; color: #666; margin-bottom: 24px; }
dl { display: grid; grid-template-columns: 9em 1fr; gap: 10px 16px; font-size: 18px; }
dt { color: #555; } dd { margin: 0; font-weight: 600; }
.number { text-align: right; margin-top: 28px; font-family: monospace; font-size: 16px; }
.check { text-align: right; color: #666; font-size: 13px; }
.revoked { position: absolute; top: 40%; left: 0; right: 0; text-align: center; transform: rotate(-12deg);
  font-size: 56px; color: rgba(200,0,0,.55); border: 6px solid rgba(200,0,0,.55); margin: 0 15%; padding: 6px; }
.hint { text-align: center; color: #888; font-size: 13px; }
@media print { .hint { display: none; } .sheet { margin: 0; } }
`;

export function certificatePage(c: Certificate, opts: { lang: "zh" | "en"; today: string }): string {
  const t = T[opts.lang];
  const kind = KIND[c.kind];
  const revoked =
    c.status === "revoked"
      ? html`<div class="revoked" role="status">${t.revoked}</div>
<p><strong>${t.reason}：</strong>${c.revokedReason ?? ""}</p>`
      : "";
  return html`<!doctype html>
<html lang="${opts.lang === "zh" ? "zh-CN" : "en"}">
<head><meta charset="utf-8"><title>${kind.zh} ${c.number}</title><style>${CSS}</style></head>
<body>
<p class="hint">${t.print}</p>
<main class="sheet">
<h1>${kind.zh}</h1>
<div class="en">${kind.en}</div>
${revoked}
<dl>
<dt>${t.holder}</dt><dd>${c.holder.name}</dd>
<dt>${t.subject}</dt><dd>${c.subject}</dd>
<dt>${t.item}</dt><dd>${c.itemName}</dd>
<dt>${t.application}</dt><dd>${c.applicationNumber}</dd>
<dt>${t.issuedOn}</dt><dd>${c.issuedOn}</dd>
<dt>${t.validTo}</dt><dd>${c.validTo ?? t.noExpiry}</dd>
<dt>${t.issuer}</dt><dd>${c.issuer.name}</dd>
</dl>
<div class="number">${t.number}：${c.number}</div>
<div class="check">${t.check} · ${t.printedOn} ${opts.today}</div>
</main>
</body>
</html>`.value;
}
