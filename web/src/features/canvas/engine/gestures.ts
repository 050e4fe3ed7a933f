/**
 * The painting gestures of the brush, eraser and rectangle tools: started on pointer down, previewed on the
 * stage while the pointer moves, and drawn into the layer (one undo step) when it is released.
 */
import Konva from "konva";
import type { Rect } from "../lib/document";
import { dragRect, pressureSize } from "../lib/tools";
import type { Point } from "../lib/view";
import { useCanvasStore } from "../store/canvasStore";
import { commitRect, type Paint, paintTarget } from "./paint";
import { commitStroke, previewNode, renderStroke, type StrokePath, type StrokeStyle, updatePreview } from "./strokes";

export interface StrokeGesture {
  kind: "stroke";
  layerId: string;
  style: StrokeStyle;
  path: StrokePath;
  node: Konva.Image;
  origin: Point;
  /** The animation frame that redraws the preview, while one is pending. */
  frame: number | null;
}

export interface RectGesture {
  kind: "rect";
  paint: Paint;
  /** Where the drag began, in the layer's space. */
  start: Point;
  /** The rectangle dragged so far, in the layer's space. */
  rect: Rect;
  node: Konva.Rect;
}

/** The pointer's pressure where it is a pen and the brush follows pressure; null otherwise. */
function penPressure(event: PointerEvent | MouseEvent): number | null {
  const pen = "pointerType" in event && event.pointerType === "pen";
  return pen && useCanvasStore.getState().brush.pressure ? event.pressure : null;
}

export function startStroke(
  layer: (id: string) => Konva.Layer | null,
  point: Point,
  event: PointerEvent | MouseEvent,
  erase: boolean,
): StrokeGesture | null {
  const { brush } = useCanvasStore.getState();
  const paint = paintTarget(brush);
  if (!paint) return null;
  const style = { color: paint.color, opacity: paint.opacity, erase, hardness: brush.hardness };
  const origin = { x: paint.layer.x, y: paint.layer.y };
  const path = {
    points: [point.x - origin.x, point.y - origin.y],
    sizes: [pressureSize(brush.size, penPressure(event))],
  };
  const node = previewNode(style, renderStroke(style, path));
  layer(paint.layer.id)?.add(node);
  node.getLayer()?.batchDraw();
  return { kind: "stroke", layerId: paint.layer.id, style, path, node, origin, frame: null };
}

export function extendStroke(gesture: StrokeGesture, point: Point, event: PointerEvent | MouseEvent): void {
  const { brush } = useCanvasStore.getState();
  gesture.path.points.push(point.x - gesture.origin.x, point.y - gesture.origin.y);
  gesture.path.sizes.push(pressureSize(brush.size, penPressure(event)));
  if (gesture.frame !== null) return;
  gesture.frame = requestAnimationFrame(() => {
    gesture.frame = null;
    updatePreview(gesture.node, renderStroke(gesture.style, gesture.path));
    gesture.node.getLayer()?.batchDraw();
  });
}

export function endStroke(gesture: StrokeGesture): void {
  if (gesture.frame !== null) cancelAnimationFrame(gesture.frame);
  commitStroke(gesture.layerId, gesture.style, renderStroke(gesture.style, gesture.path));
  gesture.node.destroy();
}

export function startRect(layer: (id: string) => Konva.Layer | null, point: Point): RectGesture | null {
  const paint = paintTarget(useCanvasStore.getState().brush);
  if (!paint) return null;
  const start = { x: point.x - paint.layer.x, y: point.y - paint.layer.y };
  const rect = dragRect(start, start, false);
  const node = new Konva.Rect({ ...rect, fill: paint.color, opacity: paint.opacity, listening: false });
  layer(paint.layer.id)?.add(node);
  return { kind: "rect", paint, start, rect, node };
}

/** Follows the pointer (a stage point); `square` (Shift) keeps the sides equal. */
export function extendRect(gesture: RectGesture, point: Point, square: boolean): void {
  const end = { x: point.x - gesture.paint.layer.x, y: point.y - gesture.paint.layer.y };
  gesture.rect = dragRect(gesture.start, end, square);
  gesture.node.setAttrs(gesture.rect);
  gesture.node.getLayer()?.batchDraw();
}

export function endRect(gesture: RectGesture): void {
  gesture.node.destroy();
  commitRect(gesture.paint, gesture.rect);
}
