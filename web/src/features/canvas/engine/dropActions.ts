/**
 * An image dropped on the stage (from the gallery or the desktop) becomes what the drop zone under it
 * says: a raster layer at the drop point, a control layer, an inpaint mask made from the image, a
 * regional reference image or a global one. Each is one document change, so one undo step.
 */
import { newReferenceUnit } from "@/features/generate/lib/referenceImages";
import { addLayer, newMaskLayer, newRegionLayer, nextLayerName, type Rect } from "../lib/document";
import { type DropTarget, hexColor, imageToMask } from "../lib/dropZones";
import type { Point } from "../lib/view";
import { useCanvasStore } from "../store/canvasStore";
import { addControlImageLayer, addDroppedImage, addGlobalReference } from "./actions";
import { bitmaps, context2d, imageUrl, loadImage } from "./bitmaps";
import { uploadIntermediate } from "./persistence";

/** What was dropped: a stored image's name, or a file still to store. */
export type Dropped = { name: string } | { file: File };

/** A new inpaint mask whose paint is the image's alpha (or luminance), at `at`. */
export async function addMaskFromImage(name: string, at: Point): Promise<void> {
  const image = await loadImage(imageUrl(name));
  const store = useCanvasStore.getState();
  const layer = { ...newMaskLayer(nextLayerName(store.doc, "inpaint_mask")), x: Math.round(at.x), y: Math.round(at.y) };
  const rect: Rect = { x: 0, y: 0, width: image.naturalWidth, height: image.naturalHeight };
  const canvas = document.createElement("canvas");
  canvas.width = rect.width;
  canvas.height = rect.height;
  const context = context2d(canvas);
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, rect.width, rect.height);
  imageToMask(pixels.data, hexColor(layer.color));
  context.putImageData(pixels, 0, 0);
  bitmaps.setImage(layer.id, canvas, rect, null); // not the stored image's pixels: persistence uploads it
  store.change(addLayer(store.doc, layer));
}

/** A new regional guidance layer (no mask painted yet) with the image as its reference. */
export function addRegionalReference(name: string): void {
  const store = useCanvasStore.getState();
  const layer = newRegionLayer(store.doc, nextLayerName(store.doc, "regional_guidance"));
  store.change(addLayer(store.doc, { ...layer, referenceImages: [newReferenceUnit(name)] }));
}

async function storedName(dropped: Dropped): Promise<string> {
  return "name" in dropped ? dropped.name : uploadIntermediate(dropped.file);
}

/** Adds the dropped image as `target`; `at` is the drop's stage point. */
export async function dropImage(
  target: DropTarget,
  dropped: Dropped,
  at: Point,
  fitBox?: (image: Rect) => void,
): Promise<void> {
  const name = await storedName(dropped);
  if (target === "raster") return addDroppedImage(name, at, fitBox);
  if (target === "control") return addControlImageLayer(name, at);
  if (target === "inpaint_mask") return addMaskFromImage(name, at);
  if (target === "regional_reference") return addRegionalReference(name);
  addGlobalReference(name);
}
