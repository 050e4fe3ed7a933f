/**
 * The pixel grid on the stage: one shape on its own non-listening layer that strokes the lines of the
 * visible area (from `pixelGridLines`) whenever the view changes, hidden below the grid's zoom.
 */
import Konva from "konva";
import { pixelGridLines } from "../lib/pixelGrid";
import type { View } from "../lib/view";

/** Dark and translucent: visible over light pixels, faint over dark ones, never hiding the colour. */
const LINE_COLOR = "rgba(0, 0, 0, 0.35)";

export class PixelGridNode {
  readonly layer = new Konva.Layer({ listening: false });
  private readonly shape: Konva.Shape;

  constructor() {
    this.shape = new Konva.Shape({ listening: false, visible: false, perfectDrawEnabled: false });
    this.layer.add(this.shape);
    this.layer.getNativeCanvasElement().dataset.testid = "canvas-pixel-grid";
  }

  /** Redraws the grid for `view` over a `width` × `height` stage; returns whether it shows. */
  update(view: View, width: number, height: number): boolean {
    const lines = pixelGridLines(view, width, height);
    this.shape.visible(lines !== null);
    if (lines) {
      this.shape.sceneFunc((context) => {
        const { area, xs, ys } = lines;
        context.beginPath();
        for (const x of xs) {
          context.moveTo(x, area.y);
          context.lineTo(x, area.y + area.height);
        }
        for (const y of ys) {
          context.moveTo(area.x, y);
          context.lineTo(area.x + area.width, y);
        }
        context.lineWidth = 1 / view.scale;
        context.strokeStyle = LINE_COLOR;
        context.stroke();
      });
    }
    this.layer.batchDraw();
    return lines !== null;
  }
}
