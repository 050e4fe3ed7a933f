/**
 * The layer commands' document side, kept pure so their rules are tested without pixels: reordering (the
 * panel's drag and drop and its menu), duplicating and merging down. The pixels follow in
 * `engine/layerCommands`, which records both halves as one undo step.
 */
import { type CanvasDocument, type CanvasLayer, findLayer, newLayerId } from "./document";

/** Where a layer goes from its menu: one step up or down, or to the top or the bottom of the stack. */
export type LayerMove = "up" | "down" | "top" | "bottom";

/** The layer moved to `index` of the bottom-first list (clamped); the same document when nothing moves. */
export function moveLayerTo(doc: CanvasDocument, id: string, index: number): CanvasDocument {
  const from = doc.layers.findIndex((layer) => layer.id === id);
  const to = Math.max(0, Math.min(doc.layers.length - 1, index));
  if (from < 0 || from === to) return doc;
  const layers = [...doc.layers];
  const [layer] = layers.splice(from, 1);
  if (layer) layers.splice(to, 0, layer);
  return { ...doc, layers };
}

export function moveLayer(doc: CanvasDocument, id: string, move: LayerMove): CanvasDocument {
  const index = doc.layers.findIndex((layer) => layer.id === id);
  if (index < 0) return doc;
  const targets: Record<LayerMove, number> = { up: index + 1, down: index - 1, top: Infinity, bottom: 0 };
  return moveLayerTo(doc, id, targets[move]);
}

/**
 * A layer dragged in the panel and dropped on another's row: it lands just above (`above`) or just below
 * that layer in the stack, as the row's upper or lower half shows.
 */
export function dropLayer(doc: CanvasDocument, id: string, targetId: string, above: boolean): CanvasDocument {
  if (id === targetId) return doc;
  const rest = doc.layers.filter((layer) => layer.id !== id);
  const target = rest.findIndex((layer) => layer.id === targetId);
  const moved = findLayer(doc, id);
  if (target < 0 || !moved) return doc;
  rest.splice(above ? target + 1 : target, 0, moved);
  const same = rest.every((layer, index) => layer === doc.layers[index]);
  return same ? doc : { ...doc, layers: rest };
}

/** A copy of a layer's settings under a new id and a "… copy" name (its pixels are copied by the caller). */
export function copyOfLayer(layer: CanvasLayer, id: string = newLayerId()): CanvasLayer {
  const copy = structuredClone(layer);
  return { ...copy, id, name: `${layer.name} copy`, bitmap: null };
}

/** The document with `copy` just above `id` and selected. */
export function insertAbove(doc: CanvasDocument, id: string, copy: CanvasLayer): CanvasDocument {
  const index = doc.layers.findIndex((layer) => layer.id === id);
  if (index < 0) return doc;
  const layers = [...doc.layers];
  layers.splice(index + 1, 0, copy);
  return { ...doc, layers, selectedLayerId: copy.id };
}

/** A mask kind merges its paint (its coverage); the others composite their colours with their opacity. */
export function mergesPaint(layer: CanvasLayer): boolean {
  return layer.kind === "inpaint_mask" || layer.kind === "regional_guidance";
}

export type MergePlan = { ok: true; upper: CanvasLayer; lower: CanvasLayer } | { ok: false; reason: string };

const KIND_NAMES: Record<CanvasLayer["kind"], string> = {
  raster: "a raster layer",
  inpaint_mask: "an inpaint mask",
  regional_guidance: "a regional guidance layer",
  control: "a control layer",
};

/** Whether `id` can merge onto the layer below it, and why not: only onto the same kind, both unlocked. */
export function planMergeDown(doc: CanvasDocument, id: string): MergePlan {
  const index = doc.layers.findIndex((layer) => layer.id === id);
  const upper = doc.layers[index];
  if (!upper) return { ok: false, reason: "There is no such layer to merge." };
  const lower = doc.layers[index - 1];
  if (!lower)
    return { ok: false, reason: `“${upper.name}” is the bottom layer: there is nothing below to merge onto.` };
  if (lower.kind !== upper.kind) {
    const kinds = `${KIND_NAMES[upper.kind]} merges only onto ${KIND_NAMES[upper.kind].replace(/^an? /, "another ")}`;
    return { ok: false, reason: `“${lower.name}” below is ${KIND_NAMES[lower.kind]}; ${kinds}.` };
  }
  const locked = [upper, lower].find((layer) => layer.locked);
  if (locked) return { ok: false, reason: `“${locked.name}” is locked: unlock it to merge.` };
  if (!upper.visible) return { ok: false, reason: `“${upper.name}” is hidden: show it to merge it.` };
  return { ok: true, upper, lower };
}

/** The document after a merge: the upper layer is gone and the lower one selected. */
export function mergedDocument(doc: CanvasDocument, upperId: string, lowerId: string): CanvasDocument {
  const layers = doc.layers.filter((layer) => layer.id !== upperId);
  return { ...doc, layers, selectedLayerId: lowerId };
}
