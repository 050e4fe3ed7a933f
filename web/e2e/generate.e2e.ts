/**
 * The core loop: type a prompt → Invoke → progress shows → the image lands in the gallery → its metadata
 * recalls the prompt and the seed into the form.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, openStudio, queueIdle, screenshot, typeInto } from "./support";

const PROMPT = "a red circle on a blue background";
const SEED = "4242";

describe("generate", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
    page = await openStudio(browser);
    await queueIdle();
  });
  afterAll(async () => browser?.close());

  it("starts on the demo model with its default settings", async () => {
    await expect.poll(() => page.getByTestId("model-select").inputValue()).toBe("Impasto Shapes (demo)");
    expect(await page.getByTestId("width-input").inputValue()).toBe("64");
    expect(await page.getByTestId("steps-input").inputValue()).toBe("20");
    await screenshot(page, "generate-empty");
  });

  it("generates an image with live progress and shows it in the gallery", async () => {
    const before = await page.getByTestId("gallery-image").count();
    await typeInto(page, "prompt", PROMPT);
    await page.getByTestId("random-seed").uncheck({ force: true });
    await page.getByTestId("seed-input").fill(SEED);
    await page.getByTestId("steps-input").fill("24");
    await page.getByTestId("invoke").click();
    await page.getByTestId("generation-progress").waitFor({ timeout: 60_000 });
    await screenshot(page, "generate-progress");
    await expect.poll(() => page.getByTestId("gallery-image").count(), { timeout: 90_000 }).toBe(before + 1);
    await page.getByTestId("viewer-image").waitFor();
    await page.getByTestId("generation-progress").waitFor({ state: "detached", timeout: 30_000 });
  });

  it("recalls the prompt and the seed from the image's metadata", async () => {
    await page.getByTestId("toggle-metadata").click();
    const panel = page.getByTestId("metadata-panel");
    await expect.poll(() => panel.getByTestId("metadata-value-prompt").textContent()).toBe(PROMPT);
    expect(await panel.getByTestId("metadata-value-seed").textContent()).toBe(SEED);
    await screenshot(page, "generate-metadata");

    await typeInto(page, "prompt", "something else");
    await page.getByTestId("random-seed").check({ force: true });
    await page.getByTestId("recall-all").click();
    await expect.poll(() => page.getByTestId("prompt").inputValue()).toBe(PROMPT);
    expect(await page.getByTestId("seed-input").inputValue()).toBe(SEED);
    expect(await page.getByTestId("random-seed").isChecked()).toBe(false);
    expect(await page.getByTestId("steps-input").inputValue()).toBe("24");

    await page.getByTestId("seed-input").fill("1");
    await page.getByTestId("recall-seed").click();
    await expect.poll(() => page.getByTestId("seed-input").inputValue()).toBe(SEED);
  });

  it("shows validation errors next to the offending control", async () => {
    await page.getByText("Control", { exact: true }).click();
    await page.getByTestId("add-controlnet").click();
    const unit = page.getByTestId("control-unit");
    await page.getByTestId("invoke").click();
    await expect.poll(() => unit.getByText("at least 1 character", { exact: false }).count()).toBeGreaterThan(0);
    await screenshot(page, "generate-validation");
    await unit.getByRole("button", { name: "Remove the ControlNet unit" }).click();
    await expect.poll(() => unit.count()).toBe(0);
  });

  it("previews the expansions of a dynamic prompt", async () => {
    await typeInto(page, "prompt", "a {red|blue|green} circle");
    await expect
      .poll(() => page.getByTestId("dynamic-count").textContent(), { timeout: 10_000 })
      .toContain("3 prompts");
  });
});
