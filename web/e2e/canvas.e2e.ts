/**
 * The Canvas tab with a real server and the demo model: strokes drawn with the mouse land in the layer's
 * pixels (read back from the stored layer image), undo/redo restore them exactly, a reload restores the
 * canvas, the tools' shortcuts work, the brush settings survive a reload, an inpaint changes only the masked
 * area, and a box moved half off an image outpaints.
 */
import type { Browser } from "playwright-core";
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
  stroke,
} from "./canvasSupport";
import { generateImage, launch, queueIdle, screenshot, typeInto } from "./support";

describe("canvas", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it("switches tools and brush sizes with the shortcuts, and keeps the brush after a reload", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await page.getByTestId("canvas-stage").click({ position: { x: 5, y: 5 } });
    for (const [key, tool] of [
      ["e", "eraser"],
      ["v", "move"],
      ["c", "bbox"],
      ["h", "view"],
      ["b", "brush"],
    ]) {
      await page.keyboard.press(key ?? "");
      await expect.poll(() => page.getByTestId(`canvas-tool-${tool}`).getAttribute("aria-pressed")).toBe("true");
    }
    await page.keyboard.press("]");
    await expect.poll(() => page.getByTestId("canvas-brush-size").textContent()).toBe("26 px");
    await page.keyboard.press("[");
    await expect.poll(() => page.getByTestId("canvas-brush-size").textContent()).toBe("23 px");
    await page.reload(); // the brush settings are kept in the browser
    await page.getByTestId("canvas-stage").waitFor();
    await expect.poll(() => page.getByTestId("canvas-brush-size").textContent()).toBe("23 px");
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await page.getByRole("dialog").getByText("Canvas: Brush tool").waitFor();
    await screenshot(page, "canvas-shortcuts");
    await page.keyboard.press("Escape");
    await page.context().close();
  });

  it("draws strokes into the layer, undoes and redoes them exactly, and restores them after a reload", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await stroke(page, [10, 16], [54, 16]); // inside the box (the demo model's 64 × 64), which the view fits
    const [first] = await savedLayers(page);
    if (!first?.bitmap) throw new Error("the stroke made no layer bitmap");
    const { width, x: bx, y: by } = first.bitmap;
    const once = await pixelsOf(page, first.bitmap.image_name);
    expect(pixelAt(once, width, 32 - bx, 16 - by)).toEqual([59, 130, 246, 255]);
    expect(pixelAt(once, width, 32 - bx, 60 - by)[3]).toBe(0);

    await stroke(page, [10, 40], [54, 40]);
    const twice = await pixelsOf(page, (await savedLayers(page))[0]?.bitmap?.image_name ?? "");
    expect(pixelAt(twice, width, 32 - bx, 40 - by)[3]).toBe(255);
    await page.keyboard.press("ControlOrMeta+z");
    expect(await pixelsOf(page, (await savedLayers(page))[0]?.bitmap?.image_name ?? "")).toEqual(once);
    await page.keyboard.press("ControlOrMeta+Shift+z");
    expect(await pixelsOf(page, (await savedLayers(page))[0]?.bitmap?.image_name ?? "")).toEqual(twice);
    await screenshot(page, "canvas-strokes");

    await page.reload();
    await page.getByTestId("canvas-stage").waitFor();
    await expect.poll(() => page.getByTestId("canvas-layer").count()).toBe(1);
    await page.getByTestId("canvas-tool-eraser").click();
    await stroke(page, [2, 58], [8, 58]); // an eraser stroke elsewhere: the reloaded pixels must stay
    const reloaded = await pixelsOf(page, (await savedLayers(page))[0]?.bitmap?.image_name ?? "");
    expect(pixelAt(reloaded, width, 32 - bx, 16 - by)).toEqual([59, 130, 246, 255]);
    expect(pixelAt(reloaded, width, 32 - bx, 40 - by)).toEqual([59, 130, 246, 255]);
    expect(pixelAt(reloaded, width, 8 - bx, 48 - by)[3]).toBe(0);
    expect(pixelAt(twice, width, 8 - bx, 48 - by)[3]).toBe(255);
    await screenshot(page, "canvas-reloaded");
    await page.context().close();
  });
  it("inpaints only the masked area, accepts the result, and outpaints a box half off the image", async () => {
    await clearCanvas();
    await queueIdle();
    const source = await generateImage("a red circle on a blue background");
    const page = await openCanvas(browser);
    await dropGalleryImage(page, source);
    await expect.poll(() => invokeLabel(page), { timeout: 20_000 }).toContain("Image to image");
    const [image] = await savedLayers(page);
    if (!image?.bitmap) throw new Error("the dropped image made no layer");
    const { width, height } = image.bitmap;

    await page.getByTestId("add-mask-layer").click();
    const y = image.y + Math.round(height / 2);
    const from = image.x + Math.round(width * 0.3);
    const to = image.x + Math.round(width * 0.7);
    await stroke(page, [from, y], [to, y]);
    await expect.poll(() => invokeLabel(page)).toContain("Inpaint");
    await typeInto(page, "prompt", "a green square on a yellow background");
    await page.getByTestId("invoke").click();
    await page.getByTestId("staging-bar").waitFor();
    await expect.poll(() => page.getByTestId("staging-accept").isEnabled(), { timeout: 120_000 }).toBe(true);
    await screenshot(page, "canvas-staged-inpaint");
    await page.getByTestId("staging-accept").click();
    await page.getByTestId("staging-bar").waitFor({ state: "detached" });
    const layers = await savedLayers(page);
    expect(layers.map((layer) => layer.kind)).toEqual(["raster", "inpaint_mask", "raster"]);
    const result = layers[2];
    if (!result?.bitmap) throw new Error("the accepted result made no layer");
    expect([result.x, result.y, result.bitmap.width, result.bitmap.height]).toEqual([image.x, image.y, width, height]);

    const before = await pixelsOf(page, source);
    const after = await pixelsOf(page, result.bitmap.image_name);
    const reach = 24 / 2 + 2; // the brush's half width and the bounds' margin
    let inside = 0;
    let insideCount = 0;
    for (let py = 0; py < height; py += 1) {
      for (let px = 0; px < width; px += 1) {
        const masked =
          px >= from - image.x - reach && px <= to - image.x + reach && Math.abs(py + image.y - y) <= reach;
        const a = pixelAt(before, width, px, py);
        const b = pixelAt(after, width, px, py);
        if (!masked && b.join() !== a.join())
          throw new Error(
            `pixel ${px},${py} changed: ${a} → ${b} (mask ${from}-${to} at ${y}, image at ${image.x},${image.y} ${width}×${height})`,
          );
        else if (Math.abs(py + image.y - y) <= 4 && px >= from - image.x && px <= to - image.x) {
          inside += a.slice(0, 3).reduce((sum, value, i) => sum + Math.abs(value - (b[i] ?? 0)), 0) / 3;
          insideCount += 1;
        }
      }
    }
    expect(inside / insideCount).toBeGreaterThan(2);
    await screenshot(page, "canvas-inpainted");

    await page.keyboard.press("c");
    const centre = await onScreen(page, image.x + width / 2, image.y + height / 2);
    const shifted = await onScreen(page, image.x + width, image.y + height / 2);
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(shifted.x, shifted.y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => invokeLabel(page)).toContain("Outpaint");
    await screenshot(page, "canvas-outpaint-box");
    await page.context().close();
  }, 240_000);
});
