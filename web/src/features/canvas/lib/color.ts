/** Colours as the canvas handles them: hex strings of the brush, RGBA bytes of pixels, colours seen through layers. */

export type Rgba = [number, number, number, number];

/** `#rrggbb` (or `#rgb`) and an opacity 0–1 as RGBA bytes. */
export function parseHex(hex: string, opacity = 1): Rgba {
  let digits = hex.replace("#", "").trim();
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join("");
  const value = Number.parseInt(digits.slice(0, 6), 16);
  if (digits.length < 6 || Number.isNaN(value)) throw new Error(`"${hex}" is not a #rrggbb colour`);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255, Math.round(opacity * 255)];
}

export function toHex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * The colour seen where layers lie over each other: `layers` bottom first, each a pixel's RGBA and the
 * opacity the layer shows at; null where nothing is painted.
 */
export function compositeColor(layers: { rgba: Rgba; opacity: number }[]): string | null {
  let r = 0;
  let g = 0;
  let b = 0;
  let a = 0;
  for (const { rgba, opacity } of layers) {
    const alpha = (rgba[3] / 255) * opacity;
    const out = alpha + a * (1 - alpha);
    if (out <= 0) continue;
    r = (rgba[0] * alpha + r * a * (1 - alpha)) / out;
    g = (rgba[1] * alpha + g * a * (1 - alpha)) / out;
    b = (rgba[2] * alpha + b * a * (1 - alpha)) / out;
    a = out;
  }
  return a > 0 ? toHex(r, g, b) : null;
}
