/**
 * Changes of the document from the layers panel: `change` is an undo step (adding, removing, switching),
 * `edit` is not (typing a prompt, dragging a slider, which would otherwise fill the history).
 */
import type { ReferenceUnitForm } from "@/features/generate/lib/referenceImages";
import { type CanvasDocument, type CanvasLayer, updateLayer } from "../lib/document";
import { useCanvasStore } from "./canvasStore";

type Edit = (doc: CanvasDocument) => CanvasDocument;

export function change(edit: Edit): void {
  const store = useCanvasStore.getState();
  store.change(edit(store.doc));
}

export function edit(edit: Edit): void {
  const store = useCanvasStore.getState();
  store.edit(edit(store.doc));
}

/** A patch of one layer's settings, as an undo step or not. */
export function patchLayer<K extends CanvasLayer>(
  id: string,
  patch: Partial<Omit<K, "id" | "kind">>,
  undoable = true,
): void {
  (undoable ? change : edit)((doc) => updateLayer<K>(doc, id, patch));
}

/** One reference unit changed in a list of them. */
export function patchUnit(units: ReferenceUnitForm[], id: string, patch: Partial<ReferenceUnitForm>) {
  return units.map((unit) => (unit.id === id ? { ...unit, ...patch } : unit));
}
