/**
 * One Konva layer per document layer, showing its bitmap; kept in the document's order and settings.
 * Zoomed out, each draws a reduced copy of its bitmap (`mipLevel`), so zooming over large layers stays cheap.
 * While the view moves, runs of layers that are not being edited draw as flattened images (`FlatRun`).
 */
import Konva from "konva";
import type { CanvasLayer } from "../lib/document";
import { mipLevel } from "../lib/mipLevel";
import { bitmaps } from "./bitmaps";
import { type FlatPart, FlatRun } from "./flatLayers";
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
  private order: readonly CanvasLayer[] = [];
  /** Flattened runs, by their layers' ids; kept between moves so an unchanged run is not flattened again. */
  private readonly flats = new Map<string, FlatRun>();
  /** While the view moves: the layers drawn by a flattened run instead of their own node. */
  private flattened: Set<string> | null = null;

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
    this.unflatten();
    this.order = layers;
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
      node.layer.getNativeCanvasElement().style.opacity = String(shownOpacity(layer));
      node.layer.zIndex(index);
      this.place(layer.id);
    });
    this.stage.batchDraw();
  }

  /** The zoom changed: past a halving, the layers draw from the copy of the resolution it needs. */
  setScale(scale: number): void {
    if (mipLevel(scale) === this.level) return;
    this.level = mipLevel(scale);
    for (const id of this.nodes.keys()) if (!this.flattened?.has(id)) this.place(id);
  }

  /**
   * The view starts moving (a wheel zoom, a pan): each run of two or more shown layers between the `live` ones
   * (being edited: strokes show on them) and the held one draws as one flattened image until `stopMoving`.
   */
  startMoving(live: readonly (string | null)[]): void {
    if (this.flattened) return;
    const keep = new Set([...live, this.held]);
    const runs = this.runs(keep);
    const level = Math.max(1, this.level);
    this.flattened = new Set(runs.flat());
    const used = new Set<string>();
    for (const run of runs) {
      const key = run.join(" ");
      const flat = this.flats.get(key) ?? new FlatRun();
      this.flats.set(key, flat);
      used.add(key);
      flat.show(
        run.map((id) => this.part(id, level)),
        2 ** -level,
      );
      const first = this.nodes.get(run[0] ?? "")?.layer;
      this.stage.add(flat.layer);
      if (first) flat.layer.zIndex(first.zIndex());
      for (const id of run) this.nodes.get(id)?.layer.visible(false);
    }
    for (const [key, flat] of this.flats) {
      if (used.has(key)) continue;
      flat.destroy();
      this.flats.delete(key);
    }
    this.stage.batchDraw();
  }

  /** The view stopped moving: every layer draws from its own node again. */
  stopMoving(): void {
    if (this.flattened) this.sync(this.order);
  }

  /** Shows the layer's current bitmap (after a stroke, an undo or a load). */
  refresh(layerId: string): void {
    if (this.flattened?.has(layerId)) this.stopMoving();
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
    this.stopMoving();
    this.held = layerId;
  }

  /** Runs of shown layers with pixels, bottom first, split by the `keep` layers; only runs of two or more. */
  private runs(keep: ReadonlySet<string | null>): string[][] {
    const runs: string[][] = [[]];
    for (const layer of this.order) {
      if (keep.has(layer.id)) runs.push([]);
      else if (layer.visible && bitmaps.get(layer.id) && this.nodes.has(layer.id)) runs.at(-1)?.push(layer.id);
    }
    return runs.filter((run) => run.length >= 2);
  }

  /** A layer as its node shows it, for flattening: its pixels at `level` (or its filter preview), placed. */
  private part(layerId: string, level: number): FlatPart {
    const layer = this.order.find((entry) => entry.id === layerId);
    const pixels = bitmaps.get(layerId);
    const node = this.nodes.get(layerId);
    if (!layer || !pixels || !node) throw new Error(`layer ${layerId} has no pixels to flatten`);
    const image = node.preview ?? this.mips.get(layerId, pixels, level);
    const rect = { ...pixels.rect, x: pixels.rect.x + layer.x, y: pixels.rect.y + layer.y };
    return { image, rect, opacity: shownOpacity(layer) };
  }

  /** Takes the flattened runs off the stage (their nodes are shown again by `sync`). */
  private unflatten(): void {
    if (!this.flattened) return;
    this.flattened = null;
    for (const flat of this.flats.values()) flat.layer.remove();
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

/** How opaque a layer shows: masks and regions at half their opacity, so what is under them stays visible. */
function shownOpacity(layer: CanvasLayer): number {
  const masked = layer.kind === "inpaint_mask" || layer.kind === "regional_guidance";
  return masked ? layer.opacity * MASK_SHOW : layer.opacity;
}
