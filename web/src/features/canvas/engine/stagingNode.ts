/** The staged result (or its live step preview) drawn over the box it was made for. */
import Konva from "konva";
import type { Rect } from "../lib/document";
import { imageUrl, loadImage } from "./bitmaps";

export class StagingNode {
  readonly layer = new Konva.Layer({ listening: false });
  private readonly image = new Konva.Image({ image: undefined, listening: false });
  private readonly frame = new Konva.Rect({ stroke: "#a78bfa", strokeWidth: 2, strokeScaleEnabled: false });
  private shown: string | null = null;

  constructor() {
    this.layer.add(this.image, this.frame);
    this.layer.visible(false);
  }

  /** Shows the stored image `name`, or a preview data URL, over `rect`; null hides the staging area. */
  show(rect: Rect | null, source: { name: string } | { dataUrl: string } | null): void {
    this.layer.visible(rect !== null);
    if (!rect) return void this.layer.batchDraw();
    this.frame.setAttrs(rect);
    const url = source === null ? null : "name" in source ? imageUrl(source.name) : source.dataUrl;
    if (url === this.shown) return void this.layer.batchDraw();
    this.shown = url;
    if (!url) {
      this.image.image(undefined);
      return void this.layer.batchDraw();
    }
    void loadImage(url).then((element) => {
      if (this.shown !== url) return;
      this.image.setAttrs({ image: element, ...rect });
      this.layer.batchDraw();
    });
  }
}
