/**
 * Images from elsewhere: a PNG from AUTOMATIC1111 dropped onto the page recalls its parameters; dropped
 * onto the init image it is uploaded and used; a gallery image dragged onto the init image is used.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropFile, generateImage, launch, openStudio, pickOption, queueIdle, screenshot } from "./support";

const A1111_PROMPT = "a green square on a yellow background";

describe("recall and image inputs", () => {
  let browser: Browser;
  let page: Page;
  let png: Buffer;

  beforeAll(async () => {
    png = readFileSync(join(inject("fixtures"), "a1111.png"));
    browser = await launch();
    page = await openStudio(browser);
  });
  afterAll(async () => browser?.close());

  it("recalls the parameters of an AUTOMATIC1111 PNG dropped onto the page", async () => {
    await dropFile(page, "[data-testid=viewer]", png, "a1111.png");
    await expect.poll(() => page.getByTestId("prompt").inputValue(), { timeout: 15_000 }).toBe(A1111_PROMPT);
    expect(await page.getByTestId("negative-prompt").inputValue()).toBe("blurry, text");
    expect(await page.getByTestId("seed-input").inputValue()).toBe("1234567");
    expect(await page.getByTestId("steps-input").inputValue()).toBe("12");
    expect(await page.getByTestId("cfg-input").inputValue()).toBe("6.5");
    expect(await page.getByTestId("scheduler-select").inputValue()).toBe("Euler Ancestral");
    await page.getByText("Recalled the parameters from a1111.png (AUTOMATIC1111)").waitFor();
    expect(await page.getByTestId("drop-overlay").count()).toBe(0);
    await screenshot(page, "recall-a1111");
  });

  it("uploads a file dropped onto the init image and uses it", async () => {
    await page.getByText("Image to image", { exact: false }).click();
    await dropFile(page, "[data-testid=init-image]", png, "a1111.png");
    await expect
      .poll(() => page.getByTestId("init-image").getAttribute("data-image-name"), { timeout: 15_000 })
      .toMatch(/^[0-9a-f]{32}\.png$/);
    expect(await page.getByTestId("drop-overlay").count()).toBe(0);
  });

  it("uses a gallery image dragged onto the init image", async () => {
    await queueIdle();
    const name = await generateImage("a yellow square on a green background");
    const tile = page.locator(`[data-testid=gallery-image][data-image-name="${name}"]`);
    await tile.waitFor({ timeout: 30_000 });
    await tile.dragTo(page.getByTestId("init-image"));
    await expect.poll(() => page.getByTestId("init-image").getAttribute("data-image-name")).toBe(name);
    await screenshot(page, "init-image");
  });

  it("previews a ControlNet preprocessor on a gallery image", async () => {
    const tile = page.getByTestId("gallery-image").first();
    await page.getByText("Control", { exact: true }).click();
    await page.getByTestId("add-controlnet").click();
    await tile.dragTo(page.getByTestId("control-image"));
    await pickOption(page, page.getByTestId("control-unit").getByLabel("Preprocessor"), "Canny edges");
    await page.getByTestId("preprocess-result").waitFor({ timeout: 60_000 });
    await screenshot(page, "control-preview");
  });
});
