// The policy calculator and 免申即享 through the real UI of the built server: an anonymous visitor
// answers one question and sees eligible items and the demo 博士人才生活补贴 as nearly eligible, with
// the missing conditions and their clauses; the talent office runs 免申即享 for that item; the demo
// talent 刘洋 (who qualifies) confirms the offer with one click. Screenshots go to test-results/e2e/.
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startBuiltServer } from "./server.js";

const SHOTS = "test-results/e2e";
const ITEM = "博士人才生活补贴";
const T = 20_000;

let browser: Browser;
let server: RunningServer;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startBuiltServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return page;
}

async function login(username: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await expect.poll(() => page.url(), { timeout: T }).not.toContain("/login");
  return page;
}

describe("policy calculator and 免申即享", () => {
  it("an anonymous visitor sees eligible and nearly eligible items with reasons and clauses", async () => {
    const page = await newPage();
    await page.goto(`${server.url}/calculator`);
    await page.getByRole("heading", { name: "政策计算器", level: 1 }).waitFor({ timeout: T });
    // 全职: 是
    await page.locator(".ant-form-item", { hasText: "全职" }).getByText("是", { exact: true }).click();
    const answered = page.waitForResponse(
      (r) => r.url().endsWith("/api/calculator") && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: /开始测算/ }).click();
    const body = (await (await answered).json()) as {
      nearly: { code: string }[];
      notEligible: { code: string; missing: unknown[] }[];
    };
    expect(
      body.nearly.map((o) => o.code),
      JSON.stringify(body.notEligible.find((o) => o.code === "RC-BSSH")),
    ).toContain("RC-BSSH");

    // Every item has its rule: "full-time" alone qualifies for nothing, and the count says so.
    expect(body.nearly.length).toBeGreaterThan(0);
    const card = page.getByTestId("calc-nearly").locator('.ant-card[data-code="RC-BSSH"]');
    await card.waitFor({ timeout: T });
    expect(await page.getByTestId("calc-eligible").locator(".ant-card").count()).toBe(0);
    await page.getByText("可以享受（0）").waitFor({ timeout: T });
    await page.getByTestId("calc-audience-note").getByText("人才本人").waitFor({ timeout: T });
    const text = (await card.textContent()) ?? "";
    expect(text).toContain(ITEM);
    expect(text).toContain("还差 2 项条件");
    expect(text).toContain("具有博士学位");
    expect(text).toContain("年龄不超过 45 周岁");
    expect(text).toContain("需补充信息");
    expect(text).toContain("第三条第一项");
    expect(text).toContain("去申请");
    await page.screenshot({ path: `${SHOTS}/calculator-anonymous.png`, fullPage: true });

    // "I am an employer": only the items an employer applies for.
    await page.getByTestId("calc-audience").getByText("用人单位", { exact: true }).click();
    const asEmployer = page.waitForResponse(
      (r) => r.url().endsWith("/api/calculator") && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: /开始测算/ }).click();
    const employerBody = (await (await asEmployer).json()) as {
      audience: string;
      nearly: { code: string }[];
    };
    expect(employerBody.audience).toBe("employer");
    await page.locator('.ant-card[data-code="RC-LXYC-BA"]').waitFor({ timeout: T });
    expect(await page.locator('.ant-card[data-code="RC-BSSH"]').count()).toBe(0);
    expect((await page.getByTestId("calc-missing").first().textContent()) ?? "").toMatch(
      /（[一二三四五六七八九十]+）/,
    );
    await page.screenshot({ path: `${SHOTS}/calculator-anonymous-employer.png`, fullPage: true });
  });

  it("the talent office runs 免申即享 and the talent confirms the offer with one click", async () => {
    const office = await login("office");
    await office.goto(`${server.url}/proactive`);
    await office.getByRole("heading", { name: "免申即享", level: 1 }).waitFor({ timeout: T });
    await office.getByLabel("服务事项").first().click();
    await office.locator('.ant-select-item-option[title="博士人才生活补贴（RC-BSSH）"]').click();
    await office.getByRole("button", { name: /开始比对/ }).click();
    await office.getByText("已完成").first().waitFor({ timeout: T });
    await office.getByText(/结果：博士人才生活补贴/).waitFor({ timeout: T });
    // 刘洋 has an account: an offer awaits confirmation.
    await office.getByText("待确认").first().waitFor({ timeout: T });
    await office.screenshot({ path: `${SHOTS}/proactive-run.png`, fullPage: true });

    const talent = await login("talent");
    await talent.goto(`${server.url}/proactive/offers`);
    const offer = talent.locator('[data-offer="RC-BSSH"]');
    await offer.waitFor({ timeout: T });
    expect((await offer.textContent()) ?? "").toContain(ITEM);
    await offer.getByRole("button", { name: /确认享受/ }).click();
    await offer.getByText("已确认").waitFor({ timeout: T });
    await offer.getByRole("link", { name: "查看办件" }).waitFor({ timeout: T });
    await talent.screenshot({ path: `${SHOTS}/proactive-offer-accepted.png`, fullPage: true });

    // The talent's calculator from their own record shows the item as eligible, with its amount.
    await talent.goto(`${server.url}/calculator`);
    await talent.getByRole("tab", { name: "按我的人才档案测算" }).click();
    await talent
      .getByRole("button", { name: /开始测算/ })
      .first()
      .click();
    const mine = talent.getByTestId("calc-eligible").locator('.ant-card[data-code="RC-BSSH"]');
    await mine.waitFor({ timeout: T });
    expect((await mine.textContent()) ?? "").toContain("预计金额：¥5,600.00");
    expect(pageErrors).toEqual([]);
  });
});
