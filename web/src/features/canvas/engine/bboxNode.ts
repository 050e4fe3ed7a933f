/** The bounding box on the stage: a dashed frame, dragged and resized with the bbox tool, sides on the grid. */
import Konva from "konva";
import { snapBox } from "../lib/bbox";
import type { Rect } from "../lib/document";

export class BboxNode {
  readonly layer = new Konva.Layer();
  private readonly rect = new Konva.Rect({
    stroke: "#e2e8f0",
    strokeWidth: 1,
    dash: [6, 4],
    strokeScaleEnabled: false,
    fill: "rgba(0,0,0,0)",
    name: "bbox",
  });
  private readonly transformer = new Konva.Transformer({
    rotateEnabled: false,
    flipEnabled: false,
    keepRatio: false,
    ignoreStroke: true,
    anchorSize: 10,
    borderEnabled: false,
  });
  readonly cursor = new Konva.Circle({ stroke: "#fff", strokeWidth: 1, strokeScaleEnabled: false, listening: false });

  constructor(
    private readonly grid: () => number,
    private readonly onChange: (rect: Rect) => void,
  ) {
    this.layer.add(this.rect, this.transformer, this.cursor);
    this.cursor.visible(false);
    const done = () => this.finish();
    this.rect.on("dragend", done);
    this.rect.on("transformend", done);
  }

  show(rect: Rect): void {
    this.rect.setAttrs({ ...rect, scaleX: 1, scaleY: 1 });
    this.layer.batchDraw();
  }

  /** The bbox tool makes the frame draggable and shows its handles. */
  setEditable(editable: boolean): void {
    this.rect.draggable(editable);
    this.rect.listening(editable);
    this.transformer.nodes(editable ? [this.rect] : []);
    this.layer.batchDraw();
  }

  private finish(): void {
    const rect = snapBox(
      {
        x: this.rect.x(),
        y: this.rect.y(),
        width: this.rect.width() * this.rect.scaleX(),
        height: this.rect.height() * this.rect.scaleY(),
      },
      this.grid(),
    );
    this.show(rect);
    this.onChange(rect);
  }
}
