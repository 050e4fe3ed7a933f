/**
 * The arithmetic of the transform tool: where a layer's pixels are (their opaque bounds, not the bitmap's
 * grown rectangle), the rectangle a moved, scaled and rotated image covers once baked, and the placement
 * that fits an image in the box keeping its aspect.
 */
import type { Rect } from "./document";

/** A 2D affine transform as the canvas's `setTransform(a, b, c, d, e, f)` takes it: x' = a·x + c·y + e. */
export type Matrix = [number, number, number, number, number, number];

export function applyMatrix(m: Matrix, x: number, y: number): { x: number; y: number } {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

/** Within this of a whole pixel, a transformed corner counts as on it (floating rotation leaves 1e-14 errors). */
const SNAP = 1e-6;

/** The integer rectangle holding a `width` × `height` image drawn with `m` (its local origin at 0,0). */
export function transformedBounds(m: Matrix, width: number, height: number): Rect {
  const corners = [
    applyMatrix(m, 0, 0),
    applyMatrix(m, width, 0),
    applyMatrix(m, 0, height),
    applyMatrix(m, width, height),
  ];
  const xs = corners.map((p) => p.x);
  const ys = corners.map((p) => p.y);
  const x = Math.floor(Math.min(...xs) + SNAP);
  const y = Math.floor(Math.min(...ys) + SNAP);
  return { x, y, width: Math.ceil(Math.max(...xs) - SNAP) - x, height: Math.ceil(Math.max(...ys) - SNAP) - y };
}

/** The placement (a scale and a translation) of `source` that fills `box` keeping its aspect, centred. */
export function fitMatrix(source: { width: number; height: number }, box: Rect): Matrix {
  const scale = Math.min(box.width / source.width, box.height / source.height);
  const x = box.x + (box.width - source.width * scale) / 2;
  const y = box.y + (box.height - source.height * scale) / 2;
  return [scale, 0, 0, scale, x, y];
}

/** The smallest rectangle holding every pixel with some alpha in RGBA `data`, or null when there is none. */
export function opaqueBounds(data: Uint8ClampedArray, width: number, height: number): Rect | null {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y += 1) {
    const row = y * width * 4;
    for (let x = 0; x < width; x += 1) {
      if ((data[row + x * 4 + 3] ?? 0) === 0) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      minY = Math.min(minY, y);
      maxY = y;
    }
  }
  return maxX < 0 ? null : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}
