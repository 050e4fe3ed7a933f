/** The bounding box: where it is (the document) and how big (the Generate panel's size, on the model's grid). */
import { MAX_SIDE, MIN_SIDE, snap } from "@/features/generate/lib/sizes";
import type { Rect } from "./document";

/** A side snapped to the grid and kept within the sizes the server takes. */
export function snapSide(value: number, grid: number): number {
  const snapped = snap(value, grid);
  const low = Math.ceil(MIN_SIDE / grid) * grid;
  const high = Math.floor(MAX_SIDE / grid) * grid;
  return Math.min(high, Math.max(low, snapped));
}

/** A box dragged or resized on the stage: whole-pixel position, sides on the grid. */
export function snapBox(rect: Rect, grid: number): Rect {
  return {
    x: Math.round(rect.x),
    y: Math.round(rect.y),
    width: snapSide(rect.width, grid),
    height: snapSide(rect.height, grid),
  };
}

/** A box of the model's size centred on an image dropped onto an empty canvas, sides on the grid. */
export function boxForImage(image: Rect, grid: number): Rect {
  const width = snapSide(image.width, grid);
  const height = snapSide(image.height, grid);
  return {
    x: Math.round(image.x + (image.width - width) / 2),
    y: Math.round(image.y + (image.height - height) / 2),
    width,
    height,
  };
}
