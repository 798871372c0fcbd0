// The service workflow through the real UI of the built server: a talent applies for 高层次人才认定
// with a PDF, the hrss officer returns it for correction, the talent corrects and resubmits, the hrss
// officer approves, two departments (hrss and science) countersign, and the talent sees the decision.
// The form is filled from the item's own published schema, so the test follows the seed's form.
// Screenshots (Chinese and English, desktop and phone) go to test-results/e2e/.
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startBuiltServer } from "./server.js";

const SHOTS = "test-results/e2e";
const ITEM = "高层次人才认定";
const HRSS = "市人力资源社会保障局";
const SCIENCE = "市科技局";
const CORRECTION = "请补充近三年代表性成果证明";
const T = 15_000;

/** Demo accounts by organisation and role (src/server/demo/demo.ts). */
const ACCOUNTS: Record<string, Record<string, string>> = {
  [HRSS]: { officer: "hrss", leader: "hrss_leader" },
  [SCIENCE]: { officer: "science" },
  市财政局: { officer: "finance" },
};

// The smallest well-formed files of each kind the uploads accept (the server checks magic bytes).
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

let browser: Browser;
let server: RunningServer;
const pageErrors: string[] = [];
const sessions = new Map<string, { context: BrowserContext; page: Page }>();
/** /services/mine/<id> once the talent has started the application. */
let appId = "";
let appNumber = "";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startBuiltServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions.values()) await s.context.close();
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

async function login(
  username: string,
  opts: { lang?: "zh" | "en"; width?: number; height?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
    locale: opts.lang === "en" ? "en-US" : "zh-CN",
    acceptDownloads: true,
  });
  if (opts.lang === "en") await context.addInitScript('window.localStorage.setItem("rencai.lang", "en")');
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(`${username}: ${e.message}`));
  await page.goto(`${server.url}/login`);
  const en = opts.lang === "en";
  await page.getByLabel(en ? "Username" : "用户名").fill(username);
  await page.getByLabel(en ? "Password" : "密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: en ? /Log in/ : /登\s*录/ }).click();
  await expect.poll(() => page.url(), { timeout: T }).not.toContain("/login");
  return { context, page };
}

/** A visitor without a session (the public portal). */
async function anonymousPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(`anonymous: ${e.message}`));
  return { context, page };
}

/** One logged-in desktop session per demo user, reused across the steps. */
async function as(username: string): Promise<Page> {
  let s = sessions.get(username);
  if (!s) {
    s = await login(username);
    sessions.set(username, s);
  }
  return s.page;
}

const menu = (page: Page, label: string) => page.getByRole("menuitem", { name: label }).first();

/** GET /api/… inside the page (with its session); the file is compiled without the DOM library. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate<T>(
    `fetch(${JSON.stringify(`/api${path}`)}).then(async (r) => { if (!r.ok) throw new Error(r.status + " " + (await r.text())); return r.json(); })`,
  );
}

/** No dictionary key may reach the screen untranslated. */
async function expectNoRawKeys(page: Page) {
  const text = (await page.locator("body").textContent()) ?? "";
  const raw = text.match(
    /\b(?:catalogue|apply|mine|workbench|case|material|schema|holidays|lists|appStatus|itemKind|stepKind|stepState|applicantKind|eligibility|event\.app)\.[a-z][a-zA-Z]*(?:\.[a-zA-Z_]+)?/g,
  );
  expect(raw ?? []).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page) {
  const { scroll, client } = await page.evaluate<{ scroll: number; client: number }>(
    "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
  );
  expect(scroll).toBeLessThanOrEqual(client + 1);
}

async function shot(page: Page, name: string, fullPage = true) {
  await expectNoHorizontalOverflow(page);
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

interface Field {
  type: string;
  title: string;
  format?: string;
  enum?: string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number | string;
  maximum?: number | string;
  items?: { enum?: string[] };
  minItems?: number;
}
interface Item {
  form: { properties: Record<string, Field>; required?: string[] };
  materials: { code: string; name: string; required: boolean; types: string[] }[];
}
interface AppView {
  id: string;
  number: string;
  status: string;
  item: { code: string; version: number };
  currentStep: {
    index: number;
    kind: string;
    role: string;
    name: string;
    orgs: { name: string; signedAt: string | null }[];
  } | null;
  steps: { kind: string; orgs: { name: string }[] }[];
  form: Record<string, unknown>;
}

/** Realistic answers for the demo forms' common fields (the rest are derived from the schema). */
const SAMPLES: Record<string, string> = {
  name: "刘洋",
  employer: "营口理工学院",
  achievements: "主持国家自然科学基金面上项目一项，发表SCI论文八篇，获授权发明专利三项。",
};

/** Personal-data fields (checked by the server like the registry): the demo talent's own ID number
 * (a talent's form must carry their record's), a mobile and a bank account. */
const PERSONAL: Record<string, string> = {
  idCard: "210804198806151233",
  phone: "13800138000",
  bankAccount: "6222020712001234567",
};

/** A value that satisfies a string field's pattern and lengths. */
function sampleString(f: Field, salt: string, name = ""): string {
  const known = SAMPLES[name];
  const candidates = [
    ...(known ? [salt === "补正" ? `${known}新增近三年代表性成果证明。` : known] : []),
    `${salt}测试内容`,
    "13800138000",
    "210802198001011234",
    "91210800MA0XXXXX1Y",
    "2020",
    "test@example.com",
    "https://example.com",
    "A1",
  ];
  const re = f.pattern ? new RegExp(f.pattern, "u") : null;
  for (let c of candidates) {
    if (f.minLength && c.length < f.minLength) c = c.padEnd(f.minLength, "证");
    if (f.maxLength && c.length > f.maxLength) c = c.slice(0, f.maxLength);
    if (!re || re.test(c)) return c;
  }
  throw new Error(`no sample value for pattern ${f.pattern}`);
}

function sampleDate(f: Field): string {
  const min = typeof f.minimum === "string" ? f.minimum : null;
  const max = typeof f.maximum === "string" ? f.maximum : null;
  if (min && "2020-06-01" < min) return min;
  if (max && "2020-06-01" > max) return max;
  return "2020-06-01";
}

/** Fills every field of the form through the UI, by its label (only the required ones when `requiredOnly`). */
async function fillForm(page: Page, item: Item, salt: string) {
  const form = page.locator("form#application");
  for (const [name, f] of Object.entries(item.form.properties)) {
    // A field prefilled from the registry carries its source tag in the label (姓名 来自人才档案)
    // and already holds the record's value: it is left as it is.
    const title = f.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const input = form.getByLabel(new RegExp(`^${title}(\\s*来自\\S+)?$`));
    const plain = f.type !== "boolean" && f.type !== "array" && !f.enum?.length;
    const prefilled = form.locator("label").filter({ hasText: new RegExp(`^${title}\\s*来自`) });
    if (plain && (await prefilled.count()) > 0) continue;
    if (f.type === "boolean") {
      if (!(await input.isChecked())) await input.click();
    } else if (f.type === "array") {
      if (f.items?.enum?.length) {
        for (const v of f.items.enum.slice(0, Math.max(1, f.minItems ?? 1)))
          await form.getByRole("checkbox", { name: v, exact: true }).check();
      } else {
        await input.fill(sampleString({ type: "string", title: "" }, salt));
        await input.press("Enter");
      }
    } else if (f.enum?.length) {
      // The select is searchable: type the first option and take it with Enter.
      await input.click();
      await input.fill(f.enum[0]!);
      await input.press("Enter");
    } else if (f.format !== undefined && PERSONAL[f.format]) {
      await input.fill(PERSONAL[f.format]!);
    } else if (f.format === "date") {
      await input.click();
      await input.fill(sampleDate(f));
      await input.press("Enter");
    } else if (f.type === "integer" || f.type === "number") {
      const min = typeof f.minimum === "number" ? f.minimum : 1;
      await input.fill(String(Math.max(min, 1)));
    } else {
      await input.fill(sampleString(f, salt, name));
    }
    expect(name).toBeTruthy();
  }
}

async function uploadMaterials(page: Page, item: Item) {
  for (const m of item.materials) {
    if (!m.required) continue;
    const pdf = m.types.includes("pdf");
    const file = pdf
      ? { name: `${m.name}.pdf`, mimeType: "application/pdf", buffer: PDF }
      : { name: `${m.name}.png`, mimeType: "image/png", buffer: PNG };
    const row = page.locator(`li[data-material="${m.code}"]`);
    // The upload control swaps its <input> after every file; a file set on the outgoing one is lost,
    // so set it again if it does not show up.
    for (let attempt = 1; ; attempt++) {
      await row.locator('input[type="file"]').setInputFiles(file);
      try {
        await row.getByText(file.name).waitFor({ timeout: 4_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }
  // Every upload finished (no spinner left).
  await expect.poll(() => page.locator(".rc-materials .anticon-loading").count(), { timeout: T }).toBe(0);
}

async function itemOf(page: Page, app: AppView): Promise<Item> {
  return apiGet<Item>(page, `/catalogue/${encodeURIComponent(app.item.code)}?version=${app.item.version}`);
}

describe("service catalogue, applications and the officer workbench", () => {
  it("the talent finds 高层次人才认定, starts a draft, is told what is missing, fills the form with a PDF and submits", async () => {
    const page = await as("talent");
    await menu(page, "我要办事").click();
    await page.getByRole("heading", { name: "我要办事", level: 1 }).waitFor({ timeout: T });
    const card = page.locator("li.rc-item-card").filter({ has: page.getByText(ITEM, { exact: true }) });
    await card.waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "services-apply-catalogue");

    await card.getByRole("button", { name: `办理${ITEM}` }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByText("办理流程").waitFor({ timeout: T });
    await shot(page, "services-apply-guide", false);
    await drawer.getByRole("button", { name: "开始办理" }).click();
    await expect.poll(() => page.url(), { timeout: T }).toMatch(/\/services\/mine\/[^/]+$/);
    appId = page.url().split("/").pop() ?? "";

    const app = await apiGet<AppView>(page, `/applications/${appId}`);
    appNumber = app.number;
    expect(app.status).toBe("draft");
    const item = await itemOf(page, app);
    expect(item.materials.some((m) => m.required)).toBe(true);

    // Submitting the empty form is stopped in the browser, with the reasons under the fields.
    await page.locator("form#application").waitFor({ timeout: T });
    await page.getByRole("button", { name: "提交申请" }).click();
    // The draft arrives filled from the talent record (name, ID, mobile, employer): the first
    // required field left empty is the one the browser asks for.
    const required = (item.form.required ?? []).filter(
      (k) => app.form[k] === undefined || app.form[k] === "",
    );
    expect(app.form.name, "prefilled from the registry").toBeTruthy();
    if (required.length) {
      // One reason per empty required field, under the field (the exact wording depends on its kind).
      await page.locator(".ant-form-item-explain-error").first().waitFor({ timeout: T });
      expect(await page.locator(".ant-form-item-explain-error").count()).toBeGreaterThan(0);
    }
    await shot(page, "services-apply-empty-errors");

    await fillForm(page, item, "首次");
    await page.getByRole("button", { name: "提交申请" }).click();
    // Required materials are asked for before anything is sent.
    await page
      .getByText(/请上传：/)
      .first()
      .waitFor({ timeout: T });
    await uploadMaterials(page, item);
    await expectNoRawKeys(page);
    await shot(page, "services-apply-filled");

    await page.getByRole("button", { name: "提交申请" }).click();
    await page.getByText("申请已提交").first().waitFor({ timeout: T });
    await page.getByText("办理环节").first().waitFor({ timeout: T });
    const submitted = await apiGet<AppView>(page, `/applications/${appId}`);
    expect(submitted.status).toBe("in_review");
    expect(submitted.currentStep?.orgs.map((o) => o.name)).toEqual([HRSS]);
    await shot(page, "services-application-submitted");
  });

  it("the hrss officer finds the case by number in the workbench and returns it for correction", async () => {
    const page = await as("hrss");
    await menu(page, "办件工作台").click();
    await page.getByRole("heading", { name: "办件工作台", level: 1 }).waitFor({ timeout: T });
    await page.getByRole("link", { name: appNumber }).waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "services-workbench");

    // Search by number narrows the queue to this case; the export downloads an Excel file.
    await page.getByLabel("办件编号或申请人姓名").fill(appNumber);
    await page.getByLabel("办件编号或申请人姓名").press("Enter");
    await expect.poll(() => page.url(), { timeout: T }).toContain(`q=${appNumber}`);
    await expect.poll(() => page.locator("tbody tr.ant-table-row").count(), { timeout: T }).toBe(1);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: T }),
      page.getByRole("button", { name: "导出 Excel" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByRole("link", { name: appNumber }).click();
    await page.getByRole("heading", { name: new RegExp(appNumber), level: 1 }).waitFor({ timeout: T });
    // The case shows the form read-only and the materials as download links.
    await page
      .locator(".rc-materials")
      .getByRole("button", { name: /\.pdf$/ })
      .first()
      .waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "services-case-before-return");

    await page.getByRole("button", { name: "退回补正" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("第 1 项").fill(CORRECTION);
    await dialog.getByRole("button", { name: "确定" }).click();
    await page.getByText("已退回申请人补正").first().waitFor({ timeout: T });
    const app = await apiGet<AppView>(page, `/applications/${appId}`);
    expect(app.status).toBe("returned");
  });

  it("the talent sees what to correct, corrects the form and resubmits", async () => {
    const page = await as("talent");
    await menu(page, "我的办件").click();
    await page.getByRole("heading", { name: "我的办件", level: 1 }).waitFor({ timeout: T });
    const row = page.locator("tr", { has: page.getByRole("link", { name: appNumber }) });
    await row.getByText("退回补正").waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "services-mine");

    await page.getByRole("link", { name: appNumber }).click();
    await page.getByTestId("corrections").getByText(CORRECTION).waitFor({ timeout: T });
    await page.locator("form#application").waitFor({ timeout: T });
    const app = await apiGet<AppView>(page, `/applications/${appId}`);
    const item = await itemOf(page, app);
    await fillForm(page, item, "补正");
    await shot(page, "services-application-returned");
    await page.getByRole("button", { name: "重新提交" }).click();
    await page.getByText("已重新提交").first().waitFor({ timeout: T });
    const again = await apiGet<AppView>(page, `/applications/${appId}`);
    expect(again.status).toBe("in_review");
  });

  it("the hrss officer approves, then hrss and science countersign, each from the case page", async () => {
    const talent = await as("talent");
    let app = await apiGet<AppView>(talent, `/applications/${appId}`);
    expect(app.steps.some((s) => s.kind === "countersign")).toBe(true);
    const sign = app.steps.find((s) => s.kind === "countersign")!;
    expect(sign.orgs.map((o) => o.name).sort()).toEqual([HRSS, SCIENCE].sort());

    const actedBy: string[] = [];
    for (let guard = 0; app.status === "in_review" && app.currentStep && guard < 12; guard++) {
      const step = app.currentStep;
      const org = step.orgs.find((o) => !o.signedAt) ?? step.orgs[0]!;
      const username = ACCOUNTS[org.name]?.[step.role];
      expect(username, `a demo ${step.role} at ${org.name}`).toBeTruthy();
      const page = await as(username!);
      await page.goto(`${server.url}/services/workbench/${appId}`);
      await page.getByRole("heading", { name: new RegExp(appNumber), level: 1 }).waitFor({ timeout: T });
      const label = step.kind === "countersign" ? "会签同意" : "审核通过";
      await page.getByRole("button", { name: label }).click();
      await page.getByRole("dialog").getByLabel("意见").fill(`${org.name}同意`);
      if (step.kind === "countersign" && actedBy.filter((u) => u.startsWith("sign:")).length === 0)
        await shot(page, "services-case-countersign", false);
      await page.getByRole("dialog").getByRole("button", { name: "确定" }).click();
      await page.getByText("已通过").first().waitFor({ timeout: T });
      actedBy.push(`${step.kind === "countersign" ? "sign:" : ""}${username}`);
      app = await apiGet<AppView>(talent, `/applications/${appId}`);
    }
    expect(actedBy[0]).toBe("hrss");
    expect(actedBy.filter((u) => u.startsWith("sign:")).length).toBe(2);
    expect(app.status).toBe("approved");
    const last = sessions.get(actedBy.at(-1)!.replace("sign:", ""))!.page;
    await last.reload();
    await last.getByTestId("decision").waitFor({ timeout: T });
    await shot(last, "services-case-approved");
  });

  it("the talent sees the decision with each step's promised and actual dates", async () => {
    const page = await as("talent");
    await page.goto(`${server.url}/services/mine/${appId}`);
    await page.getByTestId("decision").getByText("已办结：审核通过").waitFor({ timeout: T });
    await page.locator(".rc-app-history").getByText("退回补正").first().waitFor();
    await page.locator(".rc-app-history").getByText(CORRECTION).first().waitFor();
    await page.locator(".rc-app-history").getByText("会签同意").first().waitFor();
    await expectNoRawKeys(page);
    await shot(page, "services-application-decided");

    // The same page in English, and on a phone.
    const en = await login("talent", { lang: "en" });
    await en.page.goto(`${server.url}/services/mine/${appId}`);
    await en.page.getByTestId("decision").getByText("Completed: approved").waitFor({ timeout: T });
    await shot(en.page, "services-application-decided-en");
    await en.context.close();
    const phone = await login("talent", { width: 390, height: 844 });
    await phone.page.goto(`${server.url}/services/mine/${appId}`);
    await phone.page.getByTestId("decision").waitFor({ timeout: T });
    await shot(phone.page, "services-application-decided-phone");
    await phone.context.close();
  });

  it("the recognition sticks: the tier is on 我的档案, the certificate on the home page, and the portal checks its number", async () => {
    const page = await as("talent");
    const me = await apiGet<{ tier: string | null }>(page, "/registry/me");
    expect(me.tier).toMatch(/^[A-E]$/);
    const certs = await apiGet<{
      items: { id: string; number: string; applicationId: string; status: string; subject: string }[];
    }>(page, "/certificates/mine");
    const cert = certs.items.find((c) => c.applicationId === appId);
    expect(cert, "a certificate for the approved application").toBeDefined();
    expect(cert!.subject).toBe(`营口市${me.tier}类高层次人才`);
    await page.goto(`${server.url}/`);
    const card = page.locator(".rc-cert-card", { hasText: cert!.number });
    await card.waitFor({ timeout: T });
    await card.getByText("有效", { exact: true }).waitFor();
    await shot(page, "certificate-home");

    // The printable certificate names the holder in full.
    const print = await page.context().newPage();
    await print.goto(`${server.url}/api/certificates/${cert!.id}/print`);
    await print.getByRole("heading", { name: "高层次人才认定证书" }).waitFor({ timeout: T });
    expect(await print.locator("body").textContent()).toContain("刘洋");
    await shot(print, "certificate-print");
    await print.close();

    // Anyone checks the number on the portal, without signing in: genuine, valid, masked name.
    const { context: anon, page: visitor } = await anonymousPage();
    await visitor.goto(`${server.url}/portal/certificates`);
    await visitor.getByLabel("证书编号").fill(cert!.number);
    await visitor.getByRole("button", { name: "查验" }).click();
    const table = visitor.locator(".cert-check");
    await table.waitFor({ timeout: T });
    const text = (await table.textContent()) ?? "";
    expect(text).toContain("有效");
    expect(text).toContain("刘*");
    expect(text).not.toContain("刘洋");
    await shot(visitor, "certificate-portal-check");
    await anon.close();
  });

  it("an employer applies for 科技人才创新项目启动经费 and withdraws it before any decision", async () => {
    const page = await as("employer");
    await menu(page, "我要办事").click();
    const name = "科技人才创新项目启动经费";
    await page.getByRole("button", { name: `办理${name}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "开始办理" }).click();
    await expect.poll(() => page.url(), { timeout: T }).toMatch(/\/services\/mine\/[^/]+$/);
    const id = page.url().split("/").pop() ?? "";
    const app = await apiGet<AppView>(page, `/applications/${id}`);
    const item = await itemOf(page, app);
    await page.locator("form#application").waitFor({ timeout: T });
    await fillForm(page, item, "项目");
    await uploadMaterials(page, item);
    await page.getByRole("button", { name: "提交申请" }).click();
    await page.getByText("申请已提交").first().waitFor({ timeout: T });

    await page.getByRole("button", { name: "撤回申请" }).click();
    await page.getByRole("dialog").getByLabel("撤回原因（选填）").fill("项目计划调整");
    await page.getByRole("dialog").getByRole("button", { name: "撤回申请" }).click();
    await page.getByText("申请已撤回").first().waitFor({ timeout: T });
    await page.locator(".rc-app-history").getByText("申请人撤回").waitFor({ timeout: T });
    expect((await apiGet<AppView>(page, `/applications/${id}`)).status).toBe("withdrawn");
    // Nothing is left to do: no withdraw, no edit.
    expect(await page.getByRole("button", { name: "撤回申请" }).count()).toBe(0);
    expect(await page.locator("form#application").count()).toBe(0);
    await shot(page, "services-application-withdrawn");
  });

  it("the talent office sees the item in its catalogue, the power list and the holiday calendar", async () => {
    const page = await as("office");
    await menu(page, "事项管理").click();
    await page.getByRole("heading", { name: "事项管理", level: 1 }).waitFor({ timeout: T });
    await page.getByRole("link", { name: ITEM, exact: true }).click();
    await page.getByText("第 1 版").first().waitFor({ timeout: T });
    await page.getByRole("tab", { name: "申请表单" }).click();
    // Without a draft the editor shows the published version: its form renders in the preview.
    await page.locator(".rc-schema-preview").getByText("身份证号码").waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "services-catalogue-form-editor");
    await page.getByRole("tab", { name: "办理流程" }).click();
    await expect
      .poll(() => page.getByLabel("步骤名称").first().inputValue(), { timeout: T })
      .toBe("受理初审");
    await shot(page, "services-catalogue-workflow-editor");

    // A change is published as version 2; the talent's application stays on version 1 (新老划断).
    await page.getByRole("tab", { name: "基本信息" }).click();
    await page.getByLabel("承诺时限").fill("12");
    await page.getByRole("button", { name: "发布" }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "发布" }).click();
    await page.getByText("已发布第 2 版").first().waitFor({ timeout: T });
    await page.getByRole("tab", { name: "版本记录" }).click();
    await page.getByRole("cell", { name: "第 2 版" }).waitFor({ timeout: T });
    await page.getByRole("cell", { name: "第 1 版" }).waitFor();
    await shot(page, "services-catalogue-versions");
    const talent = await as("talent");
    const app = await apiGet<AppView>(talent, `/applications/${appId}`);
    expect(app.item.version).toBe(1);
    const latest = await apiGet<{ version: number; promisedDays: number }>(
      talent,
      `/catalogue/${encodeURIComponent(app.item.code)}`,
    );
    expect(latest).toMatchObject({ version: 2, promisedDays: 12 });

    await page.goto(`${server.url}/services/lists`);
    await page.getByRole("heading", { name: "权力清单和责任清单", level: 1 }).waitFor({ timeout: T });
    await page.getByText(ITEM, { exact: true }).first().waitFor({ timeout: T });
    await shot(page, "services-power-list");

    await menu(page, "节假日设置").click();
    await page.getByRole("heading", { name: "节假日设置", level: 1 }).waitFor({ timeout: T });
    await page.getByText("国庆节调休上班").first().waitFor({ timeout: T });
    await shot(page, "services-holidays");
    // A make-up working day is added, listed with its weekday, and removed again.
    const year = new Date().getUTCFullYear();
    const date = `${year}-12-26`;
    const form = page.locator("form#holiday");
    await form.getByLabel("日期").click();
    await form.getByLabel("日期").fill(date);
    await form.getByLabel("日期").press("Enter");
    await form.getByLabel("类型").click();
    await form.getByLabel("类型").press("ArrowDown");
    await form.getByLabel("类型").press("Enter");
    await form.getByLabel("名称").fill("年终调休上班");
    await form.getByRole("button", { name: "保存" }).click();
    const row = page.locator("tr", { hasText: date });
    await row.getByText("年终调休上班").waitFor({ timeout: T });
    expect(await row.textContent()).toContain("调休上班");
    await row.getByRole("button", { name: `删除 ${date}` }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "确定" }).click();
    await expect.poll(() => page.locator("tr", { hasText: date }).count(), { timeout: T }).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
