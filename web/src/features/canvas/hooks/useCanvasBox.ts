/** The box's size lives in the Generate panel (width and height); its grid comes from the main model. */
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { aspectOf, gridFor } from "@/features/generate/lib/sizes";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import type { Rect } from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";

export function useGrid(): number {
  const { byKey } = useInstalledModels();
  const key = useGenerateStore((state) => state.model);
  return gridFor(key ? byKey.get(key)?.base : null);
}

export function boxSize(): { width: number; height: number } {
  const { width, height } = useGenerateStore.getState();
  return { width, height };
}

export function currentBox(): Rect {
  return { ...useCanvasStore.getState().doc.bbox, ...boxSize() };
}

/** Moves (an undo step) and resizes (the Generate panel's size) the box. */
export function setBox(rect: Rect): void {
  const store = useCanvasStore.getState();
  if (rect.x !== store.doc.bbox.x || rect.y !== store.doc.bbox.y) {
    store.change({ ...store.doc, bbox: { x: rect.x, y: rect.y } });
  }
  const size = { width: rect.width, height: rect.height };
  const form = useGenerateStore.getState();
  if (size.width !== form.width || size.height !== form.height) form.update({ ...size, aspect: aspectOf(size) });
}
