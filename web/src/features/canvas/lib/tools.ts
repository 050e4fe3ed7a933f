/** The canvas tools, their hotkeys (InvokeAI's) and the brush settings. */
import type { Rect } from "./document";
import type { Point } from "./view";

export type Tool = "brush" | "eraser" | "rect" | "fill" | "picker" | "move" | "bbox" | "view";

export interface ToolEntry {
  id: Tool;
  label: string;
  key: string;
  /** More than the label says, for the tooltip and the shortcut list. */
  hint?: string;
}

export const TOOLS: ToolEntry[] = [
  { id: "brush", label: "Brush", key: "b" },
  { id: "eraser", label: "Eraser", key: "e" },
  { id: "rect", label: "Rectangle", key: "u", hint: "Shift draws a square" },
  { id: "fill", label: "Fill", key: "g" },
  { id: "picker", label: "Colour picker", key: "i", hint: "or hold Alt with the brush, rectangle or fill" },
  { id: "move", label: "Move layer", key: "v" },
  { id: "bbox", label: "Bounding box", key: "c" },
  { id: "view", label: "View (pan)", key: "h" },
];

/** The tooltip of a tool's button: its label, hint and key. */
export function toolTip(entry: ToolEntry): string {
  return `${entry.label}${entry.hint ? `, ${entry.hint}` : ""} (${entry.key.toUpperCase()})`;
}

export interface Brush {
  size: number;
  color: string;
  opacity: number;
  /** 0–100 %: 100 paints a hard edge, less lets the edge fall off smoothly over more of the radius. */
  hardness: number;
  /** A pen's pressure scales the size. */
  pressure: boolean;
  /** 0–100 %: how far a colour may differ from the clicked one and still be filled. */
  tolerance: number;
}

export const DEFAULT_BRUSH: Brush = {
  size: 24,
  color: "#3b82f6",
  opacity: 1,
  hardness: 100,
  pressure: true,
  tolerance: 10,
};
export const MIN_BRUSH = 1;
export const MAX_BRUSH = 500;

function within(value: unknown, low: number, high: number): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= low && value <= high;
}

/**
 * The brush kept in the browser from an earlier visit: each setting that is still valid, the default for the
 * rest (a missing, mistyped or out-of-range value from an older version or a hand-edited store).
 */
export function restoreBrush(stored: unknown): Brush {
  const kept = (typeof stored === "object" && stored !== null ? stored : {}) as Partial<Record<keyof Brush, unknown>>;
  const { size, color, opacity, hardness, pressure, tolerance } = kept;
  return {
    size: within(size, MIN_BRUSH, MAX_BRUSH) ? Math.round(size) : DEFAULT_BRUSH.size,
    color: typeof color === "string" && color.trim() !== "" ? color : DEFAULT_BRUSH.color,
    opacity: within(opacity, 0, 1) && opacity > 0 ? opacity : DEFAULT_BRUSH.opacity,
    hardness: within(hardness, 0, 100) ? hardness : DEFAULT_BRUSH.hardness,
    pressure: typeof pressure === "boolean" ? pressure : DEFAULT_BRUSH.pressure,
    tolerance: within(tolerance, 0, 100) ? tolerance : DEFAULT_BRUSH.tolerance,
  };
}

/** `]` makes the brush about 10 % bigger, `[` smaller, always by at least one pixel. */
export function stepBrushSize(size: number, step: 1 | -1): number {
  const change = Math.max(1, Math.round(size * 0.1));
  return Math.min(MAX_BRUSH, Math.max(MIN_BRUSH, size + step * change));
}

const ALT_PICKS = new Set<Tool>(["brush", "rect", "fill"]);

/** The tool a click uses: holding Alt turns the brush, rectangle and fill into the colour picker. */
export function activeTool(tool: Tool, alt: boolean): Tool {
  return alt && ALT_PICKS.has(tool) ? "picker" : tool;
}

/** The pixel rectangle dragged from `start` to `end` (either corner first); `square` keeps its sides equal. */
export function dragRect(start: Point, end: Point, square: boolean): Rect {
  let dx = end.x - start.x;
  let dy = end.y - start.y;
  if (square) {
    const side = Math.max(Math.abs(dx), Math.abs(dy));
    dx = Math.sign(dx || 1) * side;
    dy = Math.sign(dy || 1) * side;
  }
  const x0 = Math.round(Math.min(start.x, start.x + dx));
  const y0 = Math.round(Math.min(start.y, start.y + dy));
  const x1 = Math.round(Math.max(start.x, start.x + dx));
  const y1 = Math.round(Math.max(start.y, start.y + dy));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The brush's diameter at a point: a pen's pressure (0–1) scales it when pressure is on; at least a pixel. */
export function pressureSize(size: number, pressure: number | null): number {
  if (pressure === null) return size;
  return Math.max(MIN_BRUSH, size * Math.min(1, Math.max(0, pressure)));
}

/**
 * How a soft brush is drawn: a hard core of `coreWidth` blurred by `blur` pixels (a Gaussian's standard
 * deviation). The core's edge lies 1.5 deviations inside the brush's radius, so the paint has nearly faded
 * at the brush's size while a stroke's middle stays close to full strength; 100 % hardness needs no blur.
 */
export function softness(size: number, hardness: number): { coreWidth: number; blur: number } {
  const soft = 1 - Math.min(100, Math.max(0, hardness)) / 100;
  return { coreWidth: Math.max(1, size * (1 - soft / 2)), blur: (size * soft) / 6 };
}
