/**
 * Drawing a layer's bitmap cheaply: only the part on screen (a crop of the source), and from a copy at
 * 1/2, 1/4 or 1/8 resolution when zoomed out that far, so a 4096² layer costs about what the screen
 * shows, not what the document holds.
 */
import type { Rect } from "./document";

/** The smallest copy: 1/8 resolution. */
export const MAX_MIP_LEVEL = 3;

/** The copy to draw from at `scale`: level n has 1/2ⁿ the resolution and is drawn at 2ⁿ·scale ≥ 1 px a pixel. */
export function mipLevel(scale: number): number {
  if (scale >= 1) return 0;
  return Math.min(MAX_MIP_LEVEL, Math.max(0, Math.floor(Math.log2(1 / scale))));
}

export interface Crop {
  /** The source rectangle in the copy's pixels. */
  crop: Rect;
  /** Where it goes in the layer's space (full-resolution pixels). */
  dest: Rect;
}

/**
 * The part of a bitmap placed at `bitmap` (layer space) that lies in `visible` (layer space), widened to
 * whole pixels of the level's copy, or null when none of it shows.
 */
export function visibleCrop(bitmap: Rect, visible: Rect, level: number): Crop | null {
  const factor = 2 ** level;
  const left = Math.max(bitmap.x, visible.x) - bitmap.x;
  const top = Math.max(bitmap.y, visible.y) - bitmap.y;
  const right = Math.min(bitmap.x + bitmap.width, visible.x + visible.width) - bitmap.x;
  const bottom = Math.min(bitmap.y + bitmap.height, visible.y + visible.height) - bitmap.y;
  if (right <= left || bottom <= top) return null;
  const size = { width: Math.ceil(bitmap.width / factor), height: Math.ceil(bitmap.height / factor) };
  const x = Math.floor(left / factor);
  const y = Math.floor(top / factor);
  const crop = {
    x,
    y,
    width: Math.min(size.width, Math.ceil(right / factor)) - x,
    height: Math.min(size.height, Math.ceil(bottom / factor)) - y,
  };
  const dest = {
    x: bitmap.x + x * factor,
    y: bitmap.y + y * factor,
    width: Math.min(crop.width * factor, bitmap.width - x * factor),
    height: Math.min(crop.height * factor, bitmap.height - y * factor),
  };
  return { crop, dest };
}
