/**
 * Image size arithmetic: aspect-ratio presets, a locked ratio, swapping, and the "optimal" size for a
 * model, which keeps the chosen aspect ratio at about the pixel count the model was trained on.
 */
import type { Schemas } from "@/api/client";

type ModelRecord = Schemas["ModelRecord"];

export const ASPECTS = [
  { id: "free", label: "Free", ratio: null },
  { id: "1:1", label: "1:1", ratio: 1 },
  { id: "4:3", label: "4:3", ratio: 4 / 3 },
  { id: "3:4", label: "3:4", ratio: 3 / 4 },
  { id: "3:2", label: "3:2", ratio: 3 / 2 },
  { id: "2:3", label: "2:3", ratio: 2 / 3 },
  { id: "16:9", label: "16:9", ratio: 16 / 9 },
  { id: "9:16", label: "9:16", ratio: 9 / 16 },
  { id: "21:9", label: "21:9", ratio: 21 / 9 },
] as const;

export type AspectId = (typeof ASPECTS)[number]["id"];

const NATIVE_SIDE: Record<string, number> = {
  "sd-1": 512,
  "sd-2": 768,
  sdxl: 1024,
  "sdxl-refiner": 1024,
  "sd-3": 1024,
  flux: 1024,
};

export const MIN_SIDE = 64;
export const MAX_SIDE = 8192;

export interface Size {
  width: number;
  height: number;
}

/** Sizes must be multiples of the latent grid: 16 pixels for FLUX and SD 3.5 (2×2 patches of 8), else 8. */
export function gridFor(base: string | null | undefined): number {
  return base === "flux" || base === "sd-3" ? 16 : 8;
}

/** The side length the model was trained at (its own record's when known). */
export function nativeSide(model: Pick<ModelRecord, "base" | "details"> | null | undefined): number {
  const native = model?.details?.native_resolution;
  if (typeof native === "number" && native > 0) return native;
  return NATIVE_SIDE[model?.base ?? ""] ?? 512;
}

export function ratioOf(aspect: AspectId): number | null {
  return ASPECTS.find((entry) => entry.id === aspect)?.ratio ?? null;
}

export function snap(value: number, grid: number): number {
  const snapped = Math.round(value / grid) * grid;
  return Math.min(MAX_SIDE, Math.max(grid, snapped));
}

/** The size with `ratio` whose area is the model's native area, on the model's grid. */
export function optimalSize(ratio: number, side: number, grid: number): Size {
  const area = side * side;
  const width = Math.sqrt(area * ratio);
  return { width: snap(width, grid), height: snap(width / ratio, grid) };
}

/** A new width; with a locked ratio the height follows. */
export function withWidth(size: Size, width: number, ratio: number | null, grid: number): Size {
  const w = snap(width, grid);
  return ratio ? { width: w, height: snap(w / ratio, grid) } : { ...size, width: w };
}

/** A new height; with a locked ratio the width follows. */
export function withHeight(size: Size, height: number, ratio: number | null, grid: number): Size {
  const h = snap(height, grid);
  return ratio ? { width: snap(h * ratio, grid), height: h } : { ...size, height: h };
}

/** The aspect preset that a swap of width and height leads to (4:3 ↔ 3:4; free stays free). */
export function swappedAspect(aspect: AspectId): AspectId {
  if (aspect === "free" || aspect === "1:1") return aspect;
  const [a, b] = aspect.split(":");
  const swapped = `${b}:${a}`;
  return ASPECTS.some((entry) => entry.id === swapped) ? (swapped as AspectId) : "free";
}

/** The preset matching a size's ratio within 1%, else free. */
export function aspectOf(size: Size): AspectId {
  const ratio = size.width / size.height;
  const match = ASPECTS.find((entry) => entry.ratio !== null && Math.abs(entry.ratio / ratio - 1) < 0.01);
  return match?.id ?? "free";
}
