/**
 * The layer menu's commands with their pixels: duplicate (the copy gets its own bitmap, saved as its own
 * image), merge down (composited or, for masks, their paint joined), and baking a transform into a layer's
 * bitmap. Each records the document and the pixels it replaced as one undo step, so undo puts back the
 * exact pixels and order.
 */
import { notifications } from "@mantine/notifications";
import { type CanvasLayer, findLayer, type Rect } from "../lib/document";
import { copyOfLayer, insertAbove, mergedDocument, mergesPaint, planMergeDown } from "../lib/layerOps";
import { fitMatrix, type Matrix, opaqueBounds, transformedBounds } from "../lib/transform";
import { useCanvasStore } from "../store/canvasStore";
import { bitmaps, context2d } from "./bitmaps";

/** Tells the user why a command did nothing. */
export function refuse(message: string): void {
  notifications.show({ color: "yellow", message });
}

export function duplicateLayer(layerId: string): void {
  const store = useCanvasStore.getState();
  const layer = findLayer(store.doc, layerId);
  if (!layer) return;
  const copy = copyOfLayer(layer);
  const pixels = bitmaps.snapshot(layerId);
  bitmaps.restore(copy.id, pixels); // a copy of the canvas, marked unsaved: it uploads as its own image
  store.changeLayers(insertAbove(store.doc, layerId, copy), [{ layerId: copy.id, before: null, after: pixels }]);
}

/** Draws `upper`'s pixels into `lower`'s bitmap (grown to hold them), as the stage shows the two. */
function drawOnto(upper: CanvasLayer, lower: CanvasLayer): void {
  const source = bitmaps.get(upper.id);
  if (!source) return;
  const dx = upper.x - lower.x;
  const dy = upper.y - lower.y;
  const target = bitmaps.ensure(lower.id, { ...source.rect, x: source.rect.x + dx, y: source.rect.y + dy });
  const context = context2d(target.canvas);
  context.save();
  context.globalAlpha = mergesPaint(upper) ? 1 : upper.opacity;
  context.drawImage(source.canvas, source.rect.x + dx - target.rect.x, source.rect.y + dy - target.rect.y);
  if (mergesPaint(lower) && "color" in lower) {
    context.globalAlpha = 1;
    context.globalCompositeOperation = "source-in"; // all the paint in the lower mask's colour, coverage kept
    context.fillStyle = lower.color;
    context.fillRect(0, 0, target.canvas.width, target.canvas.height);
  }
  context.restore();
  bitmaps.touch(lower.id);
}

/** Merges a layer onto the one below of the same kind, or says why it cannot. */
export function mergeDown(layerId: string): void {
  const store = useCanvasStore.getState();
  const plan = planMergeDown(store.doc, layerId);
  if (!plan.ok) return refuse(plan.reason);
  const before = bitmaps.snapshot(plan.lower.id);
  drawOnto(plan.upper, plan.lower);
  const after = bitmaps.snapshot(plan.lower.id);
  const next = mergedDocument(store.doc, plan.upper.id, plan.lower.id);
  store.changeLayers(next, [{ layerId: plan.lower.id, before, after }]);
}

/** The layer's pixels cropped to where they have alpha, and where that crop sits in the layer's space. */
export function opaquePixels(layerId: string): { canvas: HTMLCanvasElement; rect: Rect } | null {
  const pixels = bitmaps.get(layerId);
  if (!pixels) return null;
  const { width, height } = pixels.canvas;
  const bounds = opaqueBounds(context2d(pixels.canvas).getImageData(0, 0, width, height).data, width, height);
  if (!bounds) return null;
  const canvas = document.createElement("canvas");
  canvas.width = bounds.width;
  canvas.height = bounds.height;
  context2d(canvas).drawImage(pixels.canvas, -bounds.x, -bounds.y);
  return { canvas, rect: { ...bounds, x: bounds.x + pixels.rect.x, y: bounds.y + pixels.rect.y } };
}

/**
 * Replaces the layer's pixels with `source` drawn through `m` (source pixels to the layer's space),
 * resampled, as one undo step.
 */
export function bakeTransform(layerId: string, source: HTMLCanvasElement, m: Matrix): void {
  const before = bitmaps.snapshot(layerId);
  const rect = transformedBounds(m, source.width, source.height);
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, rect.width);
  canvas.height = Math.max(1, rect.height);
  const context = context2d(canvas);
  context.imageSmoothingQuality = "high";
  context.setTransform(m[0], m[1], m[2], m[3], m[4] - rect.x, m[5] - rect.y);
  context.drawImage(source, 0, 0);
  bitmaps.setImage(layerId, canvas, { ...rect, width: canvas.width, height: canvas.height }, null);
  const store = useCanvasStore.getState();
  store.changeLayers(store.doc, [{ layerId, before, after: bitmaps.snapshot(layerId) }]);
}

/** Why the layer's pixels cannot be transformed, or null when they can. */
export function transformRefusal(layer: CanvasLayer | null): string | null {
  if (!layer) return "Select a layer to transform.";
  if (layer.locked) return `“${layer.name}” is locked: unlock it to transform it.`;
  if (!layer.visible) return `“${layer.name}” is hidden: show it to transform it.`;
  if (!bitmaps.get(layer.id)) return `“${layer.name}” has no pixels to transform.`;
  return null;
}

/** Scales the layer's pixels to fill the box (`box` on the stage) keeping their aspect, centred in it. */
export function fitLayerToBox(layerId: string, box: Rect): void {
  const layer = findLayer(useCanvasStore.getState().doc, layerId);
  const refusal = transformRefusal(layer);
  const pixels = layer && !refusal ? opaquePixels(layer.id) : null;
  if (!layer || !pixels) return refuse(refusal ?? `“${layer?.name ?? "The layer"}” has no pixels to fit.`);
  const inLayer = { ...box, x: box.x - layer.x, y: box.y - layer.y };
  bakeTransform(layer.id, pixels.canvas, fitMatrix(pixels.canvas, inLayer));
}
