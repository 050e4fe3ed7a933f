/**
 * Where an image dragged over the stage goes. Drop zones offer the layer kinds (as InvokeAI's canvas
 * does); they sit along the stage's bottom, away from the box's top-left corner where images are
 * usually placed. Anywhere else on the stage the image becomes a raster layer
 * with its top-left at the drop point.
 */
import type { Point } from "./view";
import type { Rect } from "./document";

export type DropTarget = "raster" | "control" | "inpaint_mask" | "regional_reference" | "global_reference";

export const DROP_ZONES: readonly { target: Exclude<DropTarget, "raster">; label: string }[] = [
  { target: "control", label: "New control layer" },
  { target: "inpaint_mask", label: "New inpaint mask" },
  { target: "regional_reference", label: "New regional reference image" },
  { target: "global_reference", label: "New global reference image" },
];

export interface ZoneBox {
  target: DropTarget;
  label: string;
  rect: Rect;
}

const MARGIN = 12;
const GAP = 8;
/** The zones take this share of the stage's height (each between the limits below). */
const STRIP_SHARE = 0.22;
const MIN_ZONE = 48;
const MAX_ZONE = 120;
/** Below this stage width the zones wrap into two columns, so their labels stay readable. */
const NARROW = 560;

/** The zones' rectangles (in the stage element's pixels) on a `width` × `height` stage. */
export function dropZoneLayout(width: number, height: number): ZoneBox[] {
  const columns = width < NARROW ? 2 : DROP_ZONES.length;
  const rows = Math.ceil(DROP_ZONES.length / columns);
  const zoneWidth = (width - 2 * MARGIN - GAP * (columns - 1)) / columns;
  const zoneHeight = Math.min(MAX_ZONE, Math.max(MIN_ZONE, (height * STRIP_SHARE) / rows));
  if (zoneWidth <= 0) return [];
  return DROP_ZONES.map((zone, index) => {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const x = MARGIN + column * (zoneWidth + GAP);
    const y = height - MARGIN - (rows - row) * zoneHeight - (rows - row - 1) * GAP;
    return { ...zone, rect: { x, y, width: zoneWidth, height: zoneHeight } };
  });
}

function inside(point: Point, rect: Rect): boolean {
  return point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height;
}

/** The target of a drop at `point` (stage element pixels): the zone under it, else a raster layer. */
export function dropTargetAt(layout: readonly ZoneBox[], point: Point): DropTarget {
  return layout.find((zone) => inside(point, zone.rect))?.target ?? "raster";
}

/**
 * Mask paint from an image's pixels (RGBA, in place): the image's alpha where it has transparency (a
 * cut-out masks its shape), else its luminance (white masks, black does not, as mask images usually
 * are). The colour becomes the mask's, so the result paints like a brush stroke on the mask.
 */
export function imageToMask(data: Uint8ClampedArray, color: [number, number, number]): void {
  let transparent = false;
  for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 255) < 255) transparent = true;
  for (let i = 0; i < data.length; i += 4) {
    const luminance = 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
    data[i + 3] = transparent ? (data[i + 3] ?? 0) : Math.round(luminance);
    [data[i], data[i + 1], data[i + 2]] = color;
  }
}

/** "#rrggbb" as numbers. */
export function hexColor(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.replace("#", ""), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
