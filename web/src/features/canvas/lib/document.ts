/**
 * The canvas document: what is saved to the server (`PUT /api/v1/canvas/{name}`) and restored on a reload.
 * Pixels are not in it: a layer with paint names a stored image (`bitmap.image_name`) placed at
 * `bitmap.x/y` in the layer's own space, and the layer sits at `x/y` on the infinite stage.
 *
 * Layers are a union on `kind`, bottom first: raster layers, inpaint masks, regional guidance (a mask
 * painted in the layer's colour, with its own prompts and reference images) and control layers (an image
 * read by a ControlNet or T2I-Adapter). Global reference images have no position, so they are a list of
 * their own. The code that handles layers by kind (compositing, the layers panel) skips kinds it does not
 * know, and a document saved before a field existed reads with the field's default.
 */
import type { ControlKind, ControlMode } from "@/features/generate/lib/form";
import type { ReferenceUnitForm } from "@/features/generate/lib/referenceImages";

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

/** A region with its own prompts: where the mask has paint (its alpha), these prompts apply. */
export interface RegionalGuidanceLayer extends LayerBase {
  kind: "regional_guidance";
  color: string;
  prompt: string;
  negativePrompt: string;
  /** Also use the prompt as a negative prompt outside the region. */
  autoNegative: boolean;
  /** IP-Adapter (FLUX: FLUX Redux) reference images applied in the region. */
  referenceImages: ReferenceUnitForm[];
}

/** An image (painted, dropped or filtered) that a ControlNet or T2I-Adapter reads over the box. */
export interface ControlLayer extends LayerBase {
  kind: "control";
  control: ControlKind;
  /** Key of the installed ControlNet or T2I-Adapter. */
  model: string | null;
  weight: number;
  begin: number;
  end: number;
  /** ControlNets only: the balance between the prompt and the control. */
  controlMode: ControlMode;
}

export type CanvasLayer = RasterLayer | InpaintMaskLayer | RegionalGuidanceLayer | ControlLayer;
export type LayerKind = CanvasLayer["kind"];

export const LAYER_KINDS: Record<LayerKind, string> = {
  raster: "Raster",
  inpaint_mask: "Inpaint mask",
  regional_guidance: "Regional guidance",
  control: "Control",
};

function isLayerKind(kind: unknown): kind is LayerKind {
  return typeof kind === "string" && kind in LAYER_KINDS;
}

export interface CanvasDocument {
  version: typeof DOCUMENT_VERSION;
  /** Where the bounding box sits; its size is the Generate panel's width and height. */
  bbox: { x: number; y: number };
  /** Bottom first. */
  layers: CanvasLayer[];
  selectedLayerId: string | null;
  /** Reference images for the whole box (IP-Adapters; FLUX: FLUX Redux). */
  referenceImages: ReferenceUnitForm[];
}

export const MASK_COLOR = "#ff5a5a";
/** Regional guidance layers take these colours in turn, so neighbouring regions tell apart. */
export const REGION_COLORS = ["#e8a33c", "#3cc7e8", "#b35ce8", "#5ce87a", "#e85cb1", "#e8e35c"];

export function emptyDocument(): CanvasDocument {
  return { version: DOCUMENT_VERSION, bbox: { x: 0, y: 0 }, layers: [], selectedLayerId: null, referenceImages: [] };
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

/** A regional guidance layer in the first colour no other region uses (or the next in turn). */
export function newRegionLayer(doc: CanvasDocument, name: string, id = newLayerId()): RegionalGuidanceLayer {
  const regions = doc.layers.filter((layer) => layer.kind === "regional_guidance");
  const used = new Set(regions.map((layer) => layer.color));
  const color = REGION_COLORS.find((c) => !used.has(c)) ?? REGION_COLORS[regions.length % REGION_COLORS.length];
  return {
    ...base(name, id),
    kind: "regional_guidance",
    color: color ?? MASK_COLOR,
    prompt: "",
    negativePrompt: "",
    autoNegative: false,
    referenceImages: [],
  };
}

export function newControlLayer(name: string, control: ControlKind = "controlnet", id = newLayerId()): ControlLayer {
  return {
    ...base(name, id),
    kind: "control",
    control,
    model: null,
    weight: 1,
    begin: 0,
    end: 1,
    controlMode: "balanced",
  };
}

/** The next free "Raster 3" style name for a kind. */
export function nextLayerName(doc: CanvasDocument, kind: LayerKind): string {
  const label = LAYER_KINDS[kind];
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
  const layers = doc.layers.filter((layer) => isLayerKind(layer.kind)).map(withDefaults);
  const selected = layers.some((layer) => layer.id === doc.selectedLayerId) ? (doc.selectedLayerId ?? null) : null;
  const referenceImages = Array.isArray(doc.referenceImages) ? doc.referenceImages : [];
  const bbox = doc.bbox ?? { x: 0, y: 0 };
  return { version: DOCUMENT_VERSION, bbox, layers, selectedLayerId: selected, referenceImages };
}

/** A stored layer with the fields its kind gained later filled in. */
function withDefaults(layer: CanvasLayer): CanvasLayer {
  if (layer.kind !== "regional_guidance") return layer;
  return { ...layer, referenceImages: Array.isArray(layer.referenceImages) ? layer.referenceImages : [] };
}

/** Whether the canvas has nothing yet (no layers, no reference images): the launchpad is offered. */
export function isBlank(doc: CanvasDocument): boolean {
  return doc.layers.length === 0 && doc.referenceImages.length === 0;
}
