// The public portal through a real browser on the built server, on a phone-sized and a desktop
// viewport: the front door leads to the portal; read the seed article (its view count goes up once);
// search for 博士后; open the service guide; register as a talent — first with a bad ID number (the
// error is shown at the field), then a good one — and land in the talent's own area of the app.
// Screenshots go to test-results/e2e/portal-*.png.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startBuiltServer } from "./server.js";

const SHOTS = "test-results/e2e";
const SEED_TITLE = "营口市关于进一步深化人才发展体制机制改革的实施意见";
const T = 15_000;

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startBuiltServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

const VIEWPORTS = [
  {
    name: "phone",
    viewport: { width: 390, height: 844 },
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
    isMobile: true,
  },
  { name: "desktop", viewport: { width: 1280, height: 800 }, userAgent: undefined, isMobile: false },
] as const;

const viewsOf = async (page: Page) => Number((await page.locator(".meta .views").textContent()) ?? "");

describe("the public portal", () => {
  for (const vp of VIEWPORTS) {
    it(`on a ${vp.name}: home, the seed article, search, the guide, registration`, async () => {
      const context = await browser.newContext({
        viewport: vp.viewport,
        isMobile: vp.isMobile,
        ...(vp.userAgent ? { userAgent: vp.userAgent } : {}),
        locale: "zh-CN",
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const scripts: string[] = [];
      page.on("request", (r) => {
        if (r.resourceType() === "script") scripts.push(r.url());
      });

      // The front door leads a visitor to the portal, which needs no app bundle.
      await page.goto(`${server.url}/`);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: T }).toBe("/portal");
      await expect
        .poll(() => page.locator(".today").textContent())
        .toMatch(/^今天是\d{4}年\d{1,2}月\d{1,2}日 星期[日一二三四五六]$/);
      expect(await page.getByRole("heading", { level: 2, name: "人才政策" }).count()).toBe(1);
      expect(scripts).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/portal-${vp.name}-home.png`, fullPage: true });

      // The seed policy, the first article of 人才政策; the count goes up once for this visitor.
      const url = (await page.getByRole("link", { name: SEED_TITLE }).first().getAttribute("href")) ?? "";
      expect(url).toMatch(/^\/portal\/articles\//);
      const probe = await fetch(`${server.url}${url}`, { headers: { "user-agent": `probe-${vp.name}` } });
      const before = Number(/点击：<span class="views">(\d+)<\/span>/.exec(await probe.text())?.[1]);
      await page.getByRole("link", { name: SEED_TITLE }).first().click();
      await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor({ timeout: T });
      expect(await viewsOf(page)).toBe(before + 1);
      await page.reload();
      expect(await viewsOf(page)).toBe(before + 1);
      expect(await page.getByRole("navigation", { name: "所在位置" }).textContent()).toContain("人才政策");
      await page.screenshot({ path: `${SHOTS}/portal-${vp.name}-article.png` });

      // Search 博士后.
      await page.getByLabel("搜索文章和办事指南").fill("博士后");
      await page.getByLabel("搜索文章和办事指南").press("Enter");
      await page.getByRole("status").waitFor({ timeout: T });
      expect(await page.locator(".results mark").first().textContent()).toBe("博士后");
      expect(await page.getByRole("link", { name: /博士后科研工作站建设资助办法/ }).count()).toBe(1);
      await page.screenshot({ path: `${SHOTS}/portal-${vp.name}-search.png`, fullPage: true });

      // The service guide: a published item when the catalogue has one.
      await page.goto(`${server.url}/portal/guide`);
      await page.getByRole("heading", { level: 1, name: "办事指南" }).waitFor({ timeout: T });
      const items = page.locator("table.entries a");
      if ((await items.count()) > 0) {
        await items.first().click();
        await page.getByRole("link", { name: "我要申报" }).waitFor({ timeout: T });
        expect(await page.locator("dl.guide").textContent()).toContain("承诺时限");
      }
      await page.screenshot({ path: `${SHOTS}/portal-${vp.name}-guide.png`, fullPage: true });

      // Register as a talent: a bad ID number is refused at its field, then a good one gets in.
      await page.goto(`${server.url}/portal/register`);
      await page.getByLabel("真实姓名").fill("钱晓东");
      await page.getByLabel("身份证号码").fill("11010519491231002Y");
      await page.getByLabel("手机号码").fill("13812345678");
      await page.getByLabel("登录用户名").fill(`qian${vp.name}`);
      await page.getByLabel("登录密码").fill("Rencai@Qxd2026");
      await page.getByLabel("确认密码").fill("Rencai@Qxd2026");
      await page.getByRole("button", { name: "注册并登录" }).click();
      const idError = page.locator("#f-idNumber-error");
      await idError.waitFor({ timeout: T });
      expect(await idError.textContent()).toContain("身份证号码有误");
      expect(await page.getByLabel("身份证号码").getAttribute("aria-invalid")).toBe("true");
      await page.screenshot({ path: `${SHOTS}/portal-${vp.name}-register-error.png`, fullPage: true });

      await page.getByLabel("身份证号码").fill("11010519491231002X");
      await page.getByLabel("登录密码").fill("Rencai@Qxd2026");
      await page.getByLabel("确认密码").fill("Rencai@Qxd2026");
      await page.getByRole("button", { name: "注册并登录" }).click();
      await expect.poll(() => new URL(page.url()).pathname, { timeout: T }).toBe("/");
      const me = await page.evaluate(async () => (await fetch("/api/auth/me")).json());
      expect(me).toMatchObject({
        username: `qian${vp.name}`,
        displayName: "钱晓东",
        roles: [{ role: "talent" }],
      });
      await page.getByRole("main").waitFor({ timeout: T });
      await page.screenshot({ path: `${SHOTS}/portal-${vp.name}-talent-home.png` });

      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("the talent office edits articles and answers objections in the app", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // An objection from the public on the demo notice, owned by the talent office.
    await page.goto(`${server.url}/portal/columns/publicity`);
    await page.getByRole("link", { name: "2026年度营口市高层次人才拟认定人选公示" }).first().click();
    await page.getByLabel("姓名").fill("周某");
    await page.getByLabel("联系方式").fill("13712345678");
    await page.getByLabel("异议理由").fill("王**的任职年限与实际不符。");
    await page.getByRole("button", { name: "提交异议" }).click();
    await page.getByRole("heading", { name: "异议已提交" }).waitFor({ timeout: T });
    await page.screenshot({ path: `${SHOTS}/portal-objection-lodged.png`, fullPage: true });

    await page.goto(`${server.url}/login`);
    await page.getByLabel("用户名").fill("office");
    await page.getByLabel("密码").fill("Rencai@2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await expect.poll(() => page.url(), { timeout: T }).not.toContain("/login");
    await page.getByRole("menuitem", { name: "门户文章" }).click();
    await page.getByRole("link", { name: SEED_TITLE }).waitFor({ timeout: T });
    await page.screenshot({ path: `${SHOTS}/portal-admin-articles.png` });

    await page.getByRole("menuitem", { name: "公示异议" }).click();
    await page.getByRole("link", { name: "2026年度营口市高层次人才拟认定人选公示" }).click();
    await page.getByText("王**的任职年限与实际不符。", { exact: false }).waitFor({ timeout: T });
    await page.getByLabel("答复").fill("经核实，任职年限符合条件，异议不成立。");
    await page.getByRole("button", { name: "答复" }).click();
    await page.getByText("经核实，任职年限符合条件，异议不成立。").waitFor({ timeout: T });
    await page.screenshot({ path: `${SHOTS}/portal-admin-objection-answered.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
});
