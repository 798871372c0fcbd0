// The leader's view through the real UI (issue 17): the talent office opens 政策落实情况 and sees
// one row per measure of the demo policy; the 市人社局 leader opens 领导驾驶舱 and its charts render.
// Screenshots go to test-results/e2e/.
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startBuiltServer } from "./server.js";

const SHOTS = "test-results/e2e";
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

async function login(username: string, width = 1920, height = 1080): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN" });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(`${username}: ${e.message}`));
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await expect.poll(() => page.url(), { timeout: T }).not.toContain("/login");
  return page;
}

describe("clause report and cockpit", () => {
  it("the talent office sees one row per measure of the demo policy", async () => {
    const page = await login("office");
    await page.getByRole("menuitem", { name: "政策落实情况" }).first().click();
    await page.getByRole("heading", { name: "政策落实情况", level: 1 }).waitFor({ timeout: T });
    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    await rows.first().waitFor({ timeout: T });
    expect(await rows.count()).toBe(23);
    await page.screenshot({ path: `${SHOTS}/clause-report.png`, fullPage: true });
  });

  it("the 市人社局 leader opens the cockpit on a 1080p screen and on a tablet; the charts render", async () => {
    for (const [w, h, name] of [
      [1920, 1080, "cockpit"],
      [1024, 768, "cockpit-tablet"],
    ] as const) {
      const page = await login("hrss_leader", w, h);
      await page.getByRole("menuitem", { name: "领导驾驶舱" }).first().click();
      await page.getByRole("heading", { name: "领导驾驶舱", level: 1 }).waitFor({ timeout: T });
      await page.locator("canvas").first().waitFor({ timeout: T });
      expect(await page.locator("canvas").count()).toBeGreaterThanOrEqual(2);
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    }
    expect(pageErrors).toEqual([]);
  });
});
