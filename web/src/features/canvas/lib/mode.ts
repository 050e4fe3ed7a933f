/**
 * What an invocation on the canvas will do, decided as the server decides it (README "Canvas
 * generations"): the composited box's transparency, and whether the inpaint mask has paint in it.
 */

export type Alpha = "empty" | "partial" | "opaque";
export type CanvasMode = "txt2img" | "img2img" | "inpaint" | "outpaint";

export const MODE_LABELS: Record<CanvasMode, string> = {
  txt2img: "Text to image",
  img2img: "Image to image",
  inpaint: "Inpaint",
  outpaint: "Outpaint",
};

/** The transparency of RGBA pixels: a pixel counts as transparent below full opacity (as the server). */
export function alphaSummary(rgba: ArrayLike<number>): Alpha {
  let opaque = 0;
  let clear = 0;
  for (let i = 3; i < rgba.length; i += 4) {
    const alpha = rgba[i] ?? 0;
    if (alpha === 255) opaque += 1;
    else if (alpha === 0) clear += 1;
    else return "partial";
    if (opaque > 0 && clear > 0) return "partial";
  }
  return opaque > 0 ? "opaque" : "empty";
}

/** Whether any pixel has some opacity (a mask layer with paint in the box). */
export function hasPaint(rgba: ArrayLike<number>): boolean {
  for (let i = 3; i < rgba.length; i += 4) if ((rgba[i] ?? 0) > 0) return true;
  return false;
}

export function canvasMode(alpha: Alpha, masked: boolean): CanvasMode {
  if (alpha === "empty") return "txt2img";
  if (alpha === "partial") return "outpaint";
  return masked ? "inpaint" : "img2img";
}

/** A mask layer's RGBA pixels as the server's greyscale mask (white regenerates): grey = the paint's alpha. */
export function maskToGrey(rgba: ArrayLike<number>): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = rgba[i + 3] ?? 0;
    out[i] = alpha;
    out[i + 1] = alpha;
    out[i + 2] = alpha;
    out[i + 3] = 255;
  }
  return out;
}
