/** Helpers of the canvas's browser tests: the stored document and layer pixels, stage positions, strokes. */
import type { Browser, Page } from "playwright-core";
import { api, openStudio } from "./support";

export interface SavedLayer {
  id: string;
  kind: string;
  opacity: number;
  x: number;
  y: number;
  bitmap: { image_name: string; x: number; y: number; width: number; height: number } | null;
}

export async function clearCanvas(): Promise<void> {
  await api("/api/v1/canvas/default", { method: "DELETE" }).catch(() => undefined);
}

export async function savedLayers(page: Page): Promise<SavedLayer[]> {
  await page.waitForTimeout(150);
  await page.locator("[data-testid=canvas-save-state][data-state=saved]").waitFor({ timeout: 20_000 });
  const canvas = await api<{ document: { layers: SavedLayer[] } }>("/api/v1/canvas/default");
  return canvas.document.layers;
}

/** The RGBA pixels of a stored image, decoded by the browser. */
export function pixelsOf(page: Page, name: string): Promise<number[]> {
  return page.evaluate(async (image) => {
    const element = new Image();
    element.src = `/api/v1/images/${image}/full`;
    await element.decode();
    const canvas = document.createElement("canvas");
    canvas.width = element.naturalWidth;
    canvas.height = element.naturalHeight;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D context");
    context.drawImage(element, 0, 0);
    return Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data);
  }, name);
}

export function pixelAt(pixels: number[], width: number, x: number, y: number): number[] {
  const at = (y * width + x) * 4;
  return pixels.slice(at, at + 4);
}

/** The screen (page) position of a stage point. */
export async function onScreen(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const stage = page.getByTestId("canvas-stage");
  const [vx, vy, scale] = ((await stage.getAttribute("data-view")) ?? "0,0,1").split(",").map(Number);
  const box = await stage.boundingBox();
  if (!box || vx === undefined || vy === undefined || scale === undefined) throw new Error("no stage");
  return { x: box.x + vx + x * scale, y: box.y + vy + y * scale };
}

export async function stroke(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  const start = await onScreen(page, ...from);
  const end = await onScreen(page, ...to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 8 });
  await page.mouse.up();
}

/** Opens the Canvas tab; on an empty canvas the launchpad is closed ("Generate from text") unless kept. */
export async function openCanvas(browser: Browser, keepLaunchpad = false): Promise<Page> {
  const page = await openStudio(browser);
  await page.getByTestId("tab-canvas").click();
  await page.getByTestId("canvas-stage").waitFor();
  const close = page.getByTestId("launchpad-text");
  if (!keepLaunchpad && (await close.isVisible())) await close.click();
  return page;
}

export async function invokeLabel(page: Page): Promise<string> {
  return (await page.getByTestId("invoke").textContent()) ?? "";
}

/** Drops a gallery image onto the stage: at a stage point, or 100 px into the stage's element. */
export async function dropGalleryImage(page: Page, name: string, at?: [number, number]): Promise<void> {
  const box = await page.getByTestId("canvas-stage").boundingBox();
  if (!box) throw new Error("no stage");
  const point = at ? await onScreen(page, ...at) : { x: box.x + 100, y: box.y + 100 };
  await page.evaluate(
    ({ name, x, y }) => {
      const transfer = new DataTransfer();
      transfer.setData("application/x-impasto-images", JSON.stringify([name]));
      const target = document.querySelector("[data-testid=canvas-stage]");
      for (const kind of ["dragenter", "dragover", "drop"]) {
        const init = { dataTransfer: transfer, bubbles: true, cancelable: true, clientX: x, clientY: y };
        target?.dispatchEvent(new DragEvent(kind, init));
      }
    },
    { name, ...point },
  );
}

/** A PNG of one colour made by the browser, as a file to pick or paste. */
export async function solidPng(
  page: Page,
  width: number,
  height: number,
  color: string,
): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const base64 = await page.evaluate(
    ({ width, height, color }) => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no 2D context");
      context.fillStyle = color;
      context.fillRect(0, 0, width, height);
      return canvas.toDataURL("image/png").split(",")[1] ?? "";
    },
    { width, height, color },
  );
  return { name: "solid.png", mimeType: "image/png", buffer: Buffer.from(base64, "base64") };
}

export interface SavedCanvas {
  bbox: { x: number; y: number };
  layers: SavedLayer[];
  referenceImages: { image: string | null }[];
}

export async function savedCanvas(page: Page): Promise<SavedCanvas> {
  await savedLayers(page);
  return (await api<{ document: SavedCanvas }>("/api/v1/canvas/default")).document;
}

/** A rectangle of one colour in a test image: x, y, width, height, CSS colour. */
export type Fill = [number, number, number, number, string];

/** Pastes (Ctrl+V's paste event) a PNG the browser draws from rectangles on transparency; it becomes a raster layer. */
export async function pastePng(page: Page, width: number, height: number, fills: Fill[]): Promise<void> {
  await page.evaluate(
    async ({ width, height, fills }) => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no 2D context");
      for (const [x, y, w, h, color] of fills) {
        context.fillStyle = color;
        context.fillRect(x, y, w, h);
      }
      const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, "image/png"));
      if (!blob) throw new Error("the test image could not be encoded");
      const transfer = new DataTransfer();
      transfer.items.add(new File([blob], "pasted.png", { type: "image/png" }));
      document.body.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true }));
    },
    { width, height, fills },
  );
}

/** The RGBA at stage points in a saved layer's stored image (transparent outside it). */
export async function layerPixelsAt(page: Page, layer: SavedLayer, points: [number, number][]): Promise<number[][]> {
  const bitmap = layer.bitmap;
  const pixels = bitmap ? await pixelsOf(page, bitmap.image_name) : [];
  return points.map(([x, y]) => {
    const px = x - layer.x - (bitmap?.x ?? 0);
    const py = y - layer.y - (bitmap?.y ?? 0);
    const inside = bitmap && px >= 0 && py >= 0 && px < bitmap.width && py < bitmap.height;
    return inside ? pixelAt(pixels, bitmap.width, px, py) : [0, 0, 0, 0];
  });
}
