/** One Konva layer per document layer, showing its bitmap; kept in the document's order and settings. */
import Konva from "konva";
import type { CanvasLayer } from "../lib/document";
import { bitmaps } from "./bitmaps";
import { MASK_SHOW } from "./paint";

interface LayerNode {
  layer: Konva.Layer;
  image: Konva.Image;
}

export class LayerNodes {
  private readonly nodes = new Map<string, LayerNode>();

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
      }
    }
    layers.forEach((layer, index) => {
      const node = this.nodes.get(layer.id) ?? this.create(layer.id);
      node.layer.setAttrs({ x: layer.x, y: layer.y, visible: layer.visible });
      const masked = layer.kind === "inpaint_mask" || layer.kind === "regional_guidance";
      const opacity = masked ? layer.opacity * MASK_SHOW : layer.opacity;
      node.layer.getNativeCanvasElement().style.opacity = String(opacity);
      node.layer.zIndex(index);
    });
    this.stage.batchDraw();
  }

  /** Shows the layer's current bitmap (after a stroke, an undo or a load). */
  refresh(layerId: string): void {
    const node = this.nodes.get(layerId);
    const pixels = bitmaps.get(layerId);
    if (!node) return;
    node.image.setAttrs(pixels ? { image: pixels.canvas, ...pixels.rect } : { image: undefined });
    node.layer.batchDraw();
  }

  /** Shows `image` over the layer's bitmap rectangle in place of its pixels (a filter's preview); null: the pixels. */
  preview(layerId: string, image: CanvasImageSource | null): void {
    const node = this.nodes.get(layerId);
    const pixels = bitmaps.get(layerId);
    if (!node || !pixels || !image) return this.refresh(layerId);
    node.image.setAttrs({ image, ...pixels.rect });
    node.layer.batchDraw();
  }

  private create(layerId: string): LayerNode {
    const layer = new Konva.Layer({ listening: false, imageSmoothingEnabled: false });
    const image = new Konva.Image({ image: undefined, listening: false });
    layer.add(image);
    this.stage.add(layer);
    const node = { layer, image };
    this.nodes.set(layerId, node);
    this.refresh(layerId);
    return node;
  }
}
