/**
 * Brush strokes. One function draws a stroke's pixels (`renderStroke`): the live preview shows that canvas
 * on the stage, and the finished stroke draws the same canvas into the layer's bitmap, so both show the same
 * pixels. A stroke is drawn at full opacity and then laid on the layer with the brush's opacity, so its
 * own overlaps do not add up; a soft brush is a narrower hard stroke blurred, so its edge falls off smoothly.
 */
import Konva from "konva";
import type { Rect } from "../lib/document";
import { strokeBounds } from "../lib/geometry";
import { softness } from "../lib/tools";
import { useCanvasStore } from "../store/canvasStore";
import { bitmaps, context2d } from "./bitmaps";

export interface StrokeStyle {
  color: string;
  opacity: number;
  erase: boolean;
  hardness: number;
}

/** The points ([x0, y0, x1, y1, …], layer space) and the brush's diameter at each (a pen's pressure varies it). */
export interface StrokePath {
  points: number[];
  sizes: number[];
}

export interface RenderedStroke {
  canvas: HTMLCanvasElement;
  /** Where the canvas lies in the layer's space. */
  rect: Rect;
}

/** A single click paints a dot: the path gets a second point a hair away, so its round cap shows. */
function pathPoints(points: readonly number[]): number[] {
  if (points.length === 2) return [points[0] ?? 0, points[1] ?? 0, (points[0] ?? 0) + 0.01, points[1] ?? 0];
  return [...points];
}

function drawCore(context: CanvasRenderingContext2D, path: StrokePath, hardness: number): void {
  const points = pathPoints(path.points);
  const width = (i: number) => softness(path.sizes[Math.min(i, path.sizes.length - 1)] ?? 1, hardness).coreWidth;
  const even = path.sizes.every((size) => size === path.sizes[0]);
  context.lineCap = "round";
  context.lineJoin = "round";
  context.beginPath();
  context.moveTo(points[0] ?? 0, points[1] ?? 0);
  for (let i = 2; i + 1 < points.length; i += 2) {
    context.lineTo(points[i] ?? 0, points[i + 1] ?? 0);
    if (even) continue;
    context.lineWidth = (width(i / 2 - 1) + width(i / 2)) / 2; // each segment at its own width
    context.stroke();
    context.beginPath();
    context.moveTo(points[i] ?? 0, points[i + 1] ?? 0);
  }
  if (!even) return;
  context.lineWidth = width(0);
  context.stroke();
}

function blankCanvas(rect: Rect): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, rect.width);
  canvas.height = Math.max(1, rect.height);
  return canvas;
}

let canBlur: boolean | null = null;

/** Whether this browser's 2D canvases take filters (older Safari ignores them). */
function blurs(): boolean {
  canBlur ??= "filter" in context2d(blankCanvas({ x: 0, y: 0, width: 1, height: 1 }));
  return canBlur;
}

/** The stroke's pixels at full opacity, on a canvas just big enough for them (the soft edge included). */
export function renderStroke(style: StrokeStyle, path: StrokePath): RenderedStroke {
  const largest = Math.max(1, ...path.sizes);
  const hardness = blurs() ? style.hardness : 100; // where canvases cannot blur, brushes stay hard
  const { blur } = softness(largest, hardness);
  const rect = strokeBounds(path.points, largest + 6 * blur);
  const core = blankCanvas(rect);
  const context = context2d(core);
  context.translate(-rect.x, -rect.y);
  context.strokeStyle = style.color;
  drawCore(context, path, hardness);
  if (blur <= 0) return { canvas: core, rect };
  const soft = blankCanvas(rect);
  const blurred = context2d(soft);
  blurred.filter = `blur(${blur}px)`;
  blurred.drawImage(core, 0, 0);
  return { canvas: soft, rect };
}

/** The stage node showing a stroke while it is drawn, composited as `commitStroke` will draw it. */
export function previewNode(style: StrokeStyle, stroke: RenderedStroke): Konva.Image {
  return new Konva.Image({
    image: stroke.canvas,
    ...stroke.rect,
    opacity: style.opacity,
    globalCompositeOperation: style.erase ? "destination-out" : "source-over",
    listening: false,
  });
}

export function updatePreview(node: Konva.Image, stroke: RenderedStroke): void {
  node.setAttrs({ image: stroke.canvas, ...stroke.rect });
}

/** Draws a finished stroke into the layer and records it for undo. */
export function commitStroke(layerId: string, style: StrokeStyle, stroke: RenderedStroke): void {
  drawIntoLayer(layerId, stroke.rect, (context) => {
    context.globalCompositeOperation = style.erase ? "destination-out" : "source-over";
    context.globalAlpha = style.opacity;
    context.drawImage(stroke.canvas, stroke.rect.x, stroke.rect.y);
  });
}

/** Runs `draw` (in the layer's space) on the layer's bitmap, grown to hold `rect`, as one undo step. */
export function drawIntoLayer(layerId: string, rect: Rect, draw: (context: CanvasRenderingContext2D) => void): void {
  if (rect.width <= 0 || rect.height <= 0) return;
  const before = bitmaps.read(layerId, rect);
  const pixels = bitmaps.ensure(layerId, rect);
  const context = context2d(pixels.canvas);
  context.save();
  context.translate(-pixels.rect.x, -pixels.rect.y);
  draw(context);
  context.restore();
  const after = bitmaps.read(layerId, rect);
  bitmaps.touch(layerId);
  useCanvasStore.getState().recordPixels(layerId, rect, before, after);
}
