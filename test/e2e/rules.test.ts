// The talent office opens the tier rule set from the talent list, reads it, breaks it with an
// unknown field (the problem is shown at its JSON path), fixes it, tries the edited rule on 刘洋
// and saves it as version 2 with a note, which the version list then shows.
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
  if (server) await server.stop();
});

async function loggedIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: /登\s*录/ }).click();
  await expect.poll(() => page.url(), { timeout: 15_000 }).not.toContain("/login");
  return { page, errors };
}

describe("rule sets", () => {
  it("the talent office edits the tier rules: unknown field shown at its path, fixed, tried, saved as v2", async () => {
    const { page, errors } = await loggedIn("office");
    await page.goto(`${server.url}/registry/talents`);
    await page.getByRole("button", { name: "规则集" }).click();
    await page.waitForURL(/\/registry\/rules$/);
    const row = page.locator(".rc-rule-sets tr", { hasText: "tier" });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain("v1");
    await row.getByRole("link").click();
    await page.waitForURL(/\/registry\/rules\/tier$/);

    // Readable: every tier A–E with its conditions and the clause it cites.
    await page.locator(".rc-rule-readable .rc-rule-tier").first().waitFor({ timeout: 15_000 });
    expect(await page.locator(".rc-rule-readable .rc-rule-tier").count()).toBe(5);
    expect(await page.locator(".rc-rule-readable .rc-rule-citation").count()).toBeGreaterThan(4);
    // Clauses in the policy's own numbering (（十二）), never "第12条".
    const readable = (await page.locator(".rc-rule-readable").textContent()) ?? "";
    expect(readable).toMatch(/（[一二三四五六七八九十]+）/);
    expect(readable).not.toMatch(/第\d+条/);
    await page.screenshot({ path: `${SHOTS}/rules-read.png`, fullPage: true });

    await page.getByRole("tab", { name: "编辑与试算" }).click();
    const editor = page.getByLabel("规则 JSON");
    await editor.waitFor();
    const original = await editor.inputValue();
    expect(original).toContain('"field": "degree"');
    await page.locator(".rc-rule-check .ant-alert-success").waitFor({ timeout: 15_000 });

    // An unknown field: the live check names it by its JSON path; saving is not offered.
    await editor.fill(original.replace('"field": "degree"', '"field": "degreeLevel"'));
    const problem = page.locator(".rc-rule-problems li", { hasText: "RULE_UNKNOWN_FIELD" });
    await problem.waitFor({ timeout: 15_000 });
    const path = await problem.getAttribute("data-path");
    expect(path).toMatch(/^\/tiers\/\d+\/when\/.*\/where\/field$/);
    expect(await problem.locator("code").textContent()).toBe(path);
    expect(await page.getByRole("button", { name: /保存为新版本/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/rules-error.png`, fullPage: true });

    // Fixed, and changed for real: tier C's provincial award now counts from 2016.
    const changed = original.replace('"value": 2015', '"value": 2016');
    expect(changed).not.toBe(original);
    await editor.fill(changed);
    await page.locator(".rc-rule-check .ant-alert-success").waitFor({ timeout: 15_000 });
    expect(await page.locator(".rc-rule-problems").count()).toBe(0);

    // Try the draft on 刘洋: every condition judged, with the value the record holds.
    await page.getByLabel("选择人才（姓名或完整证件号码）").click();
    await page.getByLabel("选择人才（姓名或完整证件号码）").fill("刘洋");
    await page.locator(".ant-select-item-option", { hasText: "刘洋" }).first().click();
    await page
      .getByRole("button", { name: /试\s*算/ })
      .last()
      .click();
    const tried = page.locator(".rc-rule-tried");
    await tried.waitFor({ timeout: 15_000 });
    expect(await tried.textContent()).toContain("刘洋");
    expect(await tried.locator("[data-verdict]").count()).toBeGreaterThan(5);
    expect(await tried.locator(".rc-rule-actual").count()).toBeGreaterThan(3);
    // Tier C's award filter is shown in words, with the changed year.
    expect(await tried.locator(".rc-rule-where").allTextContents()).toContainEqual(
      expect.stringContaining("2016"),
    );
    await tried.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/rules-try.png`, fullPage: true });

    await page.getByPlaceholder("例如：C 类增加国家级奖项要求").fill("C 类省级奖项自 2016 年起计");
    await page.getByRole("button", { name: /保存为新版本/ }).click();
    await page.getByText("已保存为第 2 版").waitFor({ timeout: 15_000 });
    const versions = page.locator(".rc-rule-versions");
    await versions.locator("tr", { hasText: "v2" }).waitFor({ timeout: 15_000 });
    const v2 = await versions.locator("tr", { hasText: "v2" }).textContent();
    expect(v2).toContain("C 类省级奖项自 2016 年起计");
    expect(v2).toContain("当前");
    expect(await versions.locator("tr", { hasText: "v1" }).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/rules-versions.png`, fullPage: true });

    // The back end agrees: version 2 is current and says what changed.
    const detail = (await page.evaluate(async () =>
      (await fetch("/api/registry/rule-sets/tier")).json(),
    )) as {
      current: { version: number; document: unknown };
      versions: { note: string | null }[];
    };
    expect(detail.current.version).toBe(2);
    expect(JSON.stringify(detail.current.document)).toContain("2016");
    expect(detail.versions[0]?.note).toBe("C 类省级奖项自 2016 年起计");
    expect(errors).toEqual([]);
  });
});
