/**
 * The canvas's layer commands with a real server: dragging a layer's row reorders the stack (the box's
 * composite shows the new top), duplicating copies the pixels into an image of the copy's own, merging
 * down composites onto the layer below and refuses another kind, and the transform tool scales ×2 and
 * rotates 90° (pixels checked where they land), cancels and fits the box. Each is one undo step that
 * Ctrl+Z and Ctrl+Shift+Z take back and forth with exact pixels, and a reload keeps the result.
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

describe("canvas layers", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it("reorders by dragging, duplicates and merges down, each undone and redone, and keeps it after a reload", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await pastePng(page, 64, 64, [[0, 0, 64, 32, "#0000ff"]]); // Raster 1: blue over the top half
    await expect.poll(async () => (await savedLayers(page)).length, { timeout: 20_000 }).toBe(1);
    await pastePng(page, 64, 64, [[0, 0, 32, 64, "#ff0000"]]); // Raster 2: red over the left half, on top
    await expect.poll(async () => (await savedLayers(page)).length, { timeout: 20_000 }).toBe(2);
    const [first, second] = await ids(page);
    expect(pixelAt(await boxComposite(page), 64, 16, 16)).toEqual(RED);

    await row(page, "Raster 1")
      .getByTestId("layer-grip")
      .dragTo(row(page, "Raster 2"), {
        targetPosition: { x: 40, y: 4 },
      });
    await expect.poll(() => ids(page)).toEqual([second, first]);
    const reordered = await boxComposite(page);
    expect([pixelAt(reordered, 64, 16, 16), pixelAt(reordered, 64, 16, 48)]).toEqual([BLUE, RED]);
    await screenshot(page, "canvas-layers-reordered");
    await undo(page);
    await expect.poll(() => ids(page)).toEqual([first, second]);
    await redo(page);
    await expect.poll(() => ids(page)).toEqual([second, first]);

    await menu(page, "Raster 2", "duplicate");
    await expect.poll(async () => (await savedLayers(page)).length).toBe(3);
    const red = await layerNamed(page, "Raster 2");
    const copy = await layerNamed(page, "Raster 2 copy");
    expect(copy.bitmap?.image_name).not.toBe(red.bitmap?.image_name);
    expect(await pixelsOf(page, copy.bitmap?.image_name ?? "")).toEqual(
      await pixelsOf(page, red.bitmap?.image_name ?? ""),
    );
    expect((await savedLayers(page)).map((layer) => layer.id)).toEqual([second, copy.id, first]);
    await undo(page);
    await expect.poll(() => ids(page)).toEqual([second, first]);
    await redo(page);
    await expect.poll(() => ids(page)).toEqual([second, copy.id, first]);

    await menu(page, "Raster 1", "merge-down"); // blue onto the red copy below it
    await expect.poll(() => ids(page)).toEqual([second, copy.id]);
    const merged = await layerNamed(page, "Raster 2 copy");
    const points: [number, number][] = [
      [16, 16],
      [48, 16],
      [16, 48],
      [48, 48],
    ];
    expect(await layerPixelsAt(page, merged, points)).toEqual([BLUE, BLUE, RED, NONE]);
    expect(await layerPixelsAt(page, await layerNamed(page, "Raster 2"), points)).toEqual([RED, NONE, RED, NONE]);
    await screenshot(page, "canvas-layers-merged");
    await undo(page);
    await expect.poll(() => ids(page)).toEqual([second, copy.id, first]);
    const unmerged = await layerNamed(page, "Raster 2 copy");
    expect(await layerPixelsAt(page, unmerged, points)).toEqual([RED, NONE, RED, NONE]);
    await redo(page);
    await expect.poll(() => ids(page)).toEqual([second, copy.id]);
    expect(await layerPixelsAt(page, await layerNamed(page, "Raster 2 copy"), points)).toEqual([BLUE, BLUE, RED, NONE]);

    await page.getByTestId("add-mask-layer").click();
    await menu(page, "Inpaint mask 1", "merge-down");
    await page.getByText("an inpaint mask merges only onto another inpaint mask").waitFor();
    expect((await savedLayers(page)).length).toBe(3);

    // Regional guidance layers merge their paint, in the lower layer's colour.
    await page.getByTestId("add-region-layer").click();
    await stroke(page, [10, 50], [54, 50]);
    await page.getByTestId("add-region-layer").click();
    await stroke(page, [10, 10], [54, 10]);
    await menu(page, "Regional guidance 2", "merge-down");
    await expect.poll(async () => (await savedLayers(page)).length).toBe(4);
    const region = await layerNamed(page, "Regional guidance 1");
    const ORANGE = [232, 163, 60, 255]; // the first region's colour
    expect(
      await layerPixelsAt(page, region, [
        [32, 10],
        [32, 50],
        [32, 30],
      ]),
    ).toEqual([ORANGE, ORANGE, NONE]);
    await undo(page);
    await expect.poll(async () => (await savedLayers(page)).length).toBe(5);
    expect(await layerPixelsAt(page, await layerNamed(page, "Regional guidance 1"), [[32, 10]])).toEqual([NONE]);
    await redo(page);
    await expect.poll(async () => (await savedLayers(page)).length).toBe(4);

    await page.reload();
    await page.getByTestId("canvas-stage").waitFor();
    await expect.poll(() => page.getByTestId("canvas-layer").count()).toBe(4);
    const reloaded = await layerNamed(page, "Raster 2 copy");
    expect(await layerPixelsAt(page, reloaded, points)).toEqual([BLUE, BLUE, RED, NONE]);
    await page.context().close();
  });

  it("scales ×2 and rotates 90° with the transform tool, cancels, fits the box, refuses a locked layer", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await stroke(page, [56, 56], [58, 56]); // a first layer, so the pasted image leaves the box where it is
    await pastePng(page, 16, 8, [
      [0, 0, 8, 8, "#ff0000"],
      [8, 0, 8, 8, "#0000ff"],
    ]); // red left half, blue right half, at the box's corner (0,0)
    await expect.poll(async () => (await savedLayers(page)).length, { timeout: 20_000 }).toBe(2);
    const stage = await page.getByTestId("canvas-stage").boundingBox();
    if (!stage) throw new Error("no stage");
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    await page.mouse.wheel(0, 400); // zoom out: the rotation handle sits above the pixels
    const image = () => layerNamed(page, "Raster 2");
    const original = await pixelsOf(page, (await image()).bitmap?.image_name ?? "");

    await page.keyboard.press("Shift+T");
    await page.getByTestId("transform-bar").waitFor();
    await dragStage(page, [16, 8], await onScreen(page, 32, 16)); // the bottom-right corner, twice as far
    await screenshot(page, "canvas-layers-transform-scale");
    await page.keyboard.press("Enter");
    await page.getByTestId("transform-bar").waitFor({ state: "detached" });
    const scaledPoints: [number, number][] = [
      [4, 4],
      [28, 4],
      [20, 14],
      [36, 8],
    ];
    await expect
      .poll(async () => (await layerPixelsAt(page, await image(), scaledPoints)).map((p) => p[3]))
      .toEqual([255, 255, 255, 0]);
    const scaled = await layerPixelsAt(page, await image(), scaledPoints);
    expect([isColour(scaled[0], RED), isColour(scaled[1], BLUE), isColour(scaled[2], BLUE)]).toEqual([
      true,
      true,
      true,
    ]);
    const scaledName = (await image()).bitmap?.image_name ?? "";
    await undo(page);
    await expect.poll(async () => pixelsOf(page, (await image()).bitmap?.image_name ?? "")).toEqual(original);
    await redo(page);
    await expect
      .poll(async () => pixelsOf(page, (await image()).bitmap?.image_name ?? ""))
      .toEqual(await pixelsOf(page, scaledName));

    await row(page, "Raster 2").click({ position: { x: 4, y: 8 } });
    await menu(page, "Raster 2", "transform");
    const top = await onScreen(page, 16, 0); // the rotation handle: 50 screen pixels above the top's middle
    const centre = await onScreen(page, 16, 8);
    const radius = centre.y - (top.y - 50);
    await page.mouse.move(top.x, top.y - 50);
    await page.mouse.down();
    await page.mouse.move(centre.x + radius * 0.7, centre.y - radius * 0.7, { steps: 6 });
    await page.mouse.move(centre.x + radius, centre.y, { steps: 6 });
    await page.mouse.up();
    await screenshot(page, "canvas-layers-transform-rotate");
    await page.getByTestId("transform-apply").click();
    // A quarter turn clockwise about the middle (16, 8): the red left half goes to the top, blue below.
    const turnedPoints: [number, number][] = [
      [16, -4],
      [16, 20],
      [4, 8],
      [28, 8],
    ];
    await expect
      .poll(async () => (await layerPixelsAt(page, await image(), turnedPoints)).map((p) => p[3]))
      .toEqual([255, 255, 0, 0]);
    const turned = await layerPixelsAt(page, await image(), turnedPoints);
    expect([isColour(turned[0], RED), isColour(turned[1], BLUE)]).toEqual([true, true]);
    const turnedPixels = await pixelsOf(page, (await image()).bitmap?.image_name ?? "");
    await undo(page);
    await expect
      .poll(async () => pixelsOf(page, (await image()).bitmap?.image_name ?? ""))
      .toEqual(await pixelsOf(page, scaledName));
    await redo(page);
    await expect.poll(async () => pixelsOf(page, (await image()).bitmap?.image_name ?? "")).toEqual(turnedPixels);

    await page.keyboard.press("Shift+T");
    await dragStage(page, [16, 8], await onScreen(page, 40, 30)); // moved, then canceled
    await page.keyboard.press("Escape");
    await page.getByTestId("transform-bar").waitFor({ state: "detached" });
    expect(await pixelsOf(page, (await image()).bitmap?.image_name ?? "")).toEqual(turnedPixels);

    await menu(page, "Raster 2", "fit"); // 16 × 32 fills the 64 × 64 box's height: 32 × 64, centred
    const fitPoints: [number, number][] = [
      [32, 8],
      [32, 56],
      [8, 32],
    ];
    await expect
      .poll(async () => (await layerPixelsAt(page, await image(), fitPoints)).map((p) => p[3]))
      .toEqual([255, 255, 0]);
    const fitted = await layerPixelsAt(page, await image(), fitPoints);
    expect([isColour(fitted[0], RED), isColour(fitted[1], BLUE)]).toEqual([true, true]);
    await screenshot(page, "canvas-layers-fit");

    await row(page, "Raster 2").getByTestId("layer-lock").click();
    await page.keyboard.press("Shift+T");
    await page.getByText("“Raster 2” is locked: unlock it to transform it.").waitFor();
    expect(await page.getByTestId("transform-bar").count()).toBe(0);

    const kept = await pixelsOf(page, (await image()).bitmap?.image_name ?? "");
    await page.reload();
    await page.getByTestId("canvas-stage").waitFor();
    await expect.poll(() => page.getByTestId("canvas-layer").count()).toBe(2);
    expect(await pixelsOf(page, (await image()).bitmap?.image_name ?? "")).toEqual(kept);
    await page.context().close();
  });
});
