/**
 * The canvas's layer commands with a real server: dragging a layer's row reorders the stack (the box's
 * composite shows the new top), duplicating copies the pixels into an image of the copy's own, merging
 * down composites onto the layer below with its opacity (regions join their paint) and refuses another
 * kind, and the transform tool scales ×2 and rotates 90° (pixels checked where they land), cancels and
 * fits the box. Each is one undo step that Ctrl+Z and Ctrl+Shift+Z take back and forth with exact pixels,
 * and a reload keeps the result.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clearCanvas,
  layerPixelsAt,
  onScreen,
  openCanvas,
  pastePng,
  pixelAt,
  pixelsOf,
  type Fill,
  type SavedLayer,
  savedLayers,
  stroke,
} from "./canvasSupport";
import { launch, screenshot } from "./support";

const RED = [255, 0, 0, 255];
const BLUE = [0, 0, 255, 255];
const NONE = [0, 0, 0, 0];

/** The saved layers' ids, bottom first. */
async function ids(page: Page): Promise<string[]> {
  return (await savedLayers(page)).map((layer) => layer.id);
}

function row(page: Page, name: string) {
  return page.locator("[data-testid=canvas-layer]", { has: page.locator(`input[value="${name}"]`) });
}

async function layerNamed(page: Page, name: string): Promise<SavedLayer> {
  const layerId = await row(page, name).getAttribute("data-layer-id");
  const layer = (await savedLayers(page)).find((item) => item.id === layerId);
  if (!layer) throw new Error(`no saved layer named ${name}`);
  return layer;
}

async function menu(page: Page, name: string, item: string): Promise<void> {
  await row(page, name).getByTestId("layer-menu").click();
  await page.getByTestId(`layer-menu-${item}`).click();
}

/** The visible raster layers flattened over the box (the demo model's 64 × 64 at 0,0), as the image menu saves it. */
async function boxComposite(page: Page): Promise<number[]> {
  await page.getByTestId("canvas-image-menu").click();
  const upload = page.waitForResponse((response) => response.url().endsWith("/api/v1/images/upload"));
  await page.getByTestId("canvas-save-box").click();
  const saved = (await (await upload).json()) as { image_name: string };
  return pixelsOf(page, saved.image_name);
}

async function undo(page: Page): Promise<void> {
  await page.keyboard.press("ControlOrMeta+z");
}

async function redo(page: Page): Promise<void> {
  await page.keyboard.press("ControlOrMeta+Shift+z");
}

/** Drags the screen position of stage point `from` to that of `to` (a transformer's handle). */
async function dragStage(page: Page, from: [number, number], to: { x: number; y: number }): Promise<void> {
  const start = await onScreen(page, ...from);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

function isColour(pixel: number[] | undefined, colour: number[]): boolean {
  return (pixel ?? []).every((value, index) => Math.abs(value - (colour[index] ?? 0)) <= 8);
}

type Points = [number, number][];
/** Stage points in the box's quarters: top left, top right, bottom left, bottom right. */
const QUARTERS: Points = [
  [16, 16],
  [48, 16],
  [16, 48],
  [48, 48],
];

/** Raster 1 (blue over the top half) under Raster 2 (red over the left half); their ids, bottom first. */
async function pasteTwoRasters(page: Page): Promise<string[]> {
  await pastePng(page, 64, 64, [[0, 0, 64, 32, "#0000ff"]]);
  await expect.poll(async () => (await savedLayers(page)).length, { timeout: 20_000 }).toBe(1);
  await pastePng(page, 64, 64, [[0, 0, 32, 64, "#ff0000"]]);
  await expect.poll(async () => (await savedLayers(page)).length, { timeout: 20_000 }).toBe(2);
  expect(pixelAt(await boxComposite(page), 64, 16, 16)).toEqual(RED);
  return ids(page);
}

/** Undo shows `before` (the layers' ids), redo `after`. */
async function undoRedoOrder(page: Page, before: string[], after: string[]): Promise<void> {
  await undo(page);
  await expect.poll(() => ids(page)).toEqual(before);
  await redo(page);
  await expect.poll(() => ids(page)).toEqual(after);
}

async function dragRow(page: Page, name: string, onto: string): Promise<void> {
  const target = { x: 40, y: 4 }; // the upper half of the row: above that layer
  await row(page, name).getByTestId("layer-grip").dragTo(row(page, onto), { targetPosition: target });
}

async function duplicateRed(page: Page, [first, second]: string[]): Promise<string> {
  await menu(page, "Raster 2", "duplicate");
  await expect.poll(async () => (await savedLayers(page)).length).toBe(3);
  const red = await layerNamed(page, "Raster 2");
  const copy = await layerNamed(page, "Raster 2 copy");
  expect(copy.bitmap?.image_name).not.toBe(red.bitmap?.image_name);
  const copied = await pixelsOf(page, copy.bitmap?.image_name ?? "");
  expect(copied).toEqual(await pixelsOf(page, red.bitmap?.image_name ?? ""));
  expect(await ids(page)).toEqual([second, copy.id, first]);
  await undoRedoOrder(page, [second ?? "", first ?? ""], [second ?? "", copy.id, first ?? ""]);
  return copy.id;
}

/** Sets a layer's opacity by clicking the middle of its slider; the opacity saved. */
async function halfOpacity(page: Page, name: string): Promise<number> {
  await row(page, name).getByTestId("layer-grip").click();
  const slider = await page.getByTestId("layer-opacity").boundingBox();
  if (!slider) throw new Error("no opacity slider");
  await page.mouse.click(slider.x + slider.width / 2, slider.y + slider.height / 2);
  await expect.poll(async () => (await layerNamed(page, name)).opacity).toBeLessThan(0.6);
  return (await layerNamed(page, name)).opacity;
}

/** The quarters after blue at `opacity` merged onto red: blended over red, translucent blue, red, nothing. */
function blended(opacity: number): number[][] {
  const over = [255 * (1 - opacity), 0, 255 * opacity, 255];
  return [over, [0, 0, 255, 255 * opacity], RED, NONE];
}

function expectNear(pixels: number[][], expected: number[][]): void {
  const far = pixels.flatMap((pixel, i) => pixel.filter((value, c) => Math.abs(value - (expected[i]?.[c] ?? 0)) > 2));
  expect(far, `${JSON.stringify(pixels)} is not near ${JSON.stringify(expected)}`).toEqual([]);
}

/**
 * Blue Raster 1 at half opacity merged onto the red copy below it, composited with its opacity; the
 * original red layer keeps its pixels. The merged quarters.
 */
async function mergeBlueDown(page: Page, order: string[]): Promise<number[][]> {
  const merged = order.slice(0, 2);
  const expected = blended(await halfOpacity(page, "Raster 1"));
  await menu(page, "Raster 1", "merge-down");
  await expect.poll(() => ids(page)).toEqual(merged);
  const copyPixels = async () => layerPixelsAt(page, await layerNamed(page, "Raster 2 copy"), QUARTERS);
  const result = await copyPixels();
  expectNear(result, expected);
  expect(await layerPixelsAt(page, await layerNamed(page, "Raster 2"), QUARTERS)).toEqual([RED, NONE, RED, NONE]);
  await screenshot(page, "canvas-layers-merged");
  await undo(page);
  await expect.poll(() => ids(page)).toEqual(order);
  expect(await copyPixels()).toEqual([RED, NONE, RED, NONE]);
  await redo(page);
  await expect.poll(() => ids(page)).toEqual(merged);
  expect(await copyPixels()).toEqual(result);
  return result;
}

/** Regional guidance layers merge their paint, in the lower layer's colour. */
async function mergeRegions(page: Page): Promise<void> {
  await page.getByTestId("add-region-layer").click();
  await stroke(page, [10, 50], [54, 50]);
  await page.getByTestId("add-region-layer").click();
  await stroke(page, [10, 10], [54, 10]);
  const count = (await savedLayers(page)).length;
  await menu(page, "Regional guidance 2", "merge-down");
  await expect.poll(async () => (await savedLayers(page)).length).toBe(count - 1);
  const paint = async (points: Points) => layerPixelsAt(page, await layerNamed(page, "Regional guidance 1"), points);
  const orange = [232, 163, 60, 255]; // the first region's colour
  const points: Points = [
    [32, 10],
    [32, 50],
    [32, 30],
  ];
  expect(await paint(points)).toEqual([orange, orange, NONE]);
  await undo(page);
  await expect.poll(async () => (await savedLayers(page)).length).toBe(count);
  expect(await paint(points)).toEqual([NONE, orange, NONE]);
  await redo(page);
  await expect.poll(async () => (await savedLayers(page)).length).toBe(count - 1);
}

/** Scaled ×2 from its corner at 0,0 the 16 × 8 image covers 32 × 16: red, blue, blue below 8, nothing past 32. */
const SCALED: Points = [
  [4, 4],
  [28, 4],
  [20, 14],
  [36, 8],
];
/** A quarter turn clockwise about the middle (16, 8): the red left half goes to the top, blue below. */
const TURNED: Points = [
  [16, -4],
  [16, 20],
  [4, 8],
  [28, 8],
];
/** Fitted, 16 × 32 fills the 64 × 64 box's height as 32 × 64, centred: nothing at the left quarter. */
const FITTED: Points = [
  [32, 8],
  [32, 56],
  [8, 32],
];

/** The stored pixels of the transform test's layer ("Raster 2"). */
async function imagePixels(page: Page): Promise<number[]> {
  return pixelsOf(page, (await layerNamed(page, "Raster 2")).bitmap?.image_name ?? "");
}

/** Undo puts the layer's exact pixels `before` back, redo `after`. */
async function undoRedoPixels(page: Page, before: number[], after: number[]): Promise<void> {
  await undo(page);
  await expect.poll(() => imagePixels(page)).toEqual(before);
  await redo(page);
  await expect.poll(() => imagePixels(page)).toEqual(after);
}

/** Waits for the layer to hold paint exactly at `opaque` of `points`, then checks their colours. */
async function expectPixels(page: Page, points: Points, colours: (number[] | null)[]): Promise<void> {
  const read = async () => layerPixelsAt(page, await layerNamed(page, "Raster 2"), points);
  const alphas = colours.map((colour) => (colour ? 255 : 0));
  await expect.poll(async () => (await read()).map((pixel) => pixel[3])).toEqual(alphas);
  const pixels = await read();
  expect(colours.map((colour, i) => !colour || isColour(pixels[i], colour))).toEqual(colours.map(() => true));
}

/** Turns the handles a quarter clockwise: the rotation handle (50 screen px above the top's middle) to the right. */
async function rotateQuarter(page: Page, top: [number, number], centre: [number, number]): Promise<void> {
  const handle = await onScreen(page, ...top);
  handle.y -= 50;
  const middle = await onScreen(page, ...centre);
  const radius = middle.y - handle.y;
  await page.mouse.move(handle.x, handle.y);
  await page.mouse.down();
  await page.mouse.move(middle.x + radius * 0.7, middle.y - radius * 0.7, { steps: 6 });
  await page.mouse.move(middle.x + radius, middle.y, { steps: 6 });
  await page.mouse.up();
}

/** A 16 × 8 image, red left half and blue right half, at the box's corner (0,0), zoomed out to leave room. */
async function pasteHalves(page: Page): Promise<void> {
  await stroke(page, [56, 56], [58, 56]); // a first layer, so the pasted image leaves the box where it is
  const halves: Fill[] = [
    [0, 0, 8, 8, "#ff0000"],
    [8, 0, 8, 8, "#0000ff"],
  ];
  await pastePng(page, 16, 8, halves);
  await expect.poll(async () => (await savedLayers(page)).length, { timeout: 20_000 }).toBe(2);
  const stage = await page.getByTestId("canvas-stage").boundingBox();
  if (!stage) throw new Error("no stage");
  await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
  await page.mouse.wheel(0, 400);
}

describe("canvas layers", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it("reorders by dragging, duplicates and merges down, each undone and redone, and keeps it after a reload", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    const [first = "", second = ""] = await pasteTwoRasters(page);
    await dragRow(page, "Raster 1", "Raster 2");
    await expect.poll(() => ids(page)).toEqual([second, first]);
    const reordered = await boxComposite(page);
    expect([pixelAt(reordered, 64, 16, 16), pixelAt(reordered, 64, 16, 48)]).toEqual([BLUE, RED]);
    await screenshot(page, "canvas-layers-reordered");
    await undoRedoOrder(page, [first, second], [second, first]);

    const copy = await duplicateRed(page, [first, second]);
    const merged = await mergeBlueDown(page, [second, copy, first]);
    await page.getByTestId("add-mask-layer").click();
    await menu(page, "Inpaint mask 1", "merge-down");
    await page.getByText("“Raster 2 copy” below is a raster layer; an inpaint mask merges only onto another").waitFor();
    expect((await savedLayers(page)).length).toBe(3);
    await mergeRegions(page);

    await page.reload();
    await page.getByTestId("canvas-stage").waitFor();
    await expect.poll(() => page.getByTestId("canvas-layer").count()).toBe(4);
    const reloaded = await layerNamed(page, "Raster 2 copy");
    expect(await layerPixelsAt(page, reloaded, QUARTERS)).toEqual(merged);
    await page.context().close();
  });

  it("scales ×2 and rotates 90° with the transform tool, cancels, fits the box, refuses a locked layer", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await pasteHalves(page);
    const original = await imagePixels(page);
    await page.keyboard.press("Shift+T");
    await page.getByTestId("transform-bar").waitFor();
    await dragStage(page, [16, 8], await onScreen(page, 32, 16)); // the bottom-right corner, twice as far
    await screenshot(page, "canvas-layers-transform-scale");
    await page.keyboard.press("Enter");
    await page.getByTestId("transform-bar").waitFor({ state: "detached" });
    await expectPixels(page, SCALED, [RED, BLUE, BLUE, null]);
    const scaled = await imagePixels(page);
    await undoRedoPixels(page, original, scaled);

    await menu(page, "Raster 2", "transform");
    await rotateQuarter(page, [16, 0], [16, 8]);
    await screenshot(page, "canvas-layers-transform-rotate");
    await page.getByTestId("transform-apply").click();
    await expectPixels(page, TURNED, [RED, BLUE, null, null]);
    const turned = await imagePixels(page);
    await undoRedoPixels(page, scaled, turned);

    await page.keyboard.press("Shift+T");
    await dragStage(page, [16, 8], await onScreen(page, 40, 30)); // moved, then canceled
    await page.keyboard.press("Escape");
    await page.getByTestId("transform-bar").waitFor({ state: "detached" });
    expect(await imagePixels(page)).toEqual(turned);

    await menu(page, "Raster 2", "fit");
    await expectPixels(page, FITTED, [RED, BLUE, null]);
    await screenshot(page, "canvas-layers-fit");
    await undoRedoPixels(page, turned, await imagePixels(page));

    await row(page, "Raster 2").getByTestId("layer-lock").click();
    await page.keyboard.press("Shift+T");
    await page.getByText("“Raster 2” is locked: unlock it to transform it.").waitFor();
    expect(await page.getByTestId("transform-bar").count()).toBe(0);
    const kept = await imagePixels(page);
    await page.reload();
    await page.getByTestId("canvas-stage").waitFor();
    await expect.poll(() => page.getByTestId("canvas-layer").count()).toBe(2);
    expect(await imagePixels(page)).toEqual(kept);
    await page.context().close();
  });
});
