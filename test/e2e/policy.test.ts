// The policy workflow through the real UI of the built server, starting without the seed policy:
// the talent office imports the reference policy on the upload page and reads it; a department officer
// writes a progress report on one of their tasks and their leader signs it off; the talent office
// issues a supervision order that the department answers; the assessment ranks the units and exports
// to Excel. Screenshots (Chinese and English, desktop and phone) go to test-results/e2e/.
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startBuiltServer } from "./server.js";

const SHOTS = "test-results/e2e";
const SEED = resolve("seeds/yingkou-talent-policy-2017.txt");
const HRSS = "市人力资源社会保障局";
const TASK = "转变政府人才管理职能"; // measure (一), led by 市人力资源社会保障局
const ATTACHMENT = "权力清单公布情况.pdf";
const T = 15_000;

let browser: Browser;
let server: RunningServer;
/** Path of the task the officer reports on, e.g. /tasks/06H…; set by the second test. */
let taskPath = "";
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startBuiltServer({ SEED_DEMO_POLICY: "false" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

async function session(
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

const menu = (page: Page, label: string) => page.getByRole("menuitem", { name: label }).first();

/** No dictionary key (such as "task.tabReports") may reach the screen untranslated. */
async function expectNoRawKeys(page: Page) {
  const text = (await page.locator("body").textContent()) ?? "";
  const raw = text.match(
    /\b(?:policy|reader|import|aliases|board|work|task|milestone|report|order|event|assess|light|period|taskStatus|reportStatus|orderStatus|nav|cap)\.[a-z][a-zA-Z]*(?:\.[a-zA-Z_]+)?/g,
  );
  expect(raw ?? []).toEqual([]);
}

/** Nothing sticks out sideways (the page does not scroll horizontally). */
async function expectNoHorizontalOverflow(page: Page) {
  // A string, not a function: this file is compiled without the DOM library.
  const { scroll, client } = await page.evaluate<{ scroll: number; client: number }>(
    "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
  );
  expect(scroll).toBeLessThanOrEqual(client + 1);
}

/** A full-page screenshot taken from the top (sticky header and menu then sit where they belong). */
async function shot(page: Page, name: string, fullPage = true) {
  await expectNoHorizontalOverflow(page);
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** The China-time date `days` from today, yyyy-mm-dd. */
function chinaDate(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

async function pickDate(page: Page, label: string | RegExp, date: string) {
  const input = page.getByRole("dialog").getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press("Enter");
}

describe("policy documents, tasks, supervision and assessment", () => {
  it("the talent office imports the seed policy on the upload page and reads 7 sections / 23 measures", async () => {
    const { context, page } = await session("office");
    await menu(page, "政策文件").click();
    await page.getByRole("heading", { name: "政策文件", level: 1 }).waitFor({ timeout: T });
    await page.getByText("暂无政策文件").first().waitFor({ timeout: T });

    await page.getByRole("button", { name: "导入政策文件" }).click();
    await page.getByRole("heading", { name: "导入政策文件", level: 1 }).waitFor({ timeout: T });
    await page.locator('input[type="file"]').setInputFiles(SEED);
    await page.getByRole("heading", { name: /解析预览/ }).waitFor({ timeout: T });
    expect(await page.getByTestId("preview-counts").textContent()).toContain("7 个部分 · 23 项措施");
    await page.getByText("市发改委").first().waitFor();
    await expectNoRawKeys(page);
    await shot(page, "policy-import-preview", false);

    await page.getByRole("button", { name: "确认导入", exact: true }).click();
    await page
      .getByText(/已导入《营口市关于进一步深化人才发展体制机制改革的实施意见》/)
      .waitFor({ timeout: T });
    await page.getByText("已生成 23 项任务").first().waitFor();
    await shot(page, "policy-import-done");

    await page.getByRole("button", { name: "阅读政策文件" }).click();
    await page.getByTestId("reader-counts").waitFor({ timeout: T });
    expect(await page.getByTestId("reader-counts").textContent()).toBe("共 7 个部分、23 项措施");
    expect(await page.locator("section.rc-policy-section").count()).toBe(7);
    await expect.poll(() => page.locator("article.rc-measure").count(), { timeout: T }).toBe(23);
    // Each clause shows its units, and the link to its task with the task's light.
    const first = page.locator("article#m-1");
    expect(await first.textContent()).toContain(HRSS);
    await first.getByText("绿灯·正常").waitFor({ timeout: T });
    // Group entries stay text and 市发改委 was merged into 市发展改革委 by the alias table.
    await page.locator("article#m-3").getByText("各相关部门").waitFor();
    await page.locator("article#m-4").getByText("市发展改革委").waitFor();
    await expectNoRawKeys(page);
    await shot(page, "policy-reader");

    // The same text again is refused with a clear message (409).
    await page.goto(`${server.url}/policy/import`);
    await page.locator('input[type="file"]').setInputFiles(SEED);
    await page.getByRole("button", { name: "确认导入", exact: true }).click();
    await page.getByText("该文件已导入").waitFor({ timeout: T });
    await page.getByText(/相同内容的政策文件已导入/).waitFor();
    await shot(page, "policy-import-duplicate", false);

    // The document list shows it, and the alias table is there for the talent office.
    await menu(page, "政策文件").click();
    await page
      .getByRole("link", { name: "营口市关于进一步深化人才发展体制机制改革的实施意见" })
      .waitFor({ timeout: T });
    await page.getByRole("button", { name: "单位别名" }).click();
    await page.getByRole("cell", { name: "市发改委", exact: true }).waitFor({ timeout: T });
    await context.close();
  });

  it("a department officer opens one of their tasks, sets milestones and writes this period's report", async () => {
    const { context, page } = await session("hrss");
    await menu(page, "任务台账").click();
    await page.getByRole("heading", { name: "任务台账", level: 1 }).waitFor({ timeout: T });
    // The unit's workspace: every task of the unit owes this period's report.
    const due = page.getByTestId("work-due");
    await due.getByRole("link").first().waitFor({ timeout: T });
    await page.getByText("已加载 17 条").waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "tasks-board-officer");

    await page
      .getByRole("link", { name: `(一)${TASK}` })
      .first()
      .click();
    await page.getByRole("heading", { name: `(一)${TASK}`, level: 1 }).waitFor({ timeout: T });
    taskPath = new URL(page.url()).pathname;
    expect(taskPath).toMatch(/^\/tasks\/[0-9A-Z]{26}$/);

    // Milestones: the lead unit's officer keeps them; progress rolls up from them.
    await page.getByRole("tab", { name: /里程碑/ }).click();
    for (const [title, days] of [
      ["梳理权力清单和责任清单", 10],
      ["清理规范性文件", 40],
    ] as const) {
      await page.getByRole("button", { name: "新增里程碑" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("里程碑").fill(title);
      await pickDate(page, "截止日期", chinaDate(days));
      await dialog.getByRole("button", { name: "保存" }).click();
      await page.getByRole("cell", { name: title, exact: true }).first().waitFor({ timeout: T });
      await dialog.waitFor({ state: "hidden" });
    }
    await page.getByRole("button", { name: "完成 梳理权力清单和责任清单" }).click();
    await page.getByText("里程碑 1/2").first().waitFor({ timeout: T });
    await page
      .getByRole("progressbar", { name: /进度 50%/ })
      .first()
      .waitFor();

    // This period's progress report.
    await page.getByRole("tab", { name: /进度报告/ }).click();
    await page.getByText("本期未报送").waitFor({ timeout: T });
    await page.getByRole("button", { name: "填报进度报告" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("本期").first().waitFor();
    await dialog
      .getByLabel("进展情况")
      .fill("已完成人才管理服务权力清单和责任清单梳理，正在清理不合时宜的人才管理规范性文件。");
    // An attachment, uploaded as raw bytes and recognised by its content.
    await dialog.locator('input[type="file"]').setInputFiles({
      name: ATTACHMENT,
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
    });
    await dialog.getByText(ATTACHMENT).waitFor({ timeout: T });
    await expect.poll(() => dialog.getByText("正在上传…").count(), { timeout: T }).toBe(0);
    await page.waitForTimeout(400); // let the dialog finish its opening animation
    await shot(page, "task-report-modal", false);
    await dialog.getByRole("button", { name: "提交" }).click();
    await page.getByText("进度报告已提交，等待本单位领导审核").waitFor({ timeout: T });
    await page.getByTestId("report-current").getByText("本期已报送").waitFor({ timeout: T });
    await page.locator(".rc-report").getByText("待审核").first().waitFor();
    await page.locator(".rc-report").getByText("报送时进度 50%").waitFor();
    // The attachment downloads under its Chinese name.
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: T }),
      page.locator(".rc-report").getByRole("button", { name: ATTACHMENT }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(ATTACHMENT);
    await expectNoRawKeys(page);
    await shot(page, "task-detail-officer");

    // The history tells the story.
    await page.getByRole("tab", { name: "任务动态" }).click();
    await page.getByText(/提交了市人力资源社会保障局.*进度报告/).waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await context.close();
  });

  it("the unit's leader finds the report in their sign-off queue and approves it", async () => {
    const { context, page } = await session("hrss_leader");
    await menu(page, "任务台账").click();
    const queue = page.getByTestId("work-sign");
    await queue.getByRole("link", { name: TASK }).click();
    await page.getByRole("heading", { name: `(一)${TASK}`, level: 1 }).waitFor({ timeout: T });
    // Leaders see no milestone actions (the API's abilities say so) and land on the reports.
    await page.getByRole("button", { name: "审核通过" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("审核意见（选填）").fill("同意。");
    await dialog.getByRole("button", { name: "审核通过" }).click();
    await page.getByText("已审核通过").first().waitFor({ timeout: T });
    await page.locator(".rc-report").getByText("已通过").waitFor();
    await page.getByRole("tab", { name: /里程碑/ }).click();
    expect(await page.getByRole("button", { name: "新增里程碑" }).count()).toBe(0);
    await context.close();
  });

  it("the talent office issues a supervision order on that task to 市人力资源社会保障局 and sees it in the list", async () => {
    const { context, page } = await session("office");
    await page.goto(`${server.url}${taskPath}`);
    await page.getByRole("heading", { name: `(一)${TASK}`, level: 1 }).waitFor({ timeout: T });
    await page.getByRole("tab", { name: /督办/ }).click();
    await page.getByRole("button", { name: "下发督办单" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("督办对象").click();
    // The lead unit is preselected; choose it explicitly anyway.
    await page.locator(`.ant-select-item-option[title="${HRSS}（牵头）"]`).click();
    await dialog.getByLabel("督办内容").fill("请于一周内报送权力清单和责任清单的公布情况。");
    await pickDate(page, "反馈期限", chinaDate(7));
    await dialog.getByRole("button", { name: "下发督办单" }).click();
    await page.getByText("督办单已下发").waitFor({ timeout: T });
    await dialog.waitFor({ state: "hidden" });
    await page.locator(".rc-report").getByText("待反馈").waitFor();
    await shot(page, "task-detail-office");

    await menu(page, "督办管理").click();
    await page.getByRole("heading", { name: "督办管理", level: 1 }).waitFor({ timeout: T });
    const row = page.getByRole("row", { name: new RegExp(TASK) });
    await row.waitFor({ timeout: T });
    expect(await row.textContent()).toContain(HRSS);
    expect(await row.textContent()).toContain(chinaDate(7));
    await expectNoRawKeys(page);
    await shot(page, "supervision-office");

    // The task board with all 23 tasks pages by keyset ("加载更多").
    await menu(page, "任务台账").click();
    await page.getByText("已加载 20 条").waitFor({ timeout: T });
    await page.getByRole("button", { name: "加载更多" }).click();
    await page.getByText("已加载 23 条").waitFor({ timeout: T });
    await shot(page, "tasks-board-office");
    await context.close();
  });

  it("the department officer answers the order", async () => {
    const { context, page } = await session("hrss");
    await menu(page, "督办管理").click();
    await page.getByRole("button", { name: "反馈" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("反馈内容").fill("两张清单已于本周在市政府网站公布。");
    await dialog.getByRole("button", { name: "反馈" }).click();
    await page.getByText("两张清单已于本周在市政府网站公布。").first().waitFor({ timeout: T });
    await page
      .getByRole("row", { name: new RegExp(TASK) })
      .getByText("已反馈")
      .waitFor();
    await context.close();
  });

  it("the talent office ranks the units, adjusts a score with a reason and exports Excel", async () => {
    const { context, page } = await session("office");
    await menu(page, "考核评估").click();
    await page.getByRole("heading", { name: "考核评估", level: 1 }).waitFor({ timeout: T });
    await page.getByText(/考核结果（\d+ 个单位）/).waitFor({ timeout: T });
    await page.locator("canvas").first().waitFor({ timeout: T });

    await page.getByRole("button", { name: `加减分 ${HRSS}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("加分", { exact: true }).click();
    await dialog.getByLabel("分值").fill("2");
    await dialog.getByLabel("理由").fill("人才政策兑现工作获省委组织部通报表扬。");
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.getByText("加减分已记录").waitFor({ timeout: T });
    const hrssRow = page.getByRole("row", { name: new RegExp(HRSS) }).first();
    await expect.poll(() => hrssRow.textContent(), { timeout: T }).toContain("+2");
    // The scheme: weights must add up to 100 before they can be saved.
    await page.getByRole("button", { name: "调整指标权重" }).click();
    const scheme = page.getByRole("dialog");
    // Default 20/25/20/15/20: 进度报告按时报送率 20 → 35 makes 115; 里程碑按期完成率 25 → 10 makes 100.
    await scheme.getByLabel("进度报告按时报送率").fill("35");
    await scheme.getByText("权重合计 115（须为 100）").waitFor();
    expect(await scheme.getByRole("button", { name: "保存" }).isDisabled()).toBe(true);
    await scheme.getByLabel("里程碑按期完成率").fill("10");
    await scheme.getByText("权重合计 100（须为 100）").waitFor();
    await scheme.getByRole("button", { name: "保存" }).click();
    await page.getByText("考核指标已保存").waitFor({ timeout: T });
    await page.getByText(/本年度方案/).waitFor({ timeout: T });
    await scheme.waitFor({ state: "hidden" });
    await expectNoRawKeys(page);
    await shot(page, "assessment");

    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: T }),
      page.getByRole("button", { name: "导出 Excel" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^assessment-\d{4}\.xlsx$/);
    await context.close();
  });

  it("the task board fits a phone (390×844)", async () => {
    const { context, page } = await session("hrss", { width: 390, height: 844 });
    await page.goto(`${server.url}/tasks`);
    await page.getByRole("heading", { name: "任务台账", level: 1 }).waitFor({ timeout: T });
    await page.locator(".rc-task-card").first().waitFor({ timeout: T });
    await expectNoHorizontalOverflow(page);
    await shot(page, "tasks-board-phone");
    await page.goto(`${server.url}${taskPath}`);
    await page.getByRole("heading", { name: `(一)${TASK}`, level: 1 }).waitFor({ timeout: T });
    await expectNoHorizontalOverflow(page);
    await shot(page, "task-detail-phone");
    await context.close();
  });

  it("reads in English too", async () => {
    const { context, page } = await session("office", { lang: "en" });
    await menu(page, "Policy documents").click();
    await page
      .getByRole("link", { name: "营口市关于进一步深化人才发展体制机制改革的实施意见" })
      .first()
      .click();
    await page.getByText("7 sections, 23 measures").waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "en-policy-reader", false);

    await menu(page, "Tasks").click();
    await page.getByText("20 loaded").waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "en-tasks-board");

    await page.goto(`${server.url}${taskPath}?tab=reports`);
    await page.getByText("Approved by").first().waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "en-task-detail");
    await page.getByRole("tab", { name: "History" }).click();
    await page.getByText(/issued a supervision order/).waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "en-task-history");

    await menu(page, "Supervision").click();
    await page.getByRole("row", { name: new RegExp(TASK) }).waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "en-supervision");

    await menu(page, "Assessment").click();
    await page.getByText(/Results \(\d+ units\)/).waitFor({ timeout: T });
    await expectNoRawKeys(page);
    await shot(page, "en-assessment");
    await context.close();
  });

  it("raised no errors in the pages", () => {
    expect(pageErrors).toEqual([]);
  });
});
