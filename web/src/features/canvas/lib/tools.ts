/** The canvas tools, their hotkeys (InvokeAI's) and the brush settings. */

export type Tool = "brush" | "eraser" | "move" | "bbox" | "view";

export const TOOLS: { id: Tool; label: string; key: string }[] = [
  { id: "brush", label: "Brush", key: "b" },
  { id: "eraser", label: "Eraser", key: "e" },
  { id: "move", label: "Move layer", key: "v" },
  { id: "bbox", label: "Bounding box", key: "c" },
  { id: "view", label: "View (pan)", key: "h" },
];

export interface Brush {
  size: number;
  color: string;
  opacity: number;
}

export const DEFAULT_BRUSH: Brush = { size: 24, color: "#3b82f6", opacity: 1 };
export const MIN_BRUSH = 1;
export const MAX_BRUSH = 500;

/** `]` makes the brush about 10 % bigger, `[` smaller, always by at least one pixel. */
export function stepBrushSize(size: number, step: 1 | -1): number {
  const change = Math.max(1, Math.round(size * 0.1));
  return Math.min(MAX_BRUSH, Math.max(MIN_BRUSH, size + step * change));
}
