/**
 * The canvas document: what is saved to the server (`PUT /api/v1/canvas/{name}`) and restored on a reload.
 * Pixels are not in it: a layer with paint names a stored image (`bitmap.image_name`) placed at
 * `bitmap.x/y` in the layer's own space, and the layer sits at `x/y` on the infinite stage.
 *
 * Layers are a union on `kind`, bottom first. This increment has raster layers and inpaint masks; regional
 * guidance (a bitmap plus prompts), control layers (a bitmap plus a control model) and global reference
 * images (an image and a model, no position) join the union as further kinds sharing `LayerBase`, and the
 * code that handles layers by kind (compositing, the layers panel) skips kinds it does not know.
 */

export const DOCUMENT_VERSION = 1;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A layer's pixels as a stored image, and where they sit in the layer's space. */
export interface Bitmap {
  image_name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface LayerBase {
  id: string;
  name: string;
  visible: boolean;
  locked: boolean;
  opacity: number;
  /** The layer's offset on the stage (the move tool changes it). */
  x: number;
  y: number;
  bitmap: Bitmap | null;
}

export interface RasterLayer extends LayerBase {
  kind: "raster";
}

export interface InpaintMaskLayer extends LayerBase {
  kind: "inpaint_mask";
  /** The colour the mask shows in (its paint is translucent on the stage). */
  color: string;
  /** Extra seeded noise inside the mask, 0–1. */
  noiseLevel: number;
  /** The most a masked pixel may change, 0–1. */
  denoiseLimit: number;
}

export type CanvasLayer = RasterLayer | InpaintMaskLayer;
export type LayerKind = CanvasLayer["kind"];

export interface CanvasDocument {
  version: typeof DOCUMENT_VERSION;
  /** Where the bounding box sits; its size is the Generate panel's width and height. */
  bbox: { x: number; y: number };
  /** Bottom first. */
  layers: CanvasLayer[];
  selectedLayerId: string | null;
}

export const MASK_COLOR = "#ff5a5a";

export function emptyDocument(): CanvasDocument {
  return { version: DOCUMENT_VERSION, bbox: { x: 0, y: 0 }, layers: [], selectedLayerId: null };
}

let counter = 0;

/** A fresh layer id (unique in this page; documents from the server keep theirs). */
export function newLayerId(now: () => number = Date.now): string {
  counter += 1;
  return `layer-${now().toString(36)}-${counter}`;
}

function base(name: string, id: string): LayerBase {
  return { id, name, visible: true, locked: false, opacity: 1, x: 0, y: 0, bitmap: null };
}

export function newRasterLayer(name: string, id = newLayerId()): RasterLayer {
  return { ...base(name, id), kind: "raster" };
}

export function newMaskLayer(name: string, id = newLayerId()): InpaintMaskLayer {
  return { ...base(name, id), kind: "inpaint_mask", color: MASK_COLOR, noiseLevel: 0.15, denoiseLimit: 1 };
}

/** The next free "Raster 3" style name for a kind. */
export function nextLayerName(doc: CanvasDocument, kind: LayerKind): string {
  const label = kind === "raster" ? "Raster" : "Inpaint mask";
  const taken = new Set(doc.layers.map((layer) => layer.name));
  let n = 1;
  while (taken.has(`${label} ${n}`)) n += 1;
  return `${label} ${n}`;
}

/** Adds a layer above the selected one (or on top) and selects it. */
export function addLayer(doc: CanvasDocument, layer: CanvasLayer): CanvasDocument {
  const at = doc.layers.findIndex((item) => item.id === doc.selectedLayerId);
  const layers = [...doc.layers];
  layers.splice(at < 0 ? layers.length : at + 1, 0, layer);
  return { ...doc, layers, selectedLayerId: layer.id };
}

export function removeLayer(doc: CanvasDocument, id: string): CanvasDocument {
  const index = doc.layers.findIndex((layer) => layer.id === id);
  if (index < 0) return doc;
  const layers = doc.layers.filter((layer) => layer.id !== id);
  const neighbour = layers[Math.min(index, layers.length - 1)] ?? null;
  const selectedLayerId = doc.selectedLayerId === id ? (neighbour?.id ?? null) : doc.selectedLayerId;
  return { ...doc, layers, selectedLayerId };
}

/** Moves a layer up (towards the top, +1) or down (-1) in the stack; at an end nothing changes. */
export function shiftLayer(doc: CanvasDocument, id: string, step: 1 | -1): CanvasDocument {
  const index = doc.layers.findIndex((layer) => layer.id === id);
  const target = index + step;
  if (index < 0 || target < 0 || target >= doc.layers.length) return doc;
  const layers = [...doc.layers];
  const [layer] = layers.splice(index, 1);
  if (layer) layers.splice(target, 0, layer);
  return { ...doc, layers };
}

/** Changes one layer's fields; the kind-specific ones only on layers of that kind. */
export function updateLayer<K extends CanvasLayer>(
  doc: CanvasDocument,
  id: string,
  patch: Partial<Omit<K, "id" | "kind">>,
): CanvasDocument {
  const layers = doc.layers.map((layer) => (layer.id === id ? ({ ...layer, ...patch } as CanvasLayer) : layer));
  return { ...doc, layers };
}

export function findLayer(doc: CanvasDocument, id: string | null): CanvasLayer | null {
  return doc.layers.find((layer) => layer.id === id) ?? null;
}

/** The document as it was saved, or null when it is not one this version can read. */
export function parseDocument(value: unknown): CanvasDocument | null {
  if (typeof value !== "object" || value === null) return null;
  const doc = value as Partial<CanvasDocument>;
  if (doc.version !== DOCUMENT_VERSION || !Array.isArray(doc.layers) || typeof doc.bbox !== "object") return null;
  const layers = doc.layers.filter((layer) => layer.kind === "raster" || layer.kind === "inpaint_mask");
  const selected = layers.some((layer) => layer.id === doc.selectedLayerId) ? (doc.selectedLayerId ?? null) : null;
  return { version: DOCUMENT_VERSION, bbox: doc.bbox ?? { x: 0, y: 0 }, layers, selectedLayerId: selected };
}
