/**
 * One Konva layer per document layer, showing its bitmap; kept in the document's order and settings.
 * Zoomed out, each draws a reduced copy of its bitmap (`mipLevel`), so zooming over large layers stays cheap.
 */
import Konva from "konva";
import type { CanvasLayer } from "../lib/document";
import { mipLevel } from "../lib/mipLevel";
import { bitmaps } from "./bitmaps";
import { MipCache } from "./mips";
import { MASK_SHOW } from "./paint";

interface LayerNode {
  layer: Konva.Layer;
  image: Konva.Image;
  /** A filter's result shown in place of the pixels (drawn whole). */
  preview: CanvasImageSource | null;
}

export class LayerNodes {
  private readonly nodes = new Map<string, LayerNode>();
  private readonly mips = new MipCache();
  private held: string | null = null;
  private level = 0;

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

  /** The zoom changed: past a halving, the layers draw from the copy of the resolution it needs. */
  setScale(scale: number): void {
    if (mipLevel(scale) === this.level) return;
    this.level = mipLevel(scale);
    for (const id of this.nodes.keys()) this.place(id);
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

  /** A layer under the transform handles shows its full bitmap as the handles place it: left alone until released. */
  hold(layerId: string | null): void {
    this.held = layerId;
  }

  private place(layerId: string): void {
    const node = this.nodes.get(layerId);
    const pixels = bitmaps.get(layerId);
    if (!node || layerId === this.held) return;
    if (!pixels) return void node.image.setAttrs({ image: undefined });
    const image = node.preview ?? this.mips.get(layerId, pixels, this.level);
    node.image.setAttrs({ image, ...pixels.rect });
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
