/** The stage's view (pan and zoom) as plain numbers: screen = stage * scale + offset. */
import type { Rect } from "./document";

export interface View {
  x: number;
  y: number;
  scale: number;
}

export interface Point {
  x: number;
  y: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 20;
/** How much one wheel notch zooms. */
export const WHEEL_FACTOR = 1.1;

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Zooms by `factor` keeping the stage point under `pointer` (screen coordinates) where it is. */
export function zoomAt(view: View, pointer: Point, factor: number): View {
  const scale = clampScale(view.scale * factor);
  const stageX = (pointer.x - view.x) / view.scale;
  const stageY = (pointer.y - view.y) / view.scale;
  return { scale, x: pointer.x - stageX * scale, y: pointer.y - stageY * scale };
}

/** The wheel's zoom factor: up (negative deltaY) zooms in. */
export function wheelFactor(deltaY: number): number {
  if (deltaY === 0) return 1;
  return deltaY < 0 ? WHEEL_FACTOR : 1 / WHEEL_FACTOR;
}

/** The view that shows `rect` whole and centred in a `width` × `height` screen, with a margin. */
export function fitView(rect: Rect, width: number, height: number, margin = 32): View {
  const scale = clampScale(
    Math.min((width - 2 * margin) / Math.max(1, rect.width), (height - 2 * margin) / Math.max(1, rect.height)),
  );
  return {
    scale,
    x: width / 2 - (rect.x + rect.width / 2) * scale,
    y: height / 2 - (rect.y + rect.height / 2) * scale,
  };
}

export function toStage(view: View, screen: Point): Point {
  return { x: (screen.x - view.x) / view.scale, y: (screen.y - view.y) / view.scale };
}
