/**
 * Filtering a control layer: its pixels go through one of the server's preprocessors (the queue's
 * preprocessor preview, as the Generate tab's control units use), the result is shown in place of the
 * layer, and applying it replaces the layer's pixels (one undo step); the layer keeps its rectangle.
 */
import { useCanvasStore } from "../store/canvasStore";
import { bitmaps, context2d, imageUrl, loadImage } from "./bitmaps";
import { toPng } from "./composite";
import { uploadIntermediate } from "./persistence";

/** The layer's pixels as a stored image, to run a preprocessor on; null when it has none. */
export async function uploadLayerPixels(layerId: string): Promise<string | null> {
  const pixels = bitmaps.get(layerId);
  return pixels ? uploadIntermediate(await toPng(pixels.canvas)) : null;
}

/** Replaces the layer's pixels by the stored image `name`, scaled to the layer's rectangle. */
export async function applyFilterResult(layerId: string, name: string): Promise<void> {
  const image = await loadImage(imageUrl(name));
  const pixels = bitmaps.get(layerId);
  if (!pixels) return;
  const rect = pixels.rect;
  const before = bitmaps.read(layerId, rect);
  const context = context2d(pixels.canvas);
  context.clearRect(0, 0, rect.width, rect.height);
  context.drawImage(image, 0, 0, rect.width, rect.height);
  const after = bitmaps.read(layerId, rect);
  bitmaps.touch(layerId);
  useCanvasStore.getState().recordPixels(layerId, rect, before, after);
}
