/** The Models tab: scan a folder of models, install them in place, then edit and remove one. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, launch, openStudio, screenshot } from "./support";

interface ModelList {
  models: { key: string; name: string; type: string; path: string; owned: boolean; description: string }[];
}

describe("models", () => {
  let browser: Browser;
  let page: Page;
  const folder = () => join(inject("fixtures"), "scan");

  beforeAll(async () => {
    browser = await launch();
    page = await openStudio(browser);
    await page.getByTestId("tab-models").click();
  });
  afterAll(async () => browser?.close());

  it("lists the installed models and the starter models", async () => {
    await page.locator("[data-testid=model-row][data-model-name='Impasto Shapes (demo)']").waitFor();
    await page.getByTestId("starter").first().waitFor();
    await screenshot(page, "models");
  });

  it("scans a folder and installs everything in place", async () => {
    await page.getByTestId("install-tab-scan").click();
    await page.getByTestId("scan-path").fill(folder());
    await page.getByTestId("scan-submit").click();
    await expect.poll(() => page.getByTestId("scan-entry").count(), { timeout: 60_000 }).toBe(2);
    await screenshot(page, "models-scan");
    await page.getByTestId("scan-install-all").click();
    await expect
      .poll(() => page.locator("[data-testid=install-job][data-state=completed]").count(), { timeout: 120_000 })
      .toBe(2);
    await page.locator("[data-testid=model-row][data-model-name='tiny-sd1']").waitFor();
    await page.locator("[data-testid=model-row][data-model-name='pixel-style']").waitFor();
    const { models } = await api<ModelList>("/api/v1/models");
    const installed = models.filter((model) => model.path.startsWith(folder()));
    expect(installed.map((model) => [model.name, model.type, model.owned]).sort()).toEqual([
      ["pixel-style", "lora", false],
      ["tiny-sd1", "main", false],
    ]);
  });

  it("edits a model's description and trigger words", async () => {
    await page.locator("[data-testid=model-row][data-model-name='pixel-style']").click();
    const detail = page.getByTestId("model-detail");
    await detail.getByLabel("Description").fill("Pixel art look");
    await detail.getByLabel("Trigger words").fill("pixel art");
    await detail.getByLabel("Trigger words").press("Enter");
    await page.getByTestId("model-save").click();
    await expect
      .poll(
        async () => (await api<ModelList>("/api/v1/models")).models.find((m) => m.name === "pixel-style")?.description,
      )
      .toBe("Pixel art look");
    await screenshot(page, "models-detail");
  });

  it("removes a model after confirmation, leaving its files", async () => {
    await page.locator("[data-testid=model-row][data-model-name='tiny-sd1']").click();
    await page.getByTestId("model-delete").click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await page.locator("[data-testid=model-row][data-model-name='tiny-sd1']").waitFor({ state: "detached" });
    const { models } = await api<ModelList>("/api/v1/models");
    expect(models.some((model) => model.name === "tiny-sd1")).toBe(false);
    expect(existsSync(join(folder(), "tiny-sd1", "model_index.json"))).toBe(true);
  });
});
