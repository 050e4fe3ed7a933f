/**
 * Images into and out of the canvas with a real server: the viewer's "Send to canvas" makes a raster layer;
 * the box and the whole canvas are saved to the gallery with the layer's pixels; a layer downloads as a
 * PNG; Ctrl+V pastes an image as a new layer, and the menu's paste explains a blocked clipboard.
 */
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCanvas, pixelsOf, savedCanvas, solidPng } from "./canvasSupport";
import { api, generateImage, launch, openStudio, queueIdle, screenshot } from "./support";

interface Uploaded {
  image_name: string;
  intermediate: boolean;
}

async function saveFromMenu(page: Page, item: string): Promise<Uploaded> {
  await page.getByTestId("canvas-image-menu").click();
  const upload = page.waitForResponse((response) => response.url().endsWith("/api/v1/images/upload"));
  await page.getByTestId(item).click();
  return (await (await upload).json()) as Uploaded;
}

describe("canvas image in and out", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it("sends a viewed image to the canvas, saves the box and the canvas, exports the layer", async () => {
    await clearCanvas();
    await queueIdle();
    const source = await generateImage("a red circle on a blue background");
    const page = await openStudio(browser);
    await page.locator(`[data-testid=gallery-image][data-image-name="${source}"]`).click();
    await page.getByTestId("send-to-canvas").click();
    await page.getByTestId("canvas-stage").waitFor();
    await expect.poll(async () => (await savedCanvas(page)).layers.length, { timeout: 20_000 }).toBe(1);
    const [layer] = (await savedCanvas(page)).layers;
    expect(layer?.kind).toBe("raster");
    expect(layer?.bitmap?.image_name).toBe(source);
    await screenshot(page, "canvas-sent-from-viewer");

    const original = await pixelsOf(page, source);
    for (const item of ["canvas-save-box", "canvas-save-canvas"]) {
      const saved = await saveFromMenu(page, item);
      expect(saved.intermediate).toBe(false);
      expect(await pixelsOf(page, saved.image_name)).toEqual(original);
    }

    await page.getByTestId("canvas-layer").click();
    await page.getByTestId("canvas-image-menu").click();
    const download = page.waitForEvent("download");
    await page.getByTestId("canvas-export-layer").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("Raster 1.png");
    const bytes = await readFile((await file.path()) ?? "");
    expect(bytes.subarray(1, 4).toString()).toBe("PNG");
    await page.context().close();
  });

  it("pastes an image with Ctrl+V and explains a blocked clipboard", async () => {
    await clearCanvas();
    const page = await openStudio(browser);
    await page.getByTestId("tab-canvas").click();
    await page.getByTestId("canvas-stage").waitFor();
    const png = await solidPng(page, 72, 64, "#20a040");
    await page.evaluate((base64) => {
      const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], "pasted.png", { type: "image/png" }));
      document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true }));
    }, png.buffer.toString("base64"));
    await expect.poll(async () => (await savedCanvas(page)).layers.length, { timeout: 20_000 }).toBe(1);
    const [layer] = (await savedCanvas(page)).layers;
    expect([layer?.bitmap?.width, layer?.bitmap?.height]).toEqual([72, 64]);
    const pixels = await pixelsOf(page, layer?.bitmap?.image_name ?? "");
    expect(pixels.slice(0, 4)).toEqual([32, 160, 64, 255]);

    await page.getByTestId("canvas-image-menu").click();
    await page.getByTestId("canvas-paste").click();
    await page.getByText("The browser did not let the page read the clipboard").waitFor();
    await screenshot(page, "canvas-clipboard-blocked");
    expect((await api<{ document: { layers: unknown[] } }>("/api/v1/canvas/default")).document.layers).toHaveLength(1);
    await page.context().close();
  });
});
