/**
 * The pixel grid shown at high zoom: where its lines go. Only the visible part is computed, so the cost
 * follows the screen's size, not the document's.
 */
import type { Rect } from "./document";
import type { View } from "./view";

/** From this zoom (800 %) a pixel is big enough on screen for lines between pixels to help, not clutter. */
export const PIXEL_GRID_SCALE = 8;

export interface GridLines {
  /** Stage x of each vertical line (pixel edges), left to right. */
  xs: number[];
  /** Stage y of each horizontal line, top to bottom. */
  ys: number[];
  /** The stage rectangle the lines span (the screen, widened to whole pixels). */
  area: Rect;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}

/** The grid over a `width` × `height` screen showing `view`, or null while the zoom is below the grid's. */
export function pixelGridLines(view: View, width: number, height: number): GridLines | null {
  if (view.scale < PIXEL_GRID_SCALE || width <= 0 || height <= 0) return null;
  const left = Math.floor(-view.x / view.scale);
  const top = Math.floor(-view.y / view.scale);
  const right = Math.ceil((width - view.x) / view.scale);
  const bottom = Math.ceil((height - view.y) / view.scale);
  return {
    xs: range(left, right),
    ys: range(top, bottom),
    area: { x: left, y: top, width: right - left, height: bottom - top },
  };
}
