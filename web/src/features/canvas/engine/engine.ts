/**
 * The canvas on screen, driven imperatively with Konva: the view (pan, zoom around the pointer, fit), the
 * layers' bitmaps, the bounding box, the staging area and the pointer gestures of the tools. It follows
 * the canvas store by subscription, so a stroke never re-renders React.
 */
import Konva from "konva";
import { useProgressStore } from "@/features/progress/store/progressStore";
import { boxForImage } from "../lib/bbox";
import { findLayer, type Rect, updateLayer } from "../lib/document";
import { union } from "../lib/geometry";
import { shownResult } from "../lib/staging";
import { activeTool, type Tool } from "../lib/tools";
import { fitView, type Point, toStage, type View, wheelFactor, zoomAt } from "../lib/view";
import { type CanvasState, useCanvasStore } from "../store/canvasStore";
import { BboxNode } from "./bboxNode";
import { bitmaps, imageUrl, loadImage } from "./bitmaps";
import { LayerNodes } from "./layerNodes";
import { PixelGridNode } from "./pixelGridNode";
import { StagingNode } from "./stagingNode";
import {
  endRect,
  endStroke,
  extendRect,
  extendStroke,
  type RectGesture,
  startRect,
  startStroke,
  type StrokeGesture,
} from "./gestures";
import { fillAt, paintTarget, pickColor } from "./paint";
import { TransformTool } from "./transformTool";

export interface EngineOptions {
  /** The model's size grid, for the box's sides. */
  grid(): number;
  /** The box's size: the Generate panel's width and height. */
  boxSize(): { width: number; height: number };
  /** The box was moved or resized on the stage (already snapped). */
  onBox(rect: Rect): void;
}

type Gesture =
  | { kind: "pan"; start: Point; view: View }
  | StrokeGesture
  | RectGesture
  | { kind: "pick" }
  | { kind: "move"; layerId: string; start: Point; origin: Point };

/** A wheel zoom ends this long after its last notch. */
const ZOOM_SETTLES_MS = 200;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export class CanvasEngine {
  readonly stage: Konva.Stage;
  private readonly layers: LayerNodes;
  private readonly bbox: BboxNode;
  private readonly staging = new StagingNode();
  /** Handles on a layer's pixels to move, scale and rotate them (Shift+T). */
  readonly transform: TransformTool;
  private readonly grid = new PixelGridNode();
  private view: View = { x: 0, y: 0, scale: 1 };
  private gesture: Gesture | null = null;
  private spaceDown = false;
  /** Alt is held: the brush, rectangle and fill pick colours meanwhile. */
  private altDown = false;
  /** The stage point last under the pointer, for a rectangle that Shift squares before the pointer moves. */
  private lastPoint: Point = { x: 0, y: 0 };
  private readonly cleanups: (() => void)[] = [];
  /** Ends a wheel zoom a moment after its last notch. */
  private zoomEnd: number | undefined;

  constructor(
    private readonly container: HTMLDivElement,
    private readonly options: EngineOptions,
  ) {
    this.stage = new Konva.Stage({ container, width: container.clientWidth, height: container.clientHeight });
    this.layers = new LayerNodes(this.stage);
    this.bbox = new BboxNode(options.grid, options.onBox);
    this.transform = new TransformTool(this.layers);
    this.stage.add(this.staging.layer, this.grid.layer, this.bbox.layer, this.transform.layer);
    this.listen();
    const state = useCanvasStore.getState();
    this.layers.sync(state.doc.layers);
    this.renderAll(state);
    this.fit();
  }

  destroy(): void {
    window.clearTimeout(this.zoomEnd);
    for (const cleanup of this.cleanups) cleanup();
    this.stage.destroy();
  }

  /** The box in stage coordinates. */
  box(): Rect {
    return { ...useCanvasStore.getState().doc.bbox, ...this.options.boxSize() };
  }

  renderBox(): void {
    this.bbox.show(this.box());
  }

  /** Shows the box and every layer's pixels whole. */
  fit(): void {
    let rect = this.box();
    for (const layer of useCanvasStore.getState().doc.layers) {
      const pixels = bitmaps.get(layer.id);
      if (pixels && layer.visible)
        rect = union(rect, { ...pixels.rect, x: pixels.rect.x + layer.x, y: pixels.rect.y + layer.y });
    }
    this.setView(fitView(rect, this.stage.width(), this.stage.height()));
  }

  /** Moves and sizes the box onto an image (on the model's grid), then shows it all. */
  fitBoxTo(image: Rect): void {
    this.options.onBox(boxForImage(image, this.options.grid()));
    this.fit();
  }

  /** The stage point under a client (window) position, for drops. */
  stagePointAt(clientX: number, clientY: number): Point {
    const bounds = this.container.getBoundingClientRect();
    return toStage(this.view, { x: clientX - bounds.left, y: clientY - bounds.top });
  }

  private setView(view: View): void {
    this.view = view;
    this.stage.setAttrs({ x: view.x, y: view.y, scaleX: view.scale, scaleY: view.scale });
    this.stage.batchDraw();
    this.container.dataset.view = `${view.x},${view.y},${view.scale}`; // where stage points are on screen
    this.renderViewport();
    useCanvasStore.getState().setScale(view.scale);
  }

  /** What depends on the view beyond the stage's transform: the layers' resolution and the pixel grid. */
  private renderViewport(): void {
    this.layers.setScale(this.view.scale);
    this.renderGrid();
  }

  private renderGrid(): void {
    const shown = this.grid.update(this.view, this.stage.width(), this.stage.height());
    this.container.dataset.pixelGrid = shown ? "shown" : "hidden";
  }

  private renderAll(state: CanvasState, previous?: CanvasState): void {
    if (state.doc.layers !== previous?.doc.layers) {
      this.layers.sync(state.doc.layers);
      this.staging.layer.moveToTop();
      this.grid.layer.moveToTop();
      this.bbox.layer.moveToTop();
      this.transform.layer.moveToTop();
      this.transform.follow();
    }
    if (state.doc.bbox !== previous?.doc.bbox) this.renderBox();
    if (state.tool !== previous?.tool) this.applyTool();
    if (state.staging !== previous?.staging) this.renderStaging();
    if (state.filterPreview !== previous?.filterPreview) this.renderFilterPreview(state, previous);
  }

  private renderFilterPreview(state: CanvasState, previous?: CanvasState): void {
    const before = previous?.filterPreview;
    if (before && before.layerId !== state.filterPreview?.layerId) this.layers.preview(before.layerId, null);
    const shown = state.filterPreview;
    if (!shown) return;
    loadImage(imageUrl(shown.imageName)).then(
      (image) => useCanvasStore.getState().filterPreview === shown && this.layers.preview(shown.layerId, image),
      () => this.layers.preview(shown.layerId, null),
    );
  }

  private applyTool(): void {
    const { tool } = useCanvasStore.getState();
    this.bbox.setEditable(tool === "bbox");
    const cursors: Record<Tool, string> = {
      brush: "none",
      eraser: "none",
      rect: "crosshair",
      fill: "cell",
      picker: "crosshair",
      move: "move",
      view: "grab",
      bbox: "default",
    };
    this.container.style.cursor = this.spaceDown ? "grab" : cursors[activeTool(tool, this.altDown)];
  }

  private renderStaging(): void {
    const result = shownResult(useCanvasStore.getState().staging);
    if (!result) return this.staging.show(null, null);
    const preview = useProgressStore.getState().items[result.itemId]?.preview;
    const source = result.imageName ? { name: result.imageName } : preview ? { dataUrl: preview.dataUrl } : null;
    this.staging.show(result.rect, source);
  }

  private listen(): void {
    this.cleanups.push(useCanvasStore.subscribe((state, previous) => this.renderAll(state, previous)));
    this.cleanups.push(useProgressStore.subscribe(() => this.renderStaging()));
    this.cleanups.push(
      bitmaps.subscribe((layerId) => {
        this.transform.pixelsChanged(layerId);
        this.layers.refresh(layerId);
      }),
    );
    this.stage.on("wheel", (event) => this.wheel(event.evt));
    this.stage.on("pointerdown", (event) => this.down(event.evt));
    this.stage.on("pointermove", (event) => this.moveTo(event.evt));
    this.stage.on("pointerleave", () => this.bbox.cursor.visible(false));
    const up = () => this.up();
    const keys = (event: KeyboardEvent) => this.modifier(event);
    const stopAutoscroll = (event: MouseEvent) => event.button === 1 && event.preventDefault();
    window.addEventListener("pointerup", up);
    window.addEventListener("keydown", keys);
    window.addEventListener("keyup", keys);
    this.container.addEventListener("mousedown", stopAutoscroll);
    const resize = new ResizeObserver(() => {
      this.stage.size({ width: this.container.clientWidth, height: this.container.clientHeight });
      this.renderViewport();
    });
    resize.observe(this.container);
    this.cleanups.push(() => {
      window.removeEventListener("pointerup", up);
      window.removeEventListener("keydown", keys);
      window.removeEventListener("keyup", keys);
      this.container.removeEventListener("mousedown", stopAutoscroll);
      resize.disconnect();
    });
  }

  /** Space pans while held; Alt picks colours while held; Shift squares a rectangle. */
  private modifier(event: KeyboardEvent): void {
    if (event.key === "Shift" && this.gesture?.kind === "rect") {
      extendRect(this.gesture, this.lastPoint, event.type === "keydown");
    } else if (event.key === "Alt") {
      this.altDown = event.type === "keydown";
      const picks = activeTool(useCanvasStore.getState().tool, true) === "picker";
      if (picks && !typing(event.target)) event.preventDefault(); // no menu bar in Firefox
    } else if (event.key === " " && !typing(event.target)) {
      event.preventDefault();
      this.spaceDown = event.type === "keydown";
    } else return;
    this.applyTool();
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    const pointer = this.stage.getPointerPosition();
    if (!pointer) return;
    this.layers.startMoving([useCanvasStore.getState().doc.selectedLayerId]);
    window.clearTimeout(this.zoomEnd);
    this.zoomEnd = window.setTimeout(() => this.settle(), ZOOM_SETTLES_MS);
    this.setView(zoomAt(this.view, pointer, wheelFactor(event.deltaY)));
  }

  /** The view stopped moving: layers draw from their own nodes again (unless a pan goes on). */
  private settle(): void {
    this.zoomEnd = undefined;
    if (this.gesture?.kind !== "pan") this.layers.stopMoving();
  }

  private down(event: PointerEvent): void {
    const pointer = this.stage.getPointerPosition();
    const tool = activeTool(useCanvasStore.getState().tool, event.altKey);
    if (!pointer) return;
    const panning = event.button === 1 || this.spaceDown || tool === "view";
    if (this.transform.active && !panning) return; // the handles and the dragged pixels take the pointer
    if (event.button === 1 || this.spaceDown || (tool === "view" && event.button === 0)) {
      this.gesture = { kind: "pan", start: pointer, view: this.view };
      this.layers.startMoving([useCanvasStore.getState().doc.selectedLayerId]);
    } else if (event.button === 0) {
      this.layers.stopMoving(); // the tool may edit another layer than the one kept live
      this.gesture = this.startTool(tool, toStage(this.view, pointer), event);
    }
  }

  private startTool(tool: Tool, point: Point, event: PointerEvent): Gesture | null {
    const layer = (id: string) => this.layers.node(id);
    if (tool === "brush" || tool === "eraser") return startStroke(layer, point, event, tool === "eraser");
    if (tool === "rect") return startRect(layer, point);
    if (tool === "move") return this.startMove(point);
    if (tool === "picker") return this.pick(point);
    const { brush } = useCanvasStore.getState();
    const paint = tool === "fill" ? paintTarget(brush) : null;
    if (paint) fillAt(paint, point, this.box(), brush.tolerance);
    return null;
  }

  /** Takes the colour under the pointer as the brush's; dragging keeps picking. */
  private pick(point: Point): Gesture {
    const store = useCanvasStore.getState();
    const color = pickColor(store.doc, point);
    if (color && color !== store.brush.color) store.setBrush({ color });
    return { kind: "pick" };
  }

  private startMove(point: Point): Gesture | null {
    const { doc } = useCanvasStore.getState();
    const layer = findLayer(doc, doc.selectedLayerId);
    if (!layer || layer.locked) return null;
    return { kind: "move", layerId: layer.id, start: point, origin: { x: layer.x, y: layer.y } };
  }

  private moveTo(event: PointerEvent | MouseEvent): void {
    const pointer = this.stage.getPointerPosition();
    if (!pointer) return;
    const point = toStage(this.view, pointer);
    this.lastPoint = point;
    if (event.altKey !== this.altDown) {
      this.altDown = event.altKey; // Alt may have been pressed or let go outside the page
      this.applyTool();
    }
    this.showCursor(point);
    const gesture = this.gesture;
    if (gesture?.kind === "pan") {
      const { view, start } = gesture;
      this.setView({ ...view, x: view.x + pointer.x - start.x, y: view.y + pointer.y - start.y });
    } else if (gesture?.kind === "stroke") {
      extendStroke(gesture, point, event);
    } else if (gesture?.kind === "rect") {
      extendRect(gesture, point, event.shiftKey);
    } else if (gesture?.kind === "pick") {
      this.pick(point);
    } else if (gesture?.kind === "move") {
      const x = Math.round(gesture.origin.x + point.x - gesture.start.x);
      const y = Math.round(gesture.origin.y + point.y - gesture.start.y);
      this.layers.node(gesture.layerId)?.position({ x, y });
      this.stage.batchDraw();
    }
  }

  private showCursor(point: Point): void {
    const { tool, brush } = useCanvasStore.getState();
    const current = activeTool(tool, this.altDown);
    const painting = (current === "brush" || current === "eraser") && !this.spaceDown && !this.transform.active;
    this.bbox.cursor.setAttrs({ visible: painting, x: point.x, y: point.y, radius: brush.size / 2 });
    this.bbox.layer.batchDraw();
  }

  private up(): void {
    const gesture = this.gesture;
    this.gesture = null;
    if (gesture?.kind === "pan" && this.zoomEnd === undefined) this.layers.stopMoving();
    if (gesture?.kind === "stroke") {
      endStroke(gesture);
      this.layers.refresh(gesture.layerId);
    } else if (gesture?.kind === "rect") {
      endRect(gesture);
      this.layers.refresh(gesture.paint.layer.id);
    } else if (gesture?.kind === "move") {
      const node = this.layers.node(gesture.layerId);
      const store = useCanvasStore.getState();
      if (node && (node.x() !== gesture.origin.x || node.y() !== gesture.origin.y)) {
        store.change(updateLayer(store.doc, gesture.layerId, { x: node.x(), y: node.y() }));
      }
    }
  }
}
