/**
 * The core loop in Firefox (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core): the studio
 * loads at 1280×800, connects its event stream, and a prompt typed and invoked lands in the gallery.
 * The other specs run in Chromium; this one keeps the UI honest about standard web APIs.
 */
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, queueIdle } from "./support";

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const PROMPT = "a yellow square on a green background";

const count = (page: Page, testId: string) => page.$$eval(`[data-testid="${testId}"]`, (elements) => elements.length);

describe("firefox", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: FIREFOX,
      headless: true,
      extraPrefsFirefox: { "browser.shell.checkDefaultBrowser": false, "app.update.enabled": false },
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    await queueIdle();
  });
  afterAll(async () => browser?.close());

  it("loads the studio and connects to the event stream", async () => {
    await page.goto(baseUrl());
    await page.waitForSelector('[data-testid="connection-open"]', { timeout: 30_000 });
    expect(await page.$eval('[data-testid="model-select"]', (input) => (input as HTMLInputElement).value)).toBe(
      "Impasto Shapes (demo)",
    );
  });

  it("generates an image that lands in the gallery", async () => {
    const before = await count(page, "gallery-image");
    await page.click('[data-testid="prompt"]', { count: 3 });
    await page.keyboard.press("Backspace");
    await page.type('[data-testid="prompt"]', PROMPT);
    await page.click('[data-testid="invoke"]');
    await expect.poll(() => count(page, "gallery-image"), { timeout: 90_000 }).toBe(before + 1);
    await page.waitForSelector('[data-testid="viewer-image"]', { timeout: 30_000 });
    await page.screenshot({ path: join(inject("artifacts"), "screenshots", "firefox-generate.png") });
  });
});
