/**
 * Runs of layers drawn as one flattened image while the view moves (a wheel zoom, a pan): a frame then draws
 * a few images instead of one per layer. On Chromium's software canvas 20 whole 4096² bitmaps cost about
 * 24 ms a frame from 100 % zoom up, one flattened image a twentieth of that. A flattened image is kept until
 * one of its layers' pixels, position, opacity or the run itself changes, so a burst after the first
 * costs nothing to start.
 */
import Konva from "konva";
import type { Rect } from "../lib/document";
import { union } from "../lib/geometry";

/** One layer of a run as it shows: what it draws, where in stage coordinates, how opaque. */
export interface FlatPart {
  image: CanvasImageSource;
  rect: Rect;
  opacity: number;
}

/** The largest side of a flattened image, in pixels (a run larger than this is flattened at a lower resolution). */
export const MAX_FLAT_SIDE = 4096;

function sameParts(a: readonly FlatPart[], b: readonly FlatPart[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((part, i) => {
    const other = b[i];
    if (!other || part.image !== other.image || part.opacity !== other.opacity) return false;
    const [r, s] = [part.rect, other.rect];
    return r.x === s.x && r.y === s.y && r.width === s.width && r.height === s.height;
  });
}

/** Draws `parts` (bottom first) into one canvas at `resolution` pixels per stage pixel, as the layers composite. */
function flatten(parts: readonly FlatPart[], bounds: Rect, resolution: number): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.ceil(bounds.width * resolution));
  canvas.height = Math.max(1, Math.ceil(bounds.height * resolution));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser gives no 2D canvas context");
  context.imageSmoothingEnabled = false;
  for (const { image, rect, opacity } of parts) {
    context.globalAlpha = opacity;
    const x = (rect.x - bounds.x) * resolution;
    const y = (rect.y - bounds.y) * resolution;
    context.drawImage(image, x, y, rect.width * resolution, rect.height * resolution);
  }
  return canvas;
}

/** A run's flattened image on its own Konva layer, put on the stage in the run's place while the view moves. */
export class FlatRun {
  readonly layer = new Konva.Layer({ listening: false, imageSmoothingEnabled: false });
  private readonly image = new Konva.Image({ image: undefined, listening: false });
  private parts: readonly FlatPart[] = [];
  private resolution = 0;

  constructor() {
    this.layer.add(this.image);
  }

  /** Shows `parts` flattened at `resolution` (1/2ⁿ), flattening them again only if they differ from last time. */
  show(parts: readonly FlatPart[], resolution: number): void {
    if (resolution === this.resolution && sameParts(parts, this.parts)) return;
    const first = parts[0];
    if (!first) throw new Error("a flattened run needs at least one layer");
    const bounds = parts.reduce((rect, part) => union(rect, part.rect), first.rect);
    let scale = resolution;
    while (Math.max(bounds.width, bounds.height) * scale > MAX_FLAT_SIDE) scale /= 2;
    this.image.setAttrs({ image: flatten(parts, bounds, scale), ...bounds });
    this.parts = parts;
    this.resolution = resolution;
  }

  destroy(): void {
    this.layer.destroy();
  }
}
