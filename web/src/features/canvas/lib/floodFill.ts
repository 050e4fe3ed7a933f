/**
 * Flood fill on RGBA pixels: which pixels are reachable from a seed through neighbours (4-connected) whose
 * colour is within a tolerance of the seed's, and painting a colour over them. Pure, so it is tested
 * without a browser; the fill tool runs it on a layer's bitmap.
 */

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

import type { Rgba } from "./color";

/**
 * How far two pixels' colours lie apart, 0–255: the largest channel difference of their premultiplied
 * colours and of their alpha, so every fully transparent pixel counts as the same colour.
 */
export function colorDistance(data: Uint8ClampedArray, at: number, seed: Rgba): number {
  const alpha = data[at + 3] ?? 0;
  let most = Math.abs(alpha - seed[3]);
  for (let c = 0; c < 3; c += 1) {
    const own = ((data[at + c] ?? 0) * alpha) / 255;
    const other = ((seed[c] ?? 0) * seed[3]) / 255;
    most = Math.max(most, Math.abs(own - other));
  }
  return most;
}

/** 1 for each pixel the fill from (x, y) reaches, 0 elsewhere; `tolerance` is 0–100 %. */
export function floodMask(pixels: Pixels, x: number, y: number, tolerance: number): Uint8Array {
  const { data, width, height } = pixels;
  const mask = new Uint8Array(width * height);
  if (x < 0 || y < 0 || x >= width || y >= height) return mask;
  const start = (y * width + x) * 4;
  const seed: Rgba = [data[start] ?? 0, data[start + 1] ?? 0, data[start + 2] ?? 0, data[start + 3] ?? 0];
  const limit = (Math.min(100, Math.max(0, tolerance)) / 100) * 255;
  const stack = [y * width + x];
  mask[y * width + x] = 1;
  const visit = (next: number) => {
    if (mask[next] === 1 || colorDistance(data, next * 4, seed) > limit) return;
    mask[next] = 1;
    stack.push(next);
  };
  while (stack.length > 0) {
    const index = stack.pop() ?? 0;
    const px = index % width;
    if (px > 0) visit(index - 1);
    if (px < width - 1) visit(index + 1);
    if (index >= width) visit(index - width);
    if (index + width < width * height) visit(index + width);
  }
  return mask;
}

/** Paints `color` (alpha included) over the masked pixels, source-over, in place. */
export function paintMask(pixels: Pixels, mask: Uint8Array, color: Rgba): void {
  const { data } = pixels;
  const alpha = color[3] / 255;
  for (let i = 0; i < mask.length; i += 1) {
    if (mask[i] !== 1) continue;
    const at = i * 4;
    const below = (data[at + 3] ?? 0) / 255;
    const out = alpha + below * (1 - alpha);
    for (let c = 0; c < 3; c += 1) {
      const mixed = (color[c] ?? 0) * alpha + (data[at + c] ?? 0) * below * (1 - alpha);
      data[at + c] = out > 0 ? Math.round(mixed / out) : 0;
    }
    data[at + 3] = Math.round(out * 255);
  }
}
