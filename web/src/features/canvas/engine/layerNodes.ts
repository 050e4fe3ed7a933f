/**
 * One Konva layer per document layer, showing its bitmap; kept in the document's order and settings.
 * Each draws only the part of its bitmap on screen, from a reduced copy when zoomed out (`visibleCrop`),
 * so panning and zooming over large layers stays cheap.
 */
import Konva from "konva";
import type { CanvasLayer, Rect } from "../lib/document";
import { mipLevel, visibleCrop } from "../lib/visibleCrop";
import { bitmaps } from "./bitmaps";
import { MipCache } from "./mips";
import { MASK_SHOW } from "./paint";

interface LayerNode {
  layer: Konva.Layer;
  image: Konva.Image;
  /** A filter's result shown in place of the pixels (drawn whole). */
  preview: CanvasImageSource | null;
}

export interface Viewport {
  scale: number;
  /** The stage rectangle on screen. */
  visible: Rect;
}

export class LayerNodes {
  private readonly nodes = new Map<string, LayerNode>();
  private readonly mips = new MipCache();
  private viewport: Viewport | null = null;

  constructor(private readonly stage: Konva.Stage) {}

  node(layerId: string): Konva.Layer | null {
    return this.nodes.get(layerId)?.layer ?? null;
  }

  /** The image showing the layer's bitmap (the transform tool puts handles on it). */
  image(layerId: string): Konva.Image | null {
    return this.nodes.get(layerId)?.image ?? null;
  }

  /** Creates, updates, orders and removes nodes to match `layers` (bottom first). */
  sync(layers: readonly CanvasLayer[]): void {
    const ids = new Set(layers.map((layer) => layer.id));
    for (const [id, node] of this.nodes) {
      if (!ids.has(id)) {
        node.layer.destroy();
        this.nodes.delete(id);
        this.mips.drop(id);
      }
    }
    layers.forEach((layer, index) => {
      const node = this.nodes.get(layer.id) ?? this.create(layer.id);
      node.layer.setAttrs({ x: layer.x, y: layer.y, visible: layer.visible });
      const masked = layer.kind === "inpaint_mask" || layer.kind === "regional_guidance";
      const opacity = masked ? layer.opacity * MASK_SHOW : layer.opacity;
      node.layer.getNativeCanvasElement().style.opacity = String(opacity);
      node.layer.zIndex(index);
      this.place(layer.id);
    });
    this.stage.batchDraw();
  }

  /** The view changed: each layer draws the part of its bitmap now on screen. */
  setViewport(viewport: Viewport): void {
    this.viewport = viewport;
    for (const id of this.nodes.keys()) this.place(id);
  }

  /** Re-crops one layer (after the move tool shifted it). */
  replace(layerId: string): void {
    this.place(layerId);
  }

  /** Shows the layer's current bitmap (after a stroke, an undo or a load). */
  refresh(layerId: string): void {
    const node = this.nodes.get(layerId);
    if (!node) return;
    this.place(layerId);
    node.layer.batchDraw();
  }

  /** Shows `image` over the layer's bitmap rectangle in place of its pixels (a filter's preview); null: the pixels. */
  preview(layerId: string, image: CanvasImageSource | null): void {
    const node = this.nodes.get(layerId);
    if (!node) return;
    node.preview = bitmaps.get(layerId) ? image : null;
    this.refresh(layerId);
  }

  private place(layerId: string): void {
    const node = this.nodes.get(layerId);
    const pixels = bitmaps.get(layerId);
    if (!node) return;
    if (!pixels) return void node.image.setAttrs({ image: undefined, crop: undefined });
    if (node.preview) return void node.image.setAttrs({ image: node.preview, crop: undefined, ...pixels.rect });
    const viewport = this.viewport;
    const level = viewport ? mipLevel(viewport.scale) : 0;
    const visible = viewport
      ? { ...viewport.visible, x: viewport.visible.x - node.layer.x(), y: viewport.visible.y - node.layer.y() }
      : pixels.rect;
    const part = visibleCrop(pixels.rect, visible, level);
    if (!part) return void node.image.visible(false);
    const image = this.mips.get(layerId, pixels, level);
    node.image.setAttrs({ visible: true, image, crop: part.crop, ...part.dest });
  }

  private create(layerId: string): LayerNode {
    const layer = new Konva.Layer({ listening: false, imageSmoothingEnabled: false });
    const image = new Konva.Image({ image: undefined, listening: false });
    layer.add(image);
    this.stage.add(layer);
    const node = { layer, image, preview: null };
    this.nodes.set(layerId, node);
    this.refresh(layerId);
    return node;
  }
}
