/**
 * Images dragged onto the canvas, copied to the clipboard, and the pixel grid, with a real server: a
 * gallery image dragged onto the stage becomes a raster layer at the drop point (one undo step), onto the
 * control zone a control layer; the viewer, the gallery's menu and the canvas copy PNGs that read back
 * from the clipboard, and a denied clipboard says so and offers a download; the grid shows at high zoom.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCanvas, openCanvas, savedCanvas, solidPng } from "./canvasSupport";
import { baseUrl, launch, openStudio, screenshot } from "./support";

/** Stores a one-colour PNG as a gallery image (as an upload would) and answers its name. */
async function uploadSolid(page: Page, width: number, height: number, color: string): Promise<string> {
  const png = await solidPng(page, width, height, color);
  return page.evaluate(async (base64) => {
    const data = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const form = new FormData();
    form.append("file", new File([data], "solid.png", { type: "image/png" }));
    form.append("category", "general");
    const response = await fetch("/api/v1/images/upload", { method: "POST", body: form });
    return ((await response.json()) as { image_name: string }).image_name;
  }, png.buffer.toString("base64"));
}

/** The clipboard's image as [width, height, first pixel's RGBA]. */
function clipboardImage(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    if (!item?.types.includes("image/png")) throw new Error(`the clipboard holds ${item?.types.join(", ")}`);
    const bitmap = await createImageBitmap(await item.getType("image/png"));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    context?.drawImage(bitmap, 0, 0);
    return [bitmap.width, bitmap.height, ...(context?.getImageData(0, 0, 1, 1).data ?? [])];
  });
}

/** Drags a gallery tile with the mouse (a real HTML5 drag) to a point, or to the middle of an element. */
async function dragTile(page: Page, name: string, to: { x: number; y: number } | string): Promise<void> {
  const tile = await page.locator(`[data-testid=gallery-image][data-image-name="${name}"]`).boundingBox();
  const stage = await page.getByTestId("canvas-stage").boundingBox();
  if (!tile || !stage) throw new Error("no tile or stage");
  await page.mouse.move(tile.x + tile.width / 2, tile.y + tile.height / 2);
  await page.mouse.down();
  await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2, { steps: 6 });
  await page.getByTestId("canvas-drop-zones").waitFor();
  let target = typeof to === "string" ? null : to;
  if (typeof to === "string") {
    const zone = await page.getByTestId(to).boundingBox();
    if (!zone) throw new Error(`no ${to}`);
    target = { x: zone.x + zone.width / 2, y: zone.y + zone.height / 2 };
  }
  await page.mouse.move(target?.x ?? 0, target?.y ?? 0, { steps: 4 });
  if (typeof to === "string") await page.locator(`[data-testid=${to}][data-active]`).waitFor();
  await screenshot(page, `canvas-drop-zones-${typeof to === "string" ? to : "stage"}`);
  await page.mouse.up();
}

/** Switches to the Canvas tab, past the launchpad an empty canvas shows. */
async function toCanvas(page: Page): Promise<void> {
  await page.getByTestId("tab-canvas").click();
  await page.getByTestId("canvas-stage").waitFor();
  const close = page.getByTestId("launchpad-text");
  if (await close.isVisible()) await close.click();
}

/** A screen point in the stage's middle (clear of the drop zones along its bottom), and the stage point under it. */
async function dropPoint(page: Page): Promise<{ screen: { x: number; y: number }; stage: { x: number; y: number } }> {
  const element = page.getByTestId("canvas-stage");
  const box = await element.boundingBox();
  const [vx, vy, scale] = ((await element.getAttribute("data-view")) ?? "0,0,1").split(",").map(Number);
  if (!box || vx === undefined || vy === undefined || !scale) throw new Error("no stage");
  const screen = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  return { screen, stage: { x: (screen.x - box.x - vx) / scale, y: (screen.y - box.y - vy) / scale } };
}

/** Opens the viewer on a gallery image. */
async function view(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid=gallery-image][data-image-name="${name}"]`).click();
  await page.getByTestId("viewer-copy").waitFor();
}

describe("canvas drops, clipboard copies and the pixel grid", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it("drags a gallery image onto the stage and onto the control layer zone", async () => {
    await clearCanvas();
    const page = await openStudio(browser);
    const name = await uploadSolid(page, 40, 24, "#3050d0");
    await page.reload();
    await toCanvas(page);

    const point = await dropPoint(page);
    await dragTile(page, name, point.screen);
    await expect.poll(async () => (await savedCanvas(page)).layers.length, { timeout: 20_000 }).toBe(1);
    const [raster] = (await savedCanvas(page)).layers;
    expect(raster?.kind).toBe("raster");
    expect(raster?.bitmap?.image_name).toBe(name);
    // the layer's corner lands on the pixel under the pointer (±1 for the screen's rounding)
    expect(Math.abs((raster?.x ?? 0) - point.stage.x)).toBeLessThanOrEqual(1);
    expect(Math.abs((raster?.y ?? 0) - point.stage.y)).toBeLessThanOrEqual(1);

    await dragTile(page, name, "canvas-drop-control");
    await expect
      .poll(async () => (await savedCanvas(page)).layers.map((layer) => layer.kind))
      .toEqual(["raster", "control"]);
    await page.getByTestId("canvas-undo").click();
    await expect.poll(async () => (await savedCanvas(page)).layers.map((layer) => layer.kind)).toEqual(["raster"]);
    await page.context().close();
  });

  it("copies images from the viewer, the gallery's menu and the canvas, reading them back", async () => {
    await clearCanvas();
    const page = await openStudio(browser);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl() });
    const name = await uploadSolid(page, 30, 20, "#c03020");
    await page.reload();
    await view(page, name);
    await page.getByTestId("viewer-copy").click();
    await page.getByText("Copied the image to the clipboard.").waitFor();
    expect(await clipboardImage(page)).toEqual([30, 20, 192, 48, 32, 255]);

    const other = await uploadSolid(page, 12, 18, "#20c040");
    await page.reload();
    await page.locator(`[data-testid=gallery-image][data-image-name="${other}"]`).click({ button: "right" });
    await screenshot(page, "gallery-image-menu");
    await page.getByTestId("gallery-copy-image").click();
    await expect.poll(() => clipboardImage(page)).toEqual([12, 18, 32, 192, 64, 255]);

    await toCanvas(page);
    await dragTile(page, name, (await dropPoint(page)).screen);
    await expect.poll(async () => (await savedCanvas(page)).layers.length, { timeout: 20_000 }).toBe(1);
    await page.getByTestId("canvas-image-menu").click();
    await page.getByTestId("canvas-copy-layer").click();
    await expect.poll(() => clipboardImage(page)).toEqual([30, 20, 192, 48, 32, 255]);
    await page.context().close();
  });

  it("says when the browser denies the clipboard and offers a download", async () => {
    const page = await openStudio(browser);
    const session = await page.context().newCDPSession(page);
    const { targetInfo } = await session.send("Target.getTargetInfo");
    await session.send("Browser.setPermission", {
      browserContextId: targetInfo.browserContextId,
      origin: baseUrl(),
      permission: { name: "clipboard-write" },
      setting: "denied",
    });
    const name = await uploadSolid(page, 16, 16, "#808080");
    await page.reload();
    await view(page, name);
    await page.getByTestId("viewer-copy").click();
    await page.getByText("The browser did not let the page copy the image").waitFor();
    await screenshot(page, "copy-blocked");
    const download = page.waitForEvent("download");
    await page.getByTestId("copy-fallback").click();
    expect((await download).suggestedFilename()).toMatch(/\.png$/);
    await page.context().close();
  });

  it("shows the pixel grid from 800 % zoom up", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    const stage = page.getByTestId("canvas-stage");
    const box = await stage.boundingBox();
    if (!box) throw new Error("no stage");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    expect(await stage.getAttribute("data-pixel-grid")).toBe("hidden");
    for (let notch = 0; notch < 30; notch += 1) await page.mouse.wheel(0, -100);
    await expect.poll(() => stage.getAttribute("data-pixel-grid")).toBe("shown");
    const inked = await page.evaluate(() => {
      const grid = document.querySelector<HTMLCanvasElement>("canvas[data-testid=canvas-pixel-grid]");
      const data = grid?.getContext("2d")?.getImageData(0, 0, grid.width, grid.height).data ?? [];
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) count += 1;
      return count / (data.length / 4);
    });
    expect(inked).toBeGreaterThan(0.05); // lines every 8+ px cover well over a twentieth of the screen
    await screenshot(page, "canvas-pixel-grid");
    for (let notch = 0; notch < 12; notch += 1) await page.mouse.wheel(0, 100);
    await expect.poll(() => stage.getAttribute("data-pixel-grid")).toBe("hidden");
    await page.context().close();
  });
});
