/**
 * Drawing large layers zoomed out: from a copy at 1/2, 1/4 or 1/8 resolution, so a 4096² layer shown at
 * 12 % costs about what the screen shows, not what the document holds. From 100 % up the bitmap itself
 * is drawn, whole (a source-rectangle crop makes Chromium's software canvas take a slower path).
 */

/** The smallest copy: 1/8 resolution. */
export const MAX_MIP_LEVEL = 3;

/** The copy to draw from at `scale`: level n has 1/2ⁿ the resolution and is drawn at 2ⁿ·scale ≥ 1 px a pixel. */
export function mipLevel(scale: number): number {
  if (scale >= 1) return 0;
  return Math.min(MAX_MIP_LEVEL, Math.max(0, Math.floor(Math.log2(1 / scale))));
}
