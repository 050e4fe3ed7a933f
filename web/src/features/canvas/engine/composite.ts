/**
 * What an invocation sends: the box's visible raster layers flattened to RGBA, the inpaint masks'
 * paint in the box as a greyscale mask (only when there is some), and one guidance layer's pixels in the
 * box (a region's mask, a control layer's image).
 */
import type { CanvasDocument, CanvasLayer, InpaintMaskLayer, Rect } from "../lib/document";
import { type Alpha, alphaSummary, hasPaint, maskToGrey } from "../lib/mode";
import { bitmaps, context2d } from "./bitmaps";

export interface Composite {
  image: HTMLCanvasElement;
  alpha: Alpha;
  /** The greyscale mask, or null when no visible mask layer has paint in the box. */
  mask: HTMLCanvasElement | null;
  /** The mask layer whose settings (noise, denoise limit) go with the mask. */
  maskLayer: InpaintMaskLayer | null;
}

function drawLayers(doc: CanvasDocument, box: Rect, kind: "raster" | "inpaint_mask"): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = box.width;
  canvas.height = box.height;
  const context = context2d(canvas);
  for (const layer of doc.layers) {
    const pixels = bitmaps.get(layer.id);
    if (layer.kind !== kind || !layer.visible || !pixels) continue;
    context.globalAlpha = kind === "raster" ? layer.opacity : 1;
    context.drawImage(pixels.canvas, layer.x + pixels.rect.x - box.x, layer.y + pixels.rect.y - box.y);
  }
  return canvas;
}

/** One layer's pixels over the box (transparent where it has none), or null when it has no paint there. */
export function layerInBox(layer: CanvasLayer, box: Rect): HTMLCanvasElement | null {
  const pixels = bitmaps.get(layer.id);
  if (!pixels) return null;
  const canvas = document.createElement("canvas");
  canvas.width = box.width;
  canvas.height = box.height;
  context2d(canvas).drawImage(pixels.canvas, layer.x + pixels.rect.x - box.x, layer.y + pixels.rect.y - box.y);
  return hasPaint(pixelsOf(canvas).data) ? canvas : null;
}

/** A regional guidance layer's paint in the box as the server's mask (white = the region), or null. */
export function regionMask(layer: CanvasLayer, box: Rect): HTMLCanvasElement | null {
  const paint = layerInBox(layer, box);
  if (!paint) return null;
  const grey = maskToGrey(pixelsOf(paint).data);
  context2d(paint).putImageData(new ImageData(grey, box.width, box.height), 0, 0);
  return paint;
}

/** A control layer's image over the box, on black where it has no paint (as control images are), or null. */
export function controlImage(layer: CanvasLayer, box: Rect): HTMLCanvasElement | null {
  const paint = layerInBox(layer, box);
  if (!paint) return null;
  const context = context2d(paint);
  context.globalCompositeOperation = "destination-over";
  context.fillStyle = "#000000";
  context.fillRect(0, 0, box.width, box.height);
  return paint;
}

function pixelsOf(canvas: HTMLCanvasElement): ImageData {
  return context2d(canvas).getImageData(0, 0, canvas.width, canvas.height);
}

export function composite(doc: CanvasDocument, box: Rect): Composite {
  const image = drawLayers(doc, box, "raster");
  const alpha = alphaSummary(pixelsOf(image).data);
  const maskLayer = doc.layers.find(
    (layer): layer is InpaintMaskLayer => layer.kind === "inpaint_mask" && layer.visible,
  );
  if (!maskLayer) return { image, alpha, mask: null, maskLayer: null };
  const paint = drawLayers(doc, box, "inpaint_mask");
  const data = pixelsOf(paint);
  if (!hasPaint(data.data)) return { image, alpha, mask: null, maskLayer: null };
  context2d(paint).putImageData(new ImageData(maskToGrey(data.data), box.width, box.height), 0, 0);
  return { image, alpha, mask: paint, maskLayer };
}

export function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the canvas could not be encoded as PNG"))),
      "image/png",
    );
  });
}
