/**
 * Reduced copies of layer bitmaps for drawing zoomed out (level n: 1/2ⁿ resolution), made on first use
 * from the level above and dropped when the bitmap's version changes.
 */
import type { LayerPixels } from "./bitmaps";

interface Chain {
  version: number;
  canvas: HTMLCanvasElement;
  levels: HTMLCanvasElement[];
}

function half(source: HTMLCanvasElement): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.ceil(source.width / 2));
  canvas.height = Math.max(1, Math.ceil(source.height / 2));
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser gives no 2D canvas context");
  context.imageSmoothingQuality = "medium";
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

export class MipCache {
  private readonly chains = new Map<string, Chain>();

  /** The layer's pixels at `level` (0: the bitmap itself). */
  get(layerId: string, pixels: LayerPixels, level: number): HTMLCanvasElement {
    if (level === 0) return pixels.canvas;
    let chain = this.chains.get(layerId);
    if (!chain || chain.version !== pixels.version || chain.canvas !== pixels.canvas) {
      chain = { version: pixels.version, canvas: pixels.canvas, levels: [pixels.canvas] };
      this.chains.set(layerId, chain);
    }
    while (chain.levels.length <= level)
      chain.levels.push(half(chain.levels[chain.levels.length - 1] ?? pixels.canvas));
    return chain.levels[level] ?? pixels.canvas;
  }

  drop(layerId: string): void {
    this.chains.delete(layerId);
  }
}
