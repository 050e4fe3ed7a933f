/** Every tab renders; the ones still being built are launchpads. A screenshot of each is kept. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { launch, openStudio, screenshot } from "./support";

const TABS: [string, string][] = [
  ["generate", "generate-panel"],
  ["canvas", "canvas-workspace"],
  ["workflows", "workflow-editor"],
  ["upscale", "upscale-panel"],
  ["models", "models-tab"],
  ["queue", "queue-tab"],
];

describe("tabs", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await openStudio(browser);
  });
  afterAll(async () => browser?.close());

  for (const [tab, content] of TABS) {
    it(`shows the ${tab} tab`, async () => {
      await page.getByTestId(`tab-${tab}`).click();
      await page.getByTestId(content).waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, `tab-${tab}`);
    });
  }

  it("lists the keyboard shortcuts", async () => {
    await page.getByTestId("tab-generate").click();
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await page.getByRole("dialog").getByText("Generate (add to the queue)").waitFor();
    await screenshot(page, "shortcuts");
    await page.keyboard.press("Escape");
  });
});
