/** Canvas commands that bring images in: a dropped file or gallery image, an accepted staged result. */
import { api, call } from "@/api/client";
import type { ServerEvent } from "@/api/events";
import { newReferenceUnit } from "@/features/generate/lib/referenceImages";
import {
  addLayer,
  type Bitmap,
  findLayer,
  newControlLayer,
  newRasterLayer,
  nextLayerName,
  type Rect,
  updateLayer,
} from "../lib/document";
import { discardAt, dropItem, resolveResult, shownResult } from "../lib/staging";
import { useCanvasStore } from "../store/canvasStore";
import { bitmaps, imageUrl, loadImage } from "./bitmaps";

/** Whether no layer holds any pixels yet (a first image then sets the box). */
function isEmpty(): boolean {
  return useCanvasStore.getState().doc.layers.every((layer) => bitmaps.get(layer.id) === null);
}

/**
 * A new raster layer holding the stored image `name` with its top-left at `at`; on an empty canvas the
 * box moves onto it, and `fitBox` is told the image's rectangle so the box's size can follow.
 */
export async function addImageLayer(name: string, at: { x: number; y: number }, fitBox?: (image: Rect) => void) {
  const image = await loadImage(imageUrl(name));
  const empty = isEmpty();
  const x = Math.round(at.x);
  const y = Math.round(at.y);
  const store = useCanvasStore.getState();
  const layer = { ...newRasterLayer(nextLayerName(store.doc, "raster")), x, y };
  const bitmap: Bitmap = { image_name: name, x: 0, y: 0, width: image.naturalWidth, height: image.naturalHeight };
  bitmaps.setImage(layer.id, image, { x: 0, y: 0, width: bitmap.width, height: bitmap.height }, bitmap);
  const doc = addLayer(store.doc, layer);
  store.change(empty ? { ...doc, bbox: { x, y } } : doc);
  if (empty) fitBox?.({ x, y, width: bitmap.width, height: bitmap.height });
}

/** The selected layer when it is a control layer without pixels: a dropped image becomes its image. */
function emptyControlLayer(): string | null {
  const { doc } = useCanvasStore.getState();
  const selected = findLayer(doc, doc.selectedLayerId);
  return selected?.kind === "control" && !bitmaps.get(selected.id) ? selected.id : null;
}

/** A dropped image: the selected control layer's image while it has none, else a new raster layer. */
export async function addDroppedImage(name: string, at: { x: number; y: number }, fitBox?: (image: Rect) => void) {
  const layerId = emptyControlLayer();
  if (!layerId) return addImageLayer(name, at, fitBox);
  const image = await loadImage(imageUrl(name));
  const bitmap: Bitmap = { image_name: name, x: 0, y: 0, width: image.naturalWidth, height: image.naturalHeight };
  bitmaps.setImage(layerId, image, { x: 0, y: 0, width: bitmap.width, height: bitmap.height }, bitmap);
  const store = useCanvasStore.getState();
  store.change(updateLayer(store.doc, layerId, { x: Math.round(at.x), y: Math.round(at.y) }));
}

/** A new control layer holding the stored image `name` with its top-left at `at` (a layout to follow). */
export async function addControlImageLayer(name: string, at: { x: number; y: number }): Promise<void> {
  const image = await loadImage(imageUrl(name));
  const store = useCanvasStore.getState();
  const layer = { ...newControlLayer(nextLayerName(store.doc, "control")), x: Math.round(at.x), y: Math.round(at.y) };
  const bitmap: Bitmap = { image_name: name, x: 0, y: 0, width: image.naturalWidth, height: image.naturalHeight };
  bitmaps.setImage(layer.id, image, { x: 0, y: 0, width: bitmap.width, height: bitmap.height }, bitmap);
  store.change(addLayer(store.doc, layer));
}

/** A reference image for the whole box (its model is chosen in the reference's card). */
export function addGlobalReference(name: string): void {
  const store = useCanvasStore.getState();
  store.change({ ...store.doc, referenceImages: [...store.doc.referenceImages, newReferenceUnit(name)] });
}

/** The shown staged result becomes a raster layer at its box, and leaves the staging area. */
export async function acceptShown(): Promise<void> {
  const { staging } = useCanvasStore.getState();
  const result = shownResult(staging);
  if (!result?.imageName) return;
  await addImageLayer(result.imageName, result.rect);
  useCanvasStore.getState().updateStaging((current) => discardAt(current, current.index));
}

/** The shown staged result goes to the gallery (as generated images do outside the canvas). */
export async function saveShownToGallery(): Promise<void> {
  const result = shownResult(useCanvasStore.getState().staging);
  if (!result?.imageName) return;
  await call(
    api.PATCH("/api/v1/images/{image_name}", {
      params: { path: { image_name: result.imageName } },
      body: { intermediate: false },
    }),
  );
}

/**
 * Server events for staged items: their image arrives (and is hidden from the gallery until saved), or
 * they fail or are canceled and leave the staging area.
 */
export function followStagedItems(event: ServerEvent): void {
  const store = useCanvasStore.getState();
  const pending = new Set(store.staging.results.filter((r) => r.status === "pending").map((r) => r.itemId));
  if (event.type === "image_added") {
    const itemId = event.image.queue_item_id;
    const final = !event.image.intermediate && event.image.category === "general"; // not a step's own output
    if (itemId === null || itemId === undefined || !pending.has(itemId) || !final) return;
    store.updateStaging((staging) => resolveResult(staging, itemId, event.image.image_name));
    const path = { image_name: event.image.image_name };
    void call(api.PATCH("/api/v1/images/{image_name}", { params: { path }, body: { intermediate: true } }));
  } else if (event.type === "queue_item_status_changed" && ["failed", "canceled"].includes(event.status)) {
    store.updateStaging((staging) => dropItem(staging, event.item_id));
  } else if (event.type === "queue_items_canceled") {
    store.updateStaging((staging) => event.item_ids.reduce(dropItem, staging));
  }
}
