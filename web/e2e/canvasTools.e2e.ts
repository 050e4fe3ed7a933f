/**
 * The canvas's painting tools with a real server: the rectangle (Shift for a square; on an inpaint mask in
 * the mask's colour), the fill of an enclosed area and of an empty layer's box, the colour picker (its key
 * and Alt), a soft brush and eraser whose edges fade, and a pen whose pressure scales the stroke; each
 * change undoes. Pixels are read back from the stored layer image, in stage coordinates (the demo model's
 * box is 64 × 64 at the origin).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCanvas, onScreen, openCanvas, pixelAt, pixelsOf, savedLayers, stroke } from "./canvasSupport";
import { launch, screenshot } from "./support";

const BLUE = [59, 130, 246, 255]; // the default brush colour
const RED = [255, 0, 0, 255];

/** A layer's pixel at a stage point, from the saved canvas (transparent outside its bitmap). */
async function layerReader(page: Page, index = 0): Promise<(x: number, y: number) => number[]> {
  const layer = (await savedLayers(page))[index];
  if (!layer?.bitmap) return () => [0, 0, 0, 0];
  const { image_name, width, height, x: bx, y: by } = layer.bitmap;
  const pixels = await pixelsOf(page, image_name);
  return (x, y) => {
    const px = x - layer.x - bx;
    const py = y - layer.y - by;
    return px < 0 || py < 0 || px >= width || py >= height ? [0, 0, 0, 0] : pixelAt(pixels, width, px, py);
  };
}

async function selectTool(page: Page, key: string, tool: string): Promise<void> {
  await page.keyboard.press(key);
  await expect.poll(() => page.getByTestId(`canvas-tool-${tool}`).getAttribute("aria-pressed")).toBe("true");
}

async function clickAt(page: Page, x: number, y: number): Promise<void> {
  const point = await onScreen(page, x, y);
  await page.mouse.click(point.x, point.y);
}

async function setColor(page: Page, color: string): Promise<void> {
  const input = page.getByTestId("canvas-brush-color");
  await input.fill(color);
  await input.press("Enter");
  await input.blur(); // the canvas's keys are not typed into the colour field
}

/** The alpha down a column of the layer, from `from` to `to` (stage y). */
function column(read: (x: number, y: number) => number[], x: number, from: number, to: number): number[] {
  const alphas: number[] = [];
  for (let y = from; y <= to; y += 1) alphas.push(read(x, y)[3] ?? 0);
  return alphas;
}

/** Draws a pen stroke from dispatched pointer events, as a tablet sends them, at one pressure. */
async function penStroke(page: Page, y: number, pressure: number): Promise<void> {
  const points = [];
  for (let x = 10; x <= 54; x += 4) points.push(await onScreen(page, x, y));
  await page.evaluate(
    ({ points, pressure }) => {
      const target = document.querySelector("[data-testid=canvas-stage] canvas");
      const send = (type: string, at: { x: number; y: number }, buttons: number) =>
        (type === "pointerup" ? window : target)?.dispatchEvent(
          new PointerEvent(type, {
            pointerType: "pen",
            pointerId: 7,
            isPrimary: true,
            pressure: buttons ? pressure : 0,
            button: type === "pointermove" ? -1 : 0,
            buttons,
            clientX: at.x,
            clientY: at.y,
            bubbles: true,
            cancelable: true,
          }),
        );
      const [first, ...rest] = points;
      if (!first) return;
      send("pointerdown", first, 1);
      for (const point of rest) send("pointermove", point, 1);
      send("pointerup", rest.at(-1) ?? first, 0);
    },
    { points, pressure },
  );
}

/** The alpha along a row of the layer, from `from` to `to` (stage x). */
function row(read: (x: number, y: number) => number[], y: number, from: number, to: number): number[] {
  const alphas: number[] = [];
  for (let x = from; x <= to; x += 1) alphas.push(read(x, y)[3] ?? 0);
  return alphas;
}

/** How many pixels of a column around `y` are more than half covered: the stroke's width there. */
function widthAt(read: (x: number, y: number) => number[], y: number): number {
  return column(read, 32, y - 14, y + 14).filter((alpha) => alpha > 127).length;
}

describe("canvas tools", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it("draws rectangles and squares in the brush colour, each one undo step", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await page.getByTestId("canvas-stage").click({ position: { x: 5, y: 5 }, button: "middle" });
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    for (const title of ["Canvas: Rectangle tool", "Canvas: Fill tool", "Canvas: Colour picker tool"])
      await page.getByRole("dialog").getByText(title).waitFor();
    await page.waitForTimeout(400); // the dialog's fade-in
    await screenshot(page, "canvas-tools-shortcuts");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await selectTool(page, "u", "rect");
    await stroke(page, [10, 10], [30, 20]);
    let read = await layerReader(page);
    expect(read(12, 12)).toEqual(BLUE);
    expect(read(28, 18)).toEqual(BLUE);
    expect(read(33, 15)[3]).toBe(0);
    expect(read(20, 23)[3]).toBe(0);

    await page.keyboard.down("Shift");
    await stroke(page, [40, 30], [50, 50]); // a square of 20: to x 60
    await page.keyboard.up("Shift");
    read = await layerReader(page);
    expect(read(57, 47)).toEqual(BLUE);
    expect(read(57, 53)[3]).toBe(0);
    await screenshot(page, "canvas-tools-rectangles");

    await page.keyboard.press("ControlOrMeta+z");
    read = await layerReader(page);
    expect(read(57, 47)[3]).toBe(0);
    expect(read(12, 12)).toEqual(BLUE);

    await page.getByTestId("add-mask-layer").click();
    await stroke(page, [20, 30], [40, 40]); // on a mask: opaque paint in the mask's colour
    const mask = await layerReader(page, 1);
    expect(mask(30, 35)).toEqual([255, 90, 90, 255]);
    expect(mask(12, 12)[3]).toBe(0);
    await page.context().close();
  });

  it("fills an empty layer's box, an enclosed area, and picks colours back, each fill one undo step", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await page.getByTestId("canvas-stage").click({ position: { x: 5, y: 5 }, button: "middle" });
    await selectTool(page, "g", "fill");
    await clickAt(page, 32, 32);
    let read = await layerReader(page);
    expect(read(1, 1)).toEqual(BLUE);
    expect(read(62, 62)).toEqual(BLUE);
    expect(read(70, 70)[3]).toBe(0); // an empty layer fills the box, no more
    await page.keyboard.press("ControlOrMeta+z");
    expect((await layerReader(page))(32, 32)[3]).toBe(0);

    await selectTool(page, "b", "brush");
    for (const [from, to] of [
      [
        [8, 8],
        [56, 8],
      ],
      [
        [56, 8],
        [56, 56],
      ],
      [
        [56, 56],
        [8, 56],
      ],
      [
        [8, 56],
        [8, 8],
      ],
    ] as [number, number][][])
      await stroke(page, from ?? [0, 0], to ?? [0, 0]); // a ring 24 px wide around the box's middle
    await setColor(page, "#ff0000");
    await selectTool(page, "g", "fill");
    await clickAt(page, 32, 32);
    read = await layerReader(page);
    expect(read(32, 32)).toEqual(RED);
    expect(read(25, 25)).toEqual(RED);
    expect(read(8, 32)).toEqual(BLUE);
    expect(read(-20, 32)[3]).toBe(0); // outside the ring: not reached
    await screenshot(page, "canvas-tools-fill");

    await selectTool(page, "i", "picker");
    await clickAt(page, 8, 32);
    await expect.poll(() => page.getByTestId("canvas-brush-color").inputValue()).toBe("#3b82f6");
    await selectTool(page, "b", "brush");
    await page.keyboard.down("Alt");
    await clickAt(page, 32, 32);
    await page.keyboard.up("Alt");
    await expect.poll(() => page.getByTestId("canvas-brush-color").inputValue()).toBe("#ff0000");
    expect((await layerReader(page))(32, 32)).toEqual(RED); // picking painted nothing

    await page.keyboard.press("ControlOrMeta+z");
    read = await layerReader(page);
    expect(read(32, 32)[3]).toBe(0);
    expect(read(8, 32)).toEqual(BLUE);
    await page.context().close();
  });

  it("paints a soft brush and eraser whose edges fade", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await page.getByTestId("canvas-stage").click({ position: { x: 5, y: 5 }, button: "middle" });
    await stroke(page, [10, 12], [54, 12]);
    const hardness = page.getByRole("slider", { name: /Brush hardness/ });
    await hardness.focus();
    await hardness.press("Home");
    await expect.poll(() => page.getByTestId("canvas-brush-hardness").textContent()).toBe("Hard 0 %");
    await stroke(page, [10, 44], [54, 44]);
    let read = await layerReader(page);
    const ramp = (alphas: number[]) => alphas.filter((alpha) => alpha > 10 && alpha < 245).length;
    const soft = column(read, 32, 44, 60);
    expect(soft[0]).toBeGreaterThan(200);
    soft.slice(1).forEach((alpha, i) => expect(alpha).toBeLessThanOrEqual((soft[i] ?? 0) + 2));
    expect(ramp(soft)).toBeGreaterThanOrEqual(5);
    expect(ramp(column(read, 32, 12, 28))).toBeLessThanOrEqual(2); // the hard stroke's edge
    await screenshot(page, "canvas-tools-soft-brush");

    await selectTool(page, "e", "eraser");
    await stroke(page, [32, 0], [32, 26]); // a soft eraser across the hard stroke
    read = await layerReader(page);
    const erased = row(read, 12, 32, 50);
    expect(erased[0]).toBeLessThan(60);
    erased.slice(1).forEach((alpha, i) => expect(alpha).toBeGreaterThanOrEqual((erased[i] ?? 0) - 2));
    expect(ramp(erased)).toBeGreaterThanOrEqual(5);
    await page.keyboard.press("ControlOrMeta+z");
    expect((await layerReader(page))(32, 12)).toEqual(BLUE);
    await page.keyboard.press("ControlOrMeta+z");
    expect((await layerReader(page))(32, 44)[3]).toBe(0);
    await page.context().close();
  });

  it("scales a pen's stroke by its pressure, unless pressure sensitivity is off", async () => {
    await clearCanvas();
    const page = await openCanvas(browser);
    await penStroke(page, 16, 0.2);
    await penStroke(page, 46, 1);
    await screenshot(page, "canvas-tools-pen");
    const read = await layerReader(page);
    const light = widthAt(read, 16);
    const firm = widthAt(read, 46);
    const seen = `the alpha down x = 32: ${column(read, 32, 0, 63).join()}`;
    expect(light, seen).toBeGreaterThanOrEqual(3);
    expect(light, seen).toBeLessThanOrEqual(7);
    expect(firm).toBeGreaterThanOrEqual(22);
    await page.keyboard.press("ControlOrMeta+z");
    expect(widthAt(await layerReader(page), 46)).toBe(0);

    await page.getByTestId("canvas-brush-pressure").click();
    await penStroke(page, 46, 0.2);
    expect(widthAt(await layerReader(page), 46)).toBeGreaterThanOrEqual(22); // pressure sensitivity off
    await page.context().close();
  });
});
