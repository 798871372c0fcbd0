import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findChromium, launchBrowser } from "./browser.js";

let browser: Browser | undefined;

beforeAll(async () => {
  const install = await findChromium();
  browser = await launchBrowser();
  console.info(`[e2e] ${install.source} Chromium ${browser.version()} at ${install.executablePath}`);
});

afterAll(async () => {
  await browser?.close();
});

it("renders a Chinese heading", async () => {
  const page = await browser!.newPage();
  // Without a charset a data: URL is decoded as windows-1252 and the heading comes back as mojibake.
  await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent("<h1>人才</h1>")}`);
  expect(await page.textContent("h1")).toBe("人才");
  await page.close();
});
