/**
 * The launchpad of an empty canvas with a real server: each option's picked image lands where it says (a
 * raster layer the box fits, a control layer, a reference image for the box), and "Generate from text"
 * closes it for painting.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCanvas, openCanvas, savedCanvas, solidPng } from "./canvasSupport";
import { launch, screenshot } from "./support";

describe("canvas launchpad", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it("edits a picked image: a raster layer with the box fitted to it", async () => {
    await clearCanvas();
    const page = await openCanvas(browser, true);
    await page.getByTestId("canvas-launchpad").waitFor();
    await screenshot(page, "canvas-launchpad");
    await page.getByTestId("launchpad-edit-file").setInputFiles(await solidPng(page, 96, 80, "#c03030"));
    await page.getByTestId("canvas-launchpad").waitFor({ state: "detached" });
    const canvas = await savedCanvas(page);
    expect(canvas.layers.map((layer) => layer.kind)).toEqual(["raster"]);
    const [layer] = canvas.layers;
    expect([layer?.bitmap?.width, layer?.bitmap?.height]).toEqual([96, 80]);
    expect(canvas.bbox).toEqual({ x: layer?.x, y: layer?.y });
    await expect.poll(() => page.getByTestId("width-input").inputValue()).toBe("96");
    await page.context().close();
  });

  it("takes a layout image as a control layer and a style image as a reference image", async () => {
    await clearCanvas();
    let page = await openCanvas(browser, true);
    await page.getByTestId("launchpad-layout-file").setInputFiles(await solidPng(page, 64, 64, "#ffffff"));
    await page.getByTestId("canvas-launchpad").waitFor({ state: "detached" });
    expect((await savedCanvas(page)).layers.map((layer) => layer.kind)).toEqual(["control"]);
    await page.context().close();

    await clearCanvas();
    page = await openCanvas(browser, true);
    await page.getByTestId("launchpad-style-file").setInputFiles(await solidPng(page, 64, 64, "#3050c0"));
    await page.getByTestId("canvas-launchpad").waitFor({ state: "detached" });
    const canvas = await savedCanvas(page);
    expect(canvas.layers).toEqual([]);
    expect(canvas.referenceImages).toHaveLength(1);
    expect(canvas.referenceImages[0]?.image).toMatch(/\.png$/);
    await page.context().close();
  });

  it("closes on Generate from text", async () => {
    await clearCanvas();
    const page = await openCanvas(browser, true);
    await page.getByTestId("launchpad-text").click();
    await page.getByTestId("canvas-launchpad").waitFor({ state: "detached" });
    await page.context().close();
  });
});
