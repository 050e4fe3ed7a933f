/**
 * The canvas survives a reload: its document is stored on the server (debounced) and each layer's pixels
 * as an intermediate image, uploaded when they changed since the last save. Loading reads both back.
 */
import { api, call, type Schemas } from "@/api/client";
import { ApiError } from "@/api/errors";
import { uploadImage as upload } from "@/common/lib/files";
import { type Bitmap, type CanvasDocument, emptyDocument, parseDocument } from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";
import { bitmaps, imageUrl, loadImage } from "./bitmaps";
import { toPng } from "./composite";

export const CANVAS_NAME = "default";
const SAVE_DELAY_MS = 600;

/** Uploads an image; intermediate ones stay out of the gallery. Its stored name. */
export async function uploadImage(blob: Blob, intermediate: boolean, category: "other" | "mask" = "other") {
  return (await upload(blob, { category, boardId: null, intermediate })).image_name;
}

/** Uploads a PNG as an intermediate image (kept out of the gallery); its stored name. */
export function uploadIntermediate(blob: Blob, category: "other" | "mask" = "other"): Promise<string> {
  return uploadImage(blob, true, category);
}

async function loadBitmap(layerId: string, bitmap: Bitmap): Promise<void> {
  const image = await loadImage(imageUrl(bitmap.image_name));
  const { x, y, width, height } = bitmap;
  bitmaps.setImage(layerId, image, { x, y, width, height }, bitmap);
}

/** Reads the stored canvas (an empty one when there is none) with every layer's pixels. */
export async function loadCanvas(name = CANVAS_NAME): Promise<CanvasDocument> {
  let doc = emptyDocument();
  try {
    const stored = await call(api.GET("/api/v1/canvas/{name}", { params: { path: { name } } }));
    doc = parseDocument(stored.document) ?? doc;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  bitmaps.clear();
  await Promise.all(doc.layers.map((layer) => (layer.bitmap ? loadBitmap(layer.id, layer.bitmap) : undefined)));
  return doc;
}

async function uploadChanged(doc: CanvasDocument): Promise<void> {
  for (const layer of doc.layers) {
    const pixels = bitmaps.get(layer.id);
    if (!pixels || pixels.saved?.version === pixels.version) continue;
    const { version, rect, canvas } = pixels;
    const name = await uploadIntermediate(await toPng(canvas));
    bitmaps.markSaved(layer.id, version, { image_name: name, ...rect });
  }
}

/** The document as stored: each layer names the image that holds its latest saved pixels. */
function savedDocument(doc: CanvasDocument): CanvasDocument {
  const layers = doc.layers.map((layer) => ({ ...layer, bitmap: bitmaps.get(layer.id)?.saved?.bitmap ?? null }));
  return { ...doc, layers };
}

async function save(name: string): Promise<void> {
  const store = useCanvasStore.getState();
  store.setSave("saving");
  const doc = store.doc;
  await uploadChanged(doc);
  const body = savedDocument(doc) as unknown as Schemas["CanvasDocument"];
  await call(api.PUT("/api/v1/canvas/{name}", { params: { path: { name } }, body }));
}

/** Saves after every change, debounced; one save at a time. Returns the stop function. */
export function startAutosave(name = CANVAS_NAME): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => save(name))
      .then(
        () => {
          if (useCanvasStore.getState().save === "saving") useCanvasStore.getState().setSave("saved");
        },
        () => useCanvasStore.getState().setSave("error"),
      );
  };
  const schedule = () => {
    useCanvasStore.getState().setSave("pending");
    clearTimeout(timer);
    timer = setTimeout(run, SAVE_DELAY_MS);
  };
  const offDoc = useCanvasStore.subscribe((state, previous) => state.doc !== previous.doc && schedule());
  const offPixels = bitmaps.subscribe(schedule);
  return () => {
    clearTimeout(timer);
    offDoc();
    offPixels();
  };
}
