// Fund management through the real UI of the built server: the talent office creates a fund and a
// budget line funding the 博士人才生活补贴 item with a two-stage plan (a duplicate line code is shown
// under its field) and raises the two-person approval threshold; the finance officer allocates budget
// to the new line. Every result is checked again through the API.
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startBuiltServer } from "./server.js";

const SHOTS = "test-results/e2e";
const T = 15_000;
const FUND = "YK-E2E-MANAGE";
const LINE = "博士人才生活补贴专项（端到端）";

let browser: Browser;
let server: RunningServer;
const pageErrors: string[] = [];

async function apiAs(username: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  return async (path: string) => {
    const r = await fetch(`${server.url}${path}`, { headers: { cookie: cookies.join("; ") } });
    expect(r.status).toBe(200);
    return r.json() as Promise<Record<string, unknown>>;
  };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startBuiltServer({ SEED_DEMO_POLICY: "false" });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
  expect(pageErrors).toEqual([]);
});

async function session(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(`${username}: ${e.message}`));
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await expect.poll(() => page.url(), { timeout: T }).not.toContain("/login");
  return { context, page };
}

/** Picks an option of an antd Select by typing part of its text. */
async function pick(page: Page, scope: ReturnType<Page["getByRole"]>, label: string, text: string) {
  await scope.getByLabel(label).click();
  await scope.getByLabel(label).fill(text);
  await page
    .locator(".ant-select-item-option-active")
    .filter({ hasText: text })
    .first()
    .waitFor({ timeout: T });
  await scope.getByLabel(label).press("Enter");
  // The choice shows as the select's text (an input's typed value is not text content).
  await expect.poll(async () => (await scope.textContent()) ?? "", { timeout: T }).toContain(text);
}

const fundCard = (page: Page) => page.locator(".ant-card").filter({ hasText: FUND });

describe("fund management in the browser", () => {
  it("the talent office creates a fund, a budget line with a stage plan, and sets the threshold", async () => {
    const { context, page } = await session("office");
    await page.goto(`${server.url}/funds`);
    await page.getByRole("link", { name: "资金管理" }).click();
    await page.getByRole("heading", { name: "资金与预算科目管理" }).waitFor({ timeout: T });

    await page.getByRole("button", { name: "新建资金" }).click();
    let dialog = page.getByRole("dialog");
    await dialog.getByLabel("资金编码").fill(FUND);
    await dialog.getByLabel("资金名称").fill("端到端测试专项资金");
    await pick(page, dialog, "拨付财政部门", "市财政局");
    await dialog.getByRole("button", { name: /创\s*建/ }).click();
    await page.getByText("资金已创建").waitFor({ timeout: T });
    await fundCard(page).waitFor({ timeout: T });

    const addLine = async (code: string) => {
      await fundCard(page).getByRole("button", { name: "添加预算科目" }).click();
      dialog = page.getByRole("dialog").filter({ hasText: "添加预算科目" });
      await dialog.getByLabel("科目编码").fill(code);
      await dialog.getByLabel("科目名称").fill(LINE);
      await dialog.getByLabel("政策条款序号").fill("(五)");
      await pick(page, dialog, "资助的服务事项（可选）", "RC-BSSH");
      await dialog.getByRole("button", { name: "添加阶段" }).click();
      await dialog.getByLabel("第 1 阶段名称").fill("首期");
      await dialog.getByLabel("第 1 阶段比例").fill("60");
      await dialog.getByRole("button", { name: "添加阶段" }).click();
      await dialog.getByLabel("第 2 阶段名称").fill("二期");
      await dialog.getByLabel("第 2 阶段比例").fill("40");
      await dialog.getByText("比例合计 100%").waitFor({ timeout: T });
      await dialog.getByRole("button", { name: /创\s*建/ }).click();
    };
    await addLine("2026-E2E");
    await page.getByText("预算科目已添加").waitFor({ timeout: T });
    await fundCard(page).getByRole("link", { name: LINE }).waitFor({ timeout: T });
    await fundCard(page).getByText("首期 60% / 二期 40%").waitFor({ timeout: T });

    // The same code again: the server's conflict is shown under the code field; the dialog stays open.
    await addLine("2026-E2E");
    await dialog.getByText("该资金下已有此编码的预算科目").waitFor({ timeout: T });
    await dialog.getByRole("button", { name: /取\s*消/ }).click();

    const threshold = page.getByLabel("双人审批限额");
    // Lowering applies at once (a raise would need finance's request and a co-signature).
    await threshold.fill("50000");
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("设置已保存").waitFor({ timeout: T });
    await page.getByText("当前限额：50,000.00 元").waitFor({ timeout: T });
    await page.screenshot({ path: `${SHOTS}/funds-manage.png`, fullPage: true });
    await context.close();

    const office = await apiAs("office");
    expect(await office("/api/funds/settings")).toEqual({ dualApprovalAbove: 5_000_000 });
    const funds = (await office("/api/funds")).items as {
      id: string;
      code: string;
      finance: { name: string };
    }[];
    const fund = funds.find((f) => f.code === FUND)!;
    expect(fund.finance.name).toBe("市财政局");
    const lines = (await office(`/api/funds/${fund.id}/budget-lines`)).items as Record<string, unknown>[];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      year: new Date().getFullYear(),
      code: "2026-E2E",
      itemCode: "RC-BSSH",
      stagePlan: [
        { name: "首期", percent: 60, condition: "on_creation" },
        { name: "二期", percent: 40, condition: "manual" },
      ],
    });
  });

  it("the finance officer allocates budget to the new line; a raise of the limit waits for co-signature", async () => {
    const { context, page } = await session("finance");
    await page.goto(`${server.url}/funds/manage`);
    await fundCard(page).waitFor({ timeout: T });
    expect(await page.getByRole("button", { name: "新建资金" }).count()).toBe(0);
    await page.getByLabel("双人审批限额").fill("300000");
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByText("提高限额的申请已提交，待人才办会签").waitFor({ timeout: T });
    await page.getByTestId("dual-pending").waitFor({ timeout: T });
    await page.getByText("当前限额：50,000.00 元").waitFor({ timeout: T });
    await fundCard(page).getByRole("button", { name: "下达预算" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("金额（元）").fill("800000.50");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await page.getByText("预算已下达").waitFor({ timeout: T });
    await fundCard(page).getByText("800,000.50").first().waitFor({ timeout: T });
    await context.close();

    const office = await apiAs("office");
    const funds = (await office("/api/funds")).items as { id: string; code: string }[];
    const fund = funds.find((f) => f.code === FUND)!;
    const lines = (await office(`/api/funds/${fund.id}/budget-lines`)).items as {
      balances: { allocated: number; available: number };
    }[];
    expect(lines[0]!.balances).toMatchObject({ allocated: 80_000_050, available: 80_000_050 });
  });
});
