/**
 * The canvas on screen, driven imperatively with Konva: the view (pan, zoom around the pointer, fit), the
 * layers' bitmaps, the bounding box, the staging area and the pointer gestures of the tools. It follows
 * the canvas store by subscription, so a stroke never re-renders React.
 */
import Konva from "konva";
import { useProgressStore } from "@/features/progress/store/progressStore";
import { boxForImage } from "../lib/bbox";
import { addLayer, findLayer, newRasterLayer, nextLayerName, type Rect, updateLayer } from "../lib/document";
import { union } from "../lib/geometry";
import { shownResult } from "../lib/staging";
import { fitView, type Point, toStage, type View, wheelFactor, zoomAt } from "../lib/view";
import { type CanvasState, useCanvasStore } from "../store/canvasStore";
import { BboxNode } from "./bboxNode";
import { bitmaps, imageUrl, loadImage } from "./bitmaps";
import { LayerNodes } from "./layerNodes";
import { StagingNode } from "./stagingNode";
import { TransformTool } from "./transformTool";
import { commitStroke, previewLine, type StrokeStyle, updatePreview } from "./strokes";

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
  | { kind: "stroke"; layerId: string; style: StrokeStyle; points: number[]; line: Konva.Line; origin: Point }
  | { kind: "move"; layerId: string; start: Point; origin: Point };

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
  private view: View = { x: 0, y: 0, scale: 1 };
  private gesture: Gesture | null = null;
  private spaceDown = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly container: HTMLDivElement,
    private readonly options: EngineOptions,
  ) {
    this.stage = new Konva.Stage({ container, width: container.clientWidth, height: container.clientHeight });
    this.layers = new LayerNodes(this.stage);
    this.bbox = new BboxNode(options.grid, options.onBox);
    this.transform = new TransformTool(this.layers);
    this.stage.add(this.staging.layer, this.bbox.layer, this.transform.layer);
    this.listen();
    const state = useCanvasStore.getState();
    this.layers.sync(state.doc.layers);
    this.renderAll(state);
    this.fit();
  }

  destroy(): void {
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
    useCanvasStore.getState().setScale(view.scale);
  }

  private renderAll(state: CanvasState, previous?: CanvasState): void {
    if (state.doc.layers !== previous?.doc.layers) {
      this.layers.sync(state.doc.layers);
      this.staging.layer.moveToTop();
      this.bbox.layer.moveToTop();
      this.transform.layer.moveToTop();
      this.transform.follow();
    }
    if (state.doc.bbox !== previous?.doc.bbox) this.renderBox();
    if (state.tool !== previous?.tool) this.applyTool(state);
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

  private applyTool(state: CanvasState): void {
    this.bbox.setEditable(state.tool === "bbox");
    const cursors: Record<string, string> = {
      brush: "none",
      eraser: "none",
      move: "move",
      view: "grab",
      bbox: "default",
    };
    this.container.style.cursor = cursors[state.tool] ?? "default";
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
    this.stage.on("pointermove", () => this.moveTo());
    this.stage.on("pointerleave", () => this.bbox.cursor.visible(false));
    const up = () => this.up();
    const keys = (event: KeyboardEvent) => this.space(event);
    const stopAutoscroll = (event: MouseEvent) => event.button === 1 && event.preventDefault();
    window.addEventListener("pointerup", up);
    window.addEventListener("keydown", keys);
    window.addEventListener("keyup", keys);
    this.container.addEventListener("mousedown", stopAutoscroll);
    const resize = new ResizeObserver(() => {
      this.stage.size({ width: this.container.clientWidth, height: this.container.clientHeight });
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

  private space(event: KeyboardEvent): void {
    if (event.key !== " " || typing(event.target)) return;
    event.preventDefault();
    this.spaceDown = event.type === "keydown";
    this.container.style.cursor = this.spaceDown ? "grab" : "";
    if (!this.spaceDown) this.applyTool(useCanvasStore.getState());
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    const pointer = this.stage.getPointerPosition();
    if (pointer) this.setView(zoomAt(this.view, pointer, wheelFactor(event.deltaY)));
  }

  private down(event: PointerEvent): void {
    const pointer = this.stage.getPointerPosition();
    const tool = useCanvasStore.getState().tool;
    if (!pointer) return;
    const panning = event.button === 1 || this.spaceDown || tool === "view";
    if (this.transform.active && !panning) return; // the handles and the dragged pixels take the pointer
    if (event.button === 1 || this.spaceDown || (tool === "view" && event.button === 0)) {
      this.gesture = { kind: "pan", start: pointer, view: this.view };
    } else if (event.button === 0 && (tool === "brush" || tool === "eraser")) {
      this.gesture = this.startStroke(toStage(this.view, pointer), tool === "eraser");
    } else if (event.button === 0 && tool === "move") {
      this.gesture = this.startMove(toStage(this.view, pointer));
    }
  }

  private startStroke(point: Point, erase: boolean): Gesture | null {
    const store = useCanvasStore.getState();
    let layer = findLayer(store.doc, store.doc.selectedLayerId);
    if (!layer) {
      layer = newRasterLayer(nextLayerName(store.doc, "raster"));
      store.change(addLayer(store.doc, layer));
    }
    if (!layer.visible || layer.locked) return null;
    const { size, color, opacity } = store.brush;
    const mask = layer.kind === "inpaint_mask" || layer.kind === "regional_guidance" ? layer : null;
    const style = { size, erase, color: mask ? mask.color : color, opacity: mask ? 1 : opacity };
    const points = [point.x - layer.x, point.y - layer.y];
    const line = previewLine(style, points);
    this.layers.node(layer.id)?.add(line);
    return { kind: "stroke", layerId: layer.id, style, points, line, origin: { x: layer.x, y: layer.y } };
  }

  private startMove(point: Point): Gesture | null {
    const { doc } = useCanvasStore.getState();
    const layer = findLayer(doc, doc.selectedLayerId);
    if (!layer || layer.locked) return null;
    return { kind: "move", layerId: layer.id, start: point, origin: { x: layer.x, y: layer.y } };
  }

  private moveTo(): void {
    const pointer = this.stage.getPointerPosition();
    if (!pointer) return;
    const point = toStage(this.view, pointer);
    this.showCursor(point);
    const gesture = this.gesture;
    if (gesture?.kind === "pan") {
      const { view, start } = gesture;
      this.setView({ ...view, x: view.x + pointer.x - start.x, y: view.y + pointer.y - start.y });
    } else if (gesture?.kind === "stroke") {
      gesture.points.push(point.x - gesture.origin.x, point.y - gesture.origin.y);
      updatePreview(gesture.line, gesture.points);
      gesture.line.getLayer()?.batchDraw();
    } else if (gesture?.kind === "move") {
      const x = Math.round(gesture.origin.x + point.x - gesture.start.x);
      const y = Math.round(gesture.origin.y + point.y - gesture.start.y);
      this.layers.node(gesture.layerId)?.position({ x, y });
      this.stage.batchDraw();
    }
  }

  private showCursor(point: Point): void {
    const { tool, brush } = useCanvasStore.getState();
    const painting = (tool === "brush" || tool === "eraser") && !this.spaceDown && !this.transform.active;
    this.bbox.cursor.setAttrs({ visible: painting, x: point.x, y: point.y, radius: brush.size / 2 });
    this.bbox.layer.batchDraw();
  }

  private up(): void {
    const gesture = this.gesture;
    this.gesture = null;
    if (gesture?.kind === "stroke") {
      commitStroke(gesture.layerId, gesture.style, gesture.points);
      gesture.line.destroy();
      this.layers.refresh(gesture.layerId);
    } else if (gesture?.kind === "move") {
      const node = this.layers.node(gesture.layerId);
      const store = useCanvasStore.getState();
      if (node && (node.x() !== gesture.origin.x || node.y() !== gesture.origin.y)) {
        store.change(updateLayer(store.doc, gesture.layerId, { x: node.x(), y: node.y() }));
      }
    }
  }
}
