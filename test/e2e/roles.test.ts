// Every demo role logs in through the real UI of the built server, sees its own navigation,
// and logs out; the server stops cleanly on Ctrl-C.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/server/demo/demo.js";
import { launchBrowser } from "./browser.js";
import { type RunningServer, startBuiltServer } from "./server.js";

let browser: Browser;
let server: RunningServer;
const SHOTS = "test-results/e2e";

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startBuiltServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server) expect(await server.stop()).toBe(0);
});

const NAV = {
  home: "工作台",
  notifications: "消息中心",
  account: "我的账户",
  orgs: "机构管理",
  users: "用户管理",
  audit: "审计日志",
  security: "安全设置",
  catalogue: "事项管理",
  holidays: "节假日设置",
  apply: "我要办事",
  myApplications: "我的办件",
  workbench: "办件工作台",
  articles: "门户文章",
  publicity: "公示异议",
  talents: "人才库",
  employers: "用人单位",
  myProfile: "我的档案",
  funds: "人才专项资金",
  myFunds: "我的资金",
} as const;

// What each demo role must and must not see in the navigation.
const EXPECTED: Record<string, { sees: (keyof typeof NAV)[]; hidden: (keyof typeof NAV)[] }> = {
  office: {
    sees: [
      "home",
      "notifications",
      "account",
      "orgs",
      "catalogue",
      "holidays",
      "articles",
      "publicity",
      "talents",
      "employers",
      "funds",
    ],
    hidden: ["users", "audit", "security", "apply", "workbench", "myProfile", "myFunds"],
  },
  hrss: {
    sees: ["home", "orgs", "workbench", "publicity"],
    hidden: ["users", "audit", "security", "catalogue", "apply", "articles", "funds"],
  },
  hrss_leader: {
    sees: ["home", "orgs", "workbench"],
    hidden: ["users", "audit", "security", "catalogue", "apply"],
  },
  employer: {
    sees: ["home", "notifications", "account", "apply", "myApplications", "myFunds"],
    hidden: ["orgs", "users", "audit", "security", "workbench", "catalogue", "funds"],
  },
  talent: {
    sees: ["home", "notifications", "account", "apply", "myApplications", "myProfile", "myFunds"],
    hidden: [
      "orgs",
      "users",
      "audit",
      "security",
      "workbench",
      "catalogue",
      "holidays",
      "articles",
      "publicity",
      "talents",
      "employers",
    ],
  },
  expert: { sees: ["home", "account"], hidden: ["orgs", "users", "audit", "security", "apply", "workbench"] },
  sysadmin: { sees: ["home", "orgs", "users"], hidden: ["audit", "security"] },
  // 三权分立: the security admin keeps the auditors' accounts and the auditor the security admins',
  // so both open 用户管理 (each can act only on the other's accounts).
  secadmin: { sees: ["home", "security", "users"], hidden: ["orgs", "audit"] },
  auditor: { sees: ["home", "orgs", "audit", "users"], hidden: ["security"] },
};

async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
}

const menuItem = (page: Page, label: string) => page.getByRole("menuitem", { name: label, exact: false });

describe("each demo role", () => {
  for (const [username, nav] of Object.entries(EXPECTED)) {
    it(`${username} logs in, sees their navigation and logs out`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await login(page, username);
      await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain("/login");
      await menuItem(page, NAV.home).first().waitFor({ timeout: 15_000 });
      for (const key of nav.sees)
        expect(await menuItem(page, NAV[key]).count(), `${username} sees ${key}`).toBeGreaterThan(0);
      for (const key of nav.hidden)
        expect(await menuItem(page, NAV[key]).count(), `${username} must not see ${key}`).toBe(0);
      await page.screenshot({ path: `${SHOTS}/${username}-home.png` });

      await page.getByRole("button", { name: /退出登录/ }).click();
      await expect.poll(() => page.url(), { timeout: 15_000 }).toContain("/login");
      // The session is gone on the server too, not just forgotten by the page.
      const me = await page.evaluate(async () => (await fetch("/api/auth/me")).status);
      expect(me).toBe(401);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe("security in the browser", () => {
  it("a wrong password shows the generic error and stays on the login page", async () => {
    const page = await browser.newPage();
    await login(page, "office", "not-the-password");
    await page.getByText("用户名或密码错误").first().waitFor({ timeout: 15_000 });
    expect(page.url()).toContain("/login");
    await page.close();
  });

  it("the auditor opens the audit trail and verifies the chain", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, "auditor");
    await menuItem(page, NAV.audit).first().click();
    await page
      .getByRole("heading", { name: /审计日志/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByRole("button", { name: /校验/ }).first().click();
    await page
      .getByText(/完整|通过|intact/)
      .first()
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/auditor-audit.png`, fullPage: true });
    // The only failed login of this run is the deliberate wrong password above.
    const failed = await page.evaluate(async () => {
      const res = await fetch("/api/audit?action=auth.login&result=failed&limit=50");
      const body = (await res.json()) as { items: { actorName: string; detail: { reason: string } }[] };
      return body.items.map((r) => `${r.actorName}:${r.detail.reason}`);
    });
    expect(failed).toEqual(["office:bad_password"]);
    await page.close();
  });

  it("the system admin sees users and organisations", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, "sysadmin");
    await menuItem(page, NAV.users).first().click();
    await page.getByText("hrss_leader").first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/sysadmin-users.png`, fullPage: true });
    await menuItem(page, NAV.orgs).first().click();
    await page.getByText("市人力资源社会保障局").first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/sysadmin-orgs.png`, fullPage: true });
    await page.close();
  });
});
