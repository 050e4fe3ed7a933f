/**
 * The transform tool (InvokeAI's "Transform", Shift+T): handles around a layer's pixels to move, scale
 * and rotate them on the stage. Nothing changes in the layer until Apply bakes the shown transform into
 * its bitmap (resampled, one undo step); Cancel puts the pixels back as they were.
 */
import Konva from "konva";
import { findLayer, type Rect } from "../lib/document";
import { fitMatrix, type Matrix } from "../lib/transform";
import { useCanvasStore } from "../store/canvasStore";
import { bakeTransform, opaquePixels, refuse, transformRefusal } from "./layerCommands";
import type { LayerNodes } from "./layerNodes";

interface Session {
  layerId: string;
  node: Konva.Image;
  source: HTMLCanvasElement;
  /** Where the crop sat in the layer's space when the handles came up. */
  origin: { x: number; y: number };
}

export class TransformTool {
  readonly layer = new Konva.Layer();
  // Corners keep the aspect (Shift frees it) and rotation snaps to right angles, as in InvokeAI.
  private readonly transformer = new Konva.Transformer({
    keepRatio: true,
    rotateEnabled: true,
    rotationSnaps: [0, 90, 180, 270],
    rotationSnapTolerance: 6,
    flipEnabled: false,
    anchorSize: 10,
    borderStroke: "#60a5fa",
    anchorStroke: "#60a5fa",
  });
  private session: Session | null = null;

  constructor(private readonly nodes: LayerNodes) {
    this.layer.add(this.transformer);
  }

  get active(): boolean {
    return this.session !== null;
  }

  /** Puts handles around the layer's pixels, or says why it cannot (locked, empty). */
  start(layerId: string): void {
    if (this.session) this.cancel();
    const layer = findLayer(useCanvasStore.getState().doc, layerId);
    const refusal = transformRefusal(layer);
    const pixels = refusal ? null : opaquePixels(layerId);
    const node = this.nodes.image(layerId);
    if (!pixels || !node) return refuse(refusal ?? `“${layer?.name ?? "The layer"}” has no pixels to transform.`);
    this.nodes.hold(layerId);
    node.setAttrs({ image: pixels.canvas, ...pixels.rect, draggable: true, listening: true });
    node.getLayer()?.listening(true);
    this.transformer.nodes([node]);
    this.session = { layerId, node, source: pixels.canvas, origin: { x: pixels.rect.x, y: pixels.rect.y } };
    this.layer.moveToTop();
    this.layer.batchDraw();
    useCanvasStore.getState().setTransforming(layerId);
  }

  /** Bakes what the handles show into the layer's bitmap. */
  apply(): void {
    const session = this.end();
    if (!session) return;
    const m = session.node.getTransform().getMatrix() as Matrix; // the crop's pixels to the layer's space
    this.reset(session);
    const [a, b, c, d, e, f] = m;
    const moved = a !== 1 || b !== 0 || c !== 0 || d !== 1 || e !== session.origin.x || f !== session.origin.y;
    if (moved) bakeTransform(session.layerId, session.source, m); // untouched handles leave no undo step
  }

  cancel(): void {
    const session = this.end();
    if (session) this.reset(session);
  }

  /** Shows the pixels scaled to fill `box` (on the stage) keeping their aspect; Apply keeps it. */
  fit(box: Rect): void {
    const session = this.session;
    const layer = session && findLayer(useCanvasStore.getState().doc, session.layerId);
    if (!session || !layer) return;
    const m = fitMatrix(session.source, { ...box, x: box.x - layer.x, y: box.y - layer.y });
    session.node.position({ x: m[4], y: m[5] });
    session.node.scale({ x: m[0], y: m[3] });
    session.node.rotation(0);
    this.layer.batchDraw();
  }

  /** Ends the session if its layer left the document (deleted, an undo). */
  follow(): void {
    const session = this.session;
    if (session && !findLayer(useCanvasStore.getState().doc, session.layerId)) this.cancel();
  }

  /** Pixels changed under the handles (an undo from the toolbar): what they show is stale, so it cancels. */
  pixelsChanged(layerId: string): void {
    if (this.session?.layerId === layerId) this.cancel();
  }

  private end(): Session | null {
    const session = this.session;
    this.session = null;
    this.transformer.nodes([]);
    this.layer.batchDraw();
    if (session) useCanvasStore.getState().setTransforming(null);
    return session;
  }

  private reset(session: Session): void {
    session.node.draggable(false);
    session.node.listening(false);
    session.node.scale({ x: 1, y: 1 });
    session.node.rotation(0);
    session.node.getLayer()?.listening(false);
    this.nodes.hold(null);
    this.nodes.refresh(session.layerId);
  }
}
