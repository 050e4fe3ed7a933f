/**
 * The canvas's own generation settings: how an outpaint fills the box's transparent pixels before painting
 * (infill) and the size the box is generated at (scale before processing), as the request fields the
 * server reads (README "Canvas generations").
 */
import type { Alpha } from "./mode";

export type InfillMethod = "patchmatch" | "cv2" | "tile" | "color" | "lama";
export type ScaleMode = "none" | "auto" | "manual";

export const INFILL_LABELS: Record<InfillMethod, string> = {
  patchmatch: "PatchMatch",
  cv2: "OpenCV (Telea)",
  tile: "Tile",
  color: "Colour",
  lama: "LaMa",
};

export interface CanvasSettings {
  infill: InfillMethod;
  scale: ScaleMode;
  /** The size generated at with manual scaling. */
  scaledWidth: number;
  scaledHeight: number;
}

export const DEFAULT_SETTINGS: CanvasSettings = {
  infill: "patchmatch",
  scale: "none",
  scaledWidth: 512,
  scaledHeight: 512,
};

/** The server's side rule: at least two grid steps, rounded to the grid. */
function onGrid(side: number, grid: number): number {
  return Math.max(2, Math.round(side / grid)) * grid;
}

/**
 * The size the box is generated at, as the server computes it: the box's own (none), the manual size, or
 * for auto the model's native area (`native` pixels) at the box's aspect ratio when the box is smaller.
 */
export function workSize(
  box: { width: number; height: number },
  settings: CanvasSettings,
  native: number,
  grid: number,
): { width: number; height: number } {
  if (settings.scale === "none") return { width: box.width, height: box.height };
  if (settings.scale === "manual") return { width: settings.scaledWidth, height: settings.scaledHeight };
  const scale = Math.max(1, Math.sqrt(native / (box.width * box.height)));
  return { width: onGrid(box.width * scale, grid), height: onGrid(box.height * scale, grid) };
}

export interface SettingsFields {
  infill: { method: InfillMethod } | null;
  scale_before_processing: ScaleMode;
  scaled_width: number | null;
  scaled_height: number | null;
}

/** The request fields; the infill only where the box is partly transparent (the server outpaints then). */
export function settingsFields(settings: CanvasSettings, alpha: Alpha): SettingsFields {
  const manual = settings.scale === "manual";
  return {
    infill: alpha === "partial" ? { method: settings.infill } : null,
    scale_before_processing: settings.scale,
    scaled_width: manual ? settings.scaledWidth : null,
    scaled_height: manual ? settings.scaledHeight : null,
  };
}
