// The talent fund through the real UI of the built server (demo seed: the 2026 fund with one paid
// batch): the talent office approves an entitlement on a budget line; the finance officer collects the
// payable stages into a batch above the dual-approval limit but may not approve it (the collector
// never does); the bureau's leader approves, a second finance user approves too; the bank file is exported with full account numbers; the batch is recorded paid and
// the dashboard shows the new paid total.
import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startBuiltServer } from "./server.js";

const SHOTS = "test-results/e2e";
const T = 15_000;
const ACCOUNT = "6217850800001234567";
const FINANCE2_PASSWORD = "Caizheng#2026-e2e";
const LINE = "创新型科技人才项目资助（事前立项启动经费、事后验收奖励经费）";

let browser: Browser;
let server: RunningServer;
let batchPath = "";
const pageErrors: string[] = [];

/** Logs in through the API (for setup only) and returns a caller that sends the session and CSRF token. */
async function apiAs(username: string, password: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const csrf = cookies.find((c) => c.startsWith("rencai_csrf="))!.split("=")[1]!;
  return (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie: cookies.join("; "),
        "x-csrf-token": csrf,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startBuiltServer({ SEED_DEMO_POLICY: "false" });
  browser = await launchBrowser();
  // A second person at the finance bureau, so that a large batch can get its two approvals.
  const admin = await apiAs("sysadmin", DEMO_PASSWORD);
  const orgs = (await (await admin("GET", "/api/orgs")).json()) as { items: { id: string; name: string }[] };
  const financeOrg = orgs.items.find((o) => o.name === "市财政局")!.id;
  const created = await admin("POST", "/api/users", {
    username: "finance2",
    displayName: "钱进",
    orgId: financeOrg,
    roles: [{ role: "leader", orgId: financeOrg }],
  });
  expect(created.status).toBe(201);
  const { initialPassword } = (await created.json()) as { initialPassword: string };
  const finance2 = await apiAs("finance2", initialPassword);
  const changed = await finance2("POST", "/api/auth/password", {
    currentPassword: initialPassword,
    newPassword: FINANCE2_PASSWORD,
  });
  expect(changed.status).toBeLessThan(300);
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
  expect(pageErrors).toEqual([]);
});

async function session(
  username: string,
  password = DEMO_PASSWORD,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "zh-CN",
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(`${username}: ${e.message}`));
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await expect.poll(() => page.url(), { timeout: T }).not.toContain("/login");
  return { context, page };
}

const paidTotal = async (page: Page) => {
  await page.goto(`${server.url}/funds`);
  const card = page.locator(".ant-statistic").filter({ hasText: "已支付（元）" }).first();
  await card.waitFor({ timeout: T });
  return ((await card.locator(".ant-statistic-content").textContent()) ?? "").trim();
};

describe("the talent fund in the browser", () => {
  it("the talent office sees the dashboard and approves an entitlement on a budget line", async () => {
    const { context, page } = await session("office");
    expect(await paidTotal(page)).toBe("100,000.00");
    await page.getByRole("menuitem", { name: "人才专项资金" }).first().waitFor({ timeout: T });
    await page.getByRole("link", { name: LINE }).click();
    await page.getByRole("button", { name: "核定资金待遇" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("人才账号（用户名）").fill("talent");
    await dialog.getByLabel("事由").fill("镁基储氢材料中试项目资助");
    await dialog.getByLabel("金额（元）").fill("150000");
    await dialog.getByLabel("收款人").fill("刘洋");
    await dialog.getByLabel("开户行").fill("中国银行营口分行");
    await dialog.getByLabel("收款账号").fill(ACCOUNT);
    await dialog.getByRole("button", { name: "核定资金待遇" }).click();
    await page.getByText("已核定并预留资金").waitFor({ timeout: T });
    await page.getByRole("link", { name: "镁基储氢材料中试项目资助" }).waitFor({ timeout: T });
    await page.screenshot({ path: `${SHOTS}/funds-line.png`, fullPage: true });
    await context.close();
  });

  it("the finance officer collects a batch above the limit and may not approve it; the leader approves once", async () => {
    const { context, page } = await session("finance");
    await page.goto(`${server.url}/funds/batches`);
    await page.getByRole("button", { name: "生成支付批次" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("批次名称").fill("2026年第2批人才资金");
    await dialog.getByRole("button", { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.url(), { timeout: T }).toMatch(/\/funds\/batches\/[0-9A-Z]+$/);
    batchPath = new URL(page.url()).pathname;
    await page.getByText("需 2 人审批").waitFor({ timeout: T });
    // Masked on screen.
    expect(await page.locator("body").textContent()).not.toContain(ACCOUNT);
    // Whoever collected the batch never approves it: no button for them.
    expect(await page.getByRole("button", { name: "审批通过" }).count()).toBe(0);
    await context.close();

    const leader = await session("finance_leader");
    await leader.page.goto(`${server.url}${batchPath}`);
    await leader.page.getByRole("button", { name: "审批通过" }).click();
    await leader.page.getByText("已审批").first().waitFor({ timeout: T });
    // The same person cannot give the second approval: the button is gone for them.
    await leader.page.reload();
    await leader.page.getByText("需 2 人审批").waitFor({ timeout: T });
    expect(await leader.page.getByRole("button", { name: "审批通过" }).count()).toBe(0);
    await leader.context.close();
  });

  it("a second finance user approves; the bank file carries full numbers; the batch is paid", async () => {
    const second = await session("finance2", FINANCE2_PASSWORD);
    await second.page.goto(`${server.url}${batchPath}`);
    await second.page.getByRole("button", { name: "审批通过" }).click();
    await second.page.getByRole("button", { name: "导出支付文件（CSV）" }).waitFor({ timeout: T });
    await second.context.close();

    const { context, page } = await session("finance");
    await page.goto(`${server.url}${batchPath}`);
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: T }),
      page.getByRole("button", { name: "导出支付文件（CSV）" }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toContain(ACCOUNT);
    expect(csv).toContain("150000.00");
    await page.getByRole("button", { name: "全部登记为已支付" }).click();
    await page.getByText("支付结果已登记").waitFor({ timeout: T });
    await page.getByText("已完成").first().waitFor({ timeout: T });
    await page.screenshot({ path: `${SHOTS}/funds-batch.png`, fullPage: true });
    await context.close();
  });

  it("the dashboard shows the new paid total", async () => {
    const { context, page } = await session("office");
    // 100,000 paid before + 150,000 approved now + the seed's payable 50,000 and 9,600.
    expect(await paidTotal(page)).toBe("309,600.00");
    await page.screenshot({ path: `${SHOTS}/funds-dashboard.png`, fullPage: true });
    await context.close();
  });
});
