/** Rectangles on the stage: stroke bounds, and how a layer's bitmap grows to hold new paint. */
import type { Rect } from "./document";

/** Bitmaps grow in steps of this many pixels, so a long stroke does not reallocate at every point. */
export const GROW_STEP = 256;

/** The integer rectangle a stroke through `points` ([x0, y0, x1, y1, …]) of width `size` can touch. */
export function strokeBounds(points: readonly number[], size: number): Rect {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i] ?? 0;
    const y = points[i + 1] ?? 0;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (minX === Infinity) return { x: 0, y: 0, width: 0, height: 0 };
  const pad = size / 2 + 1;
  const x = Math.floor(minX - pad);
  const y = Math.floor(minY - pad);
  return { x, y, width: Math.ceil(maxX + pad) - x, height: Math.ceil(maxY + pad) - y };
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

export function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

/**
 * The bitmap rectangle that holds both what `current` holds and `needed`: `current` itself when it
 * already does, else the union with its sides pushed out to multiples of `GROW_STEP`.
 */
export function coverRect(current: Rect | null, needed: Rect): Rect {
  if (current && contains(current, needed)) return current;
  const whole = current ? union(current, needed) : needed;
  const x = Math.floor(whole.x / GROW_STEP) * GROW_STEP;
  const y = Math.floor(whole.y / GROW_STEP) * GROW_STEP;
  const right = Math.ceil((whole.x + whole.width) / GROW_STEP) * GROW_STEP;
  const bottom = Math.ceil((whole.y + whole.height) / GROW_STEP) * GROW_STEP;
  return { x, y, width: right - x, height: bottom - y };
}

export function offset(rect: Rect, dx: number, dy: number): Rect {
  return { ...rect, x: rect.x + dx, y: rect.y + dy };
}
