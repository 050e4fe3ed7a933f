/** Strokes: the live preview line while the pointer moves, and the stroke drawn into a layer's bitmap. */
import Konva from "konva";
import { strokeBounds } from "../lib/geometry";
import { useCanvasStore } from "../store/canvasStore";
import { bitmaps, context2d } from "./bitmaps";

export interface StrokeStyle {
  size: number;
  color: string;
  opacity: number;
  erase: boolean;
}

/** A single click paints a dot: the path gets a second point a hair away, so its round cap shows. */
function pathPoints(points: readonly number[]): number[] {
  if (points.length === 2) return [points[0] ?? 0, points[1] ?? 0, (points[0] ?? 0) + 0.01, points[1] ?? 0];
  return [...points];
}

export function previewLine(style: StrokeStyle, points: number[]): Konva.Line {
  return new Konva.Line({
    points: pathPoints(points),
    stroke: style.color,
    strokeWidth: style.size,
    opacity: style.opacity,
    lineCap: "round",
    lineJoin: "round",
    globalCompositeOperation: style.erase ? "destination-out" : "source-over",
    listening: false,
  });
}

export function updatePreview(line: Konva.Line, points: number[]): void {
  line.points(pathPoints(points));
}

function drawPath(context: CanvasRenderingContext2D, style: StrokeStyle, points: readonly number[]): void {
  const path = pathPoints(points);
  context.globalCompositeOperation = style.erase ? "destination-out" : "source-over";
  context.globalAlpha = style.opacity;
  context.strokeStyle = style.color;
  context.lineWidth = style.size;
  context.lineCap = "round";
  context.lineJoin = "round";
  context.beginPath();
  context.moveTo(path[0] ?? 0, path[1] ?? 0);
  for (let i = 2; i + 1 < path.length; i += 2) context.lineTo(path[i] ?? 0, path[i + 1] ?? 0);
  context.stroke();
}

/** Draws a finished stroke (points in the layer's space) into the layer and records it for undo. */
export function commitStroke(layerId: string, style: StrokeStyle, points: readonly number[]): void {
  const rect = strokeBounds(points, style.size);
  if (rect.width <= 0 || rect.height <= 0) return;
  const before = bitmaps.read(layerId, rect);
  const pixels = bitmaps.ensure(layerId, rect);
  const context = context2d(pixels.canvas);
  context.save();
  context.translate(-pixels.rect.x, -pixels.rect.y);
  drawPath(context, style, points);
  context.restore();
  const after = bitmaps.read(layerId, rect);
  bitmaps.touch(layerId);
  useCanvasStore.getState().recordPixels(layerId, rect, before, after);
}
