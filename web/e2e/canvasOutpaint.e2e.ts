/**
 * Canvas generation settings and a real outpaint with the demo model: the scaling choice shows the size the
 * box is generated at and goes with the request; an image layer with the box moved half off it outpaints
 * (with the chosen infill), and the accepted result fills the new half while keeping the image's pixels.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clearCanvas,
  dropGalleryImage,
  invokeLabel,
  onScreen,
  openCanvas,
  pixelAt,
  pixelsOf,
  savedLayers,
} from "./canvasSupport";
import { generateImage, launch, pickOption, queueIdle, screenshot, typeInto } from "./support";

interface Sent {
  infill?: { method: string } | null;
  scale_before_processing?: string;
  scaled_width?: number | null;
}

async function invokeAndCapture(page: Page): Promise<Sent> {
  const request = page.waitForRequest((r) => r.url().endsWith("/api/v1/generate") && r.method() === "POST");
  await page.getByTestId("invoke").click();
  return (await request).postDataJSON() as Sent;
}

describe("canvas outpaint", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it("shows and sends the scaling settings", async () => {
    await clearCanvas();
    await queueIdle();
    const page = await openCanvas(browser);
    await page.getByTestId("canvas-settings").click();
    await page.getByTestId("canvas-scale").getByText("Manual").click();
    await page.getByTestId("canvas-scaled-width").fill("128");
    await page.getByTestId("canvas-scaled-height").fill("96");
    await expect.poll(() => page.getByTestId("canvas-work-size").textContent()).toContain("Generated at 128 × 96");
    await screenshot(page, "canvas-settings");
    await typeInto(page, "prompt", "a red circle on a blue background");
    const sent = await invokeAndCapture(page);
    expect([sent.scale_before_processing, sent.scaled_width, sent.infill]).toEqual(["manual", 128, null]);
    await queueIdle();
    await page.context().close();
  });

  it("outpaints a box half off an image: the border is filled, the image's pixels stay", async () => {
    await clearCanvas();
    await queueIdle();
    const source = await generateImage("a red circle on a blue background");
    const page = await openCanvas(browser);
    await dropGalleryImage(page, source);
    const [image] = await savedLayers(page);
    if (!image?.bitmap) throw new Error("the dropped image made no layer");
    const { width, height } = image.bitmap;
    await page.getByTestId("canvas-settings").click();
    await pickOption(page, page.getByTestId("canvas-infill"), "Tile");
    await page.getByTestId("canvas-tool-bbox").click(); // also closes the settings
    await page.getByTestId("canvas-infill").waitFor({ state: "hidden" });
    const centre = await onScreen(page, image.x + width / 2, image.y + height / 2);
    const shifted = await onScreen(page, image.x + width, image.y + height / 2);
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(shifted.x, shifted.y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => invokeLabel(page)).toContain("Outpaint");
    await typeInto(page, "prompt", "a green square on a yellow background");
    const sent = await invokeAndCapture(page);
    expect(sent.infill).toEqual({ method: "tile" });
    await expect.poll(() => page.getByTestId("staging-accept").isEnabled(), { timeout: 120_000 }).toBe(true);
    await page.getByTestId("staging-accept").click();
    await page.getByTestId("staging-bar").waitFor({ state: "detached" });
    const layers = await savedLayers(page);
    const result = layers[1];
    if (!result?.bitmap) throw new Error("the accepted outpaint made no layer");
    const offset = result.x - image.x;
    expect(offset).toBe(width / 2);
    await screenshot(page, "canvas-outpainted");

    const before = await pixelsOf(page, source);
    const after = await pixelsOf(page, result.bitmap.image_name);
    const edge = 16; // the server regenerates a band this wide around the new area (its SEAM), faded
    let kept = 0;
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width / 2 - edge; x += 1) {
        const a = pixelAt(before, width, x + offset, y);
        const b = pixelAt(after, result.bitmap.width, x, y);
        if (a.some((value, i) => Math.abs(value - (b[i] ?? 0)) > 2)) throw new Error(`pixel ${x},${y}: ${a} → ${b}`);
        kept += 1;
      }
    }
    expect(kept).toBeGreaterThan(0);
    let filled = 0;
    for (let y = 0; y < height; y += 1) {
      for (let x = width / 2; x < result.bitmap.width; x += 1) {
        if (pixelAt(after, result.bitmap.width, x, y)[3] === 255) filled += 1;
      }
    }
    expect(filled).toBe(height * (result.bitmap.width - width / 2));
    await page.context().close();
  });
});
