/**
 * What the painting tools share: the layer they paint into, the colour they paint there, and the rectangle,
 * fill and colour picker tools' work on a layer's bitmap (each change one undo step).
 */
import {
  addLayer,
  type CanvasDocument,
  type CanvasLayer,
  findLayer,
  newRasterLayer,
  nextLayerName,
  type Rect,
} from "../lib/document";
import { compositeColor, parseHex, type Rgba } from "../lib/color";
import { floodMask, paintMask } from "../lib/floodFill";
import { union } from "../lib/geometry";
import type { Brush } from "../lib/tools";
import type { Point } from "../lib/view";
import { useCanvasStore } from "../store/canvasStore";
import { bitmaps, context2d } from "./bitmaps";
import { drawIntoLayer } from "./strokes";

/** Mask paint shows at half the layer's opacity, so what is under it stays visible. */
export const MASK_SHOW = 0.5;

export interface Paint {
  layer: CanvasLayer;
  color: string;
  opacity: number;
}

function isMask(layer: CanvasLayer): boolean {
  return layer.kind === "inpaint_mask" || layer.kind === "regional_guidance";
}

/**
 * The selected layer (a new raster layer when none is) and what the brush paints there: its colour, or on a
 * mask (inpaint mask, regional guidance) opaque paint in the layer's colour; null when it is hidden or locked.
 */
export function paintTarget(brush: Brush): Paint | null {
  const store = useCanvasStore.getState();
  let layer = findLayer(store.doc, store.doc.selectedLayerId);
  if (!layer) {
    layer = newRasterLayer(nextLayerName(store.doc, "raster"));
    store.change(addLayer(store.doc, layer));
  }
  if (!layer.visible || layer.locked) return null;
  if (layer.kind === "inpaint_mask" || layer.kind === "regional_guidance") {
    return { layer, color: layer.color, opacity: 1 };
  }
  return { layer, color: brush.color, opacity: brush.opacity };
}

/** Fills `rect` (layer space) with the paint. */
export function commitRect(paint: Paint, rect: Rect): void {
  drawIntoLayer(paint.layer.id, rect, (context) => {
    context.globalAlpha = paint.opacity;
    context.fillStyle = paint.color;
    context.fillRect(rect.x, rect.y, rect.width, rect.height);
  });
}

/**
 * Flood-fills from a stage point: over the layer's bitmap and the box (so an empty layer fills within the
 * box), the pixels of similar colour connected to the clicked one. Returns whether anything was filled.
 */
export function fillAt(paint: Paint, point: Point, box: Rect, tolerance: number): boolean {
  const { layer } = paint;
  const x = Math.floor(point.x - layer.x);
  const y = Math.floor(point.y - layer.y);
  const existing = bitmaps.get(layer.id)?.rect;
  const boxInLayer = { ...box, x: box.x - layer.x, y: box.y - layer.y };
  const area = existing ? union(existing, boxInLayer) : boxInLayer;
  if (x < area.x || y < area.y || x >= area.x + area.width || y >= area.y + area.height) return false;
  const before = bitmaps.read(layer.id, area);
  const after = new ImageData(new Uint8ClampedArray(before.data), area.width, area.height);
  const mask = floodMask(after, x - area.x, y - area.y, tolerance);
  paintMask(after, mask, parseHex(paint.color, paint.opacity));
  bitmaps.write(layer.id, area, after);
  useCanvasStore.getState().recordPixels(layer.id, area, before, after);
  return true;
}

function pixelAt(layer: CanvasLayer, point: Point): Rgba {
  const pixels = bitmaps.get(layer.id);
  const x = Math.floor(point.x - layer.x - (pixels?.rect.x ?? 0));
  const y = Math.floor(point.y - layer.y - (pixels?.rect.y ?? 0));
  if (!pixels || x < 0 || y < 0 || x >= pixels.rect.width || y >= pixels.rect.height) return [0, 0, 0, 0];
  const [r = 0, g = 0, b = 0, a = 0] = context2d(pixels.canvas).getImageData(x, y, 1, 1).data;
  return [r, g, b, a];
}

/** The colour the visible layers show at a stage point (masks at the strength they show with), or null. */
export function pickColor(doc: CanvasDocument, point: Point): string | null {
  const seen = doc.layers
    .filter((layer) => layer.visible)
    .map((layer) => ({ rgba: pixelAt(layer, point), opacity: layer.opacity * (isMask(layer) ? MASK_SHOW : 1) }));
  return compositeColor(seen);
}
