/**
 * Images out of and into the canvas: the visible raster layers (all of them, or the box) saved to the
 * gallery, one layer or the box as a PNG (downloaded or copied), an image pasted from the clipboard as a new raster layer.
 */
import { saveBlob } from "@/common/lib/files";
import type { CanvasDocument, Rect } from "../lib/document";
import { union } from "../lib/geometry";
import { useCanvasStore } from "../store/canvasStore";
import { addImageLayer } from "./actions";
import { bitmaps } from "./bitmaps";
import { composite, toPng } from "./composite";
import { uploadImage, uploadIntermediate } from "./persistence";

/** The stage rectangle covering every visible raster layer's pixels, or null when none has any. */
export function rasterBounds(doc: CanvasDocument): Rect | null {
  let bounds: Rect | null = null;
  for (const layer of doc.layers) {
    const pixels = bitmaps.get(layer.id);
    if (layer.kind !== "raster" || !layer.visible || !pixels) continue;
    const rect = { ...pixels.rect, x: pixels.rect.x + layer.x, y: pixels.rect.y + layer.y };
    bounds = bounds ? union(bounds, rect) : rect;
  }
  return bounds;
}

/** Flattens the visible raster layers over `rect` (all of them when null) into a gallery image; its name. */
export async function saveToGallery(rect: Rect | null): Promise<string> {
  const doc = useCanvasStore.getState().doc;
  const area = rect ?? rasterBounds(doc);
  if (!area) throw new Error("the canvas has no raster layer with pixels to save");
  return uploadImage(await toPng(composite(doc, area).image), false);
}

/** The selected layer's pixels as a PNG, and the file name it downloads under (the layer's name). */
export function layerPng(): { png: Promise<Blob>; filename: string } {
  const { doc } = useCanvasStore.getState();
  const layer = doc.layers.find((item) => item.id === doc.selectedLayerId);
  const pixels = layer ? bitmaps.get(layer.id) : null;
  if (!layer || !pixels) throw new Error("select a layer with pixels to export or copy it");
  return { png: toPng(pixels.canvas), filename: `${layer.name}.png` };
}

/** The visible raster layers flattened over `box` as a PNG (what "Save box to gallery" stores). */
export function boxPng(box: Rect): Promise<Blob> {
  return toPng(composite(useCanvasStore.getState().doc, box).image);
}

/** Downloads the selected layer's pixels as a PNG named after the layer. */
export async function exportLayer(): Promise<void> {
  const { png, filename } = layerPng();
  saveBlob(await png, filename);
}

/** Stores an image file and adds it as a raster layer at the box's corner. */
export async function pasteImageFile(file: Blob, fitBox?: (image: Rect) => void): Promise<void> {
  const name = await uploadIntermediate(file);
  await addImageLayer(name, useCanvasStore.getState().doc.bbox, fitBox);
}

/** The message shown when the browser will not let the page read the clipboard. */
export const CLIPBOARD_BLOCKED =
  "The browser did not let the page read the clipboard. Press Ctrl+V (⌘V) on the canvas to paste the image instead.";

/** Reads an image from the clipboard through the async Clipboard API (a menu item asks for it this way). */
export async function readClipboardImage(): Promise<Blob | null> {
  if (!navigator.clipboard?.read) throw new Error(CLIPBOARD_BLOCKED);
  let items: ClipboardItems;
  try {
    items = await navigator.clipboard.read();
  } catch (error) {
    throw new Error(CLIPBOARD_BLOCKED, { cause: error });
  }
  for (const item of items) {
    const type = item.types.find((entry) => entry.startsWith("image/"));
    if (type) return item.getType(type);
  }
  return null;
}
