/**
 * Layer pixels, kept out of React and out of the document: one HTML canvas per layer, placed at `rect` in
 * the layer's space, grown as paint leaves it. Each change bumps `version`; persistence uploads a bitmap
 * whose version differs from the one it last saved, and remembers the stored image that holds it.
 */
import type { Bitmap, Rect } from "../lib/document";
import { coverRect } from "../lib/geometry";

export interface LayerPixels {
  canvas: HTMLCanvasElement;
  rect: Rect;
  version: number;
  saved: { version: number; bitmap: Bitmap } | null;
}

type Listener = (layerId: string) => void;

/** A copy of a layer's whole bitmap (or null: it had none), for undo steps that replace pixels wholesale. */
export type PixelSnapshot = { canvas: HTMLCanvasElement; rect: Rect } | null;

function blankCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

export function context2d(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("this browser gives no 2D canvas context");
  return context;
}

export class BitmapStore {
  private readonly layers = new Map<string, LayerPixels>();
  private readonly listeners = new Set<Listener>();

  get(layerId: string): LayerPixels | null {
    return this.layers.get(layerId) ?? null;
  }

  /** The layer's pixels, grown (keeping what they hold) so that `needed` lies inside. */
  ensure(layerId: string, needed: Rect): LayerPixels {
    const current = this.layers.get(layerId) ?? null;
    const rect = coverRect(current?.rect ?? null, needed);
    if (current && rect === current.rect) return current;
    const canvas = blankCanvas(rect.width, rect.height);
    if (current) context2d(canvas).drawImage(current.canvas, current.rect.x - rect.x, current.rect.y - rect.y);
    const pixels: LayerPixels = { canvas, rect, version: current?.version ?? 0, saved: current?.saved ?? null };
    this.layers.set(layerId, pixels);
    return pixels;
  }

  /** Puts an image as the layer's whole bitmap; `saved` names the stored image it came from, if any. */
  setImage(layerId: string, image: CanvasImageSource, rect: Rect, saved: Bitmap | null): void {
    const canvas = blankCanvas(rect.width, rect.height);
    context2d(canvas).drawImage(image, 0, 0);
    const version = (this.layers.get(layerId)?.version ?? 0) + 1;
    this.layers.set(layerId, { canvas, rect, version, saved: saved ? { version, bitmap: saved } : null });
    this.notify(layerId);
  }

  /** Records that the pixels changed (after drawing into `canvas`). */
  touch(layerId: string): void {
    const pixels = this.layers.get(layerId);
    if (pixels) pixels.version += 1;
    this.notify(layerId);
  }

  markSaved(layerId: string, version: number, bitmap: Bitmap): void {
    const pixels = this.layers.get(layerId);
    if (pixels) pixels.saved = { version, bitmap };
  }

  /** The pixels of `rect` (layer space; inside the bitmap). */
  read(layerId: string, rect: Rect): ImageData {
    const pixels = this.ensure(layerId, rect);
    return context2d(pixels.canvas).getImageData(
      rect.x - pixels.rect.x,
      rect.y - pixels.rect.y,
      rect.width,
      rect.height,
    );
  }

  write(layerId: string, rect: Rect, data: ImageData): void {
    const pixels = this.ensure(layerId, rect);
    context2d(pixels.canvas).putImageData(data, rect.x - pixels.rect.x, rect.y - pixels.rect.y);
    this.touch(layerId);
  }

  /** A copy of the layer's pixels that later drawing leaves alone. */
  snapshot(layerId: string): PixelSnapshot {
    const pixels = this.layers.get(layerId);
    if (!pixels) return null;
    const canvas = blankCanvas(pixels.rect.width, pixels.rect.height);
    context2d(canvas).drawImage(pixels.canvas, 0, 0);
    return { canvas, rect: pixels.rect };
  }

  /** Puts a snapshot back as the layer's pixels (null: the layer has none); they save as a new image. */
  restore(layerId: string, snapshot: PixelSnapshot): void {
    if (snapshot) return this.setImage(layerId, snapshot.canvas, snapshot.rect, null);
    if (!this.layers.delete(layerId)) return;
    this.notify(layerId);
  }

  ids(): string[] {
    return [...this.layers.keys()];
  }

  clear(): void {
    const ids = this.ids();
    this.layers.clear();
    for (const id of ids) this.notify(id);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(layerId: string): void {
    for (const listener of this.listeners) listener(layerId);
  }
}

/** The page's one store of layer pixels. */
export const bitmaps = new BitmapStore();

/** Loads a stored image (same origin, so its pixels can be read). */
export function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`the image ${url} could not be loaded`));
    image.src = url;
  });
}

export function imageUrl(name: string): string {
  return `/api/v1/images/${encodeURIComponent(name)}/full`;
}
