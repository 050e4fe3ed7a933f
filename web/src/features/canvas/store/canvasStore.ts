/**
 * The canvas's state outside the pixels: the document, the tool and brush, the staging area, and the
 * undo history shared by document changes and strokes (pixels go through `bitmaps`, never React state).
 */
import { create, type StateCreator } from "zustand";
import { persist } from "zustand/middleware";
import { persistentStorage } from "@/common/lib/storage";
import { type CanvasDocument, emptyDocument, type Rect } from "../lib/document";
import { History } from "../lib/history";
import { EMPTY_STAGING, type Staging } from "../lib/staging";
import { type Brush, DEFAULT_BRUSH, restoreBrush, type Tool } from "../lib/tools";
import { bitmaps, type PixelSnapshot } from "../engine/bitmaps";

/** One layer's whole pixels before and after a layer command (duplicate, merge, transform). */
export interface PixelSwap {
  layerId: string;
  before: PixelSnapshot;
  after: PixelSnapshot;
}

export type HistoryEntry =
  | { kind: "doc"; before: CanvasDocument; after: CanvasDocument }
  | { kind: "pixels"; layerId: string; rect: Rect; before: ImageData; after: ImageData }
  | { kind: "layers"; before: CanvasDocument; after: CanvasDocument; swaps: PixelSwap[] };

export type SaveState = "loading" | "saved" | "pending" | "saving" | "error";

export interface CanvasState {
  doc: CanvasDocument;
  tool: Tool;
  brush: Brush;
  staging: Staging;
  canUndo: boolean;
  canRedo: boolean;
  /** The view's zoom, shown in the toolbar. */
  scale: number;
  save: SaveState;
  /** A filter's result shown in place of a control layer's pixels until it is applied or dropped. */
  filterPreview: FilterPreview | null;
  /** The layer the transform tool has handles on, until it is applied or canceled. */
  transforming: string | null;
  /** Infill and scale before processing, sent with each invocation. */
  setTool(tool: Tool): void;
  setBrush(patch: Partial<Brush>): void;
  /** An undoable change of the document. */
  change(next: CanvasDocument): void;
  /** A change that is not worth an undo step (the selected layer). */
  select(layerId: string | null): void;
  /** A change of a layer's settings made continuously (a slider, a reference unit): not an undo step. */
  edit(next: CanvasDocument): void;
  recordPixels(layerId: string, rect: Rect, before: ImageData, after: ImageData): void;
  /** A change of the document and of whole layers' pixels (both already made) as one undo step. */
  changeLayers(next: CanvasDocument, swaps: PixelSwap[]): void;
  undo(): void;
  redo(): void;
  updateStaging(update: (staging: Staging) => Staging): void;
  /** A document read from the server: the history starts afresh. */
  load(doc: CanvasDocument): void;
  setScale(scale: number): void;
  setSave(save: SaveState): void;
  setFilterPreview(preview: FilterPreview | null): void;
  setTransforming(layerId: string | null): void;
}

export interface FilterPreview {
  layerId: string;
  /** The stored image the preprocessor made of the layer's pixels. */
  imageName: string;
}

const history = new History<HistoryEntry>();

function apply(entry: HistoryEntry, direction: "undo" | "redo"): CanvasDocument | null {
  if (entry.kind === "doc") return direction === "undo" ? entry.before : entry.after;
  if (entry.kind === "layers") {
    for (const swap of entry.swaps) bitmaps.restore(swap.layerId, direction === "undo" ? swap.before : swap.after);
    return direction === "undo" ? entry.before : entry.after;
  }
  bitmaps.write(entry.layerId, entry.rect, direction === "undo" ? entry.before : entry.after);
  return null;
}

/** The brush settings are kept in the browser, so a reload keeps them; the rest comes from the server or starts afresh. */
const keepBrush = {
  name: "impasto.canvas.brush",
  version: 1,
  storage: persistentStorage<CanvasState>(),
  partialize: (state: CanvasState) => ({ brush: state.brush }) as CanvasState,
  merge: (stored: unknown, current: CanvasState): CanvasState => ({
    ...current,
    brush: restoreBrush((stored as Partial<CanvasState> | undefined)?.brush),
  }),
};

const canvasState: StateCreator<CanvasState> = (set, get) => {
  const sizes = () => ({ canUndo: history.sizes.undo > 0, canRedo: history.sizes.redo > 0 });
  const step = (direction: "undo" | "redo") => {
    const entry = direction === "undo" ? history.undo() : history.redo();
    if (!entry) return;
    const doc = apply(entry, direction);
    set({ ...(doc ? { doc } : {}), ...sizes() });
  };
  return {
    doc: emptyDocument(),
    tool: "brush",
    brush: DEFAULT_BRUSH,
    staging: EMPTY_STAGING,
    canUndo: false,
    canRedo: false,
    scale: 1,
    save: "loading",
    filterPreview: null,
    transforming: null,
    setTool: (tool) => set({ tool }),
    setBrush: (patch) => set({ brush: { ...get().brush, ...patch } }),
    change: (next) => {
      const before = get().doc;
      if (next === before) return;
      history.push({ kind: "doc", before, after: next });
      set({ doc: next, ...sizes() });
    },
    select: (layerId) => set({ doc: { ...get().doc, selectedLayerId: layerId } }),
    edit: (next) => set({ doc: next }),
    recordPixels: (layerId, rect, before, after) => {
      history.push({ kind: "pixels", layerId, rect, before, after });
      set(sizes());
    },
    changeLayers: (next, swaps) => {
      history.push({ kind: "layers", before: get().doc, after: next, swaps });
      set({ doc: next, ...sizes() });
    },
    undo: () => step("undo"),
    redo: () => step("redo"),
    updateStaging: (update) => set({ staging: update(get().staging) }),
    load: (doc) => {
      history.clear();
      set({ doc, ...sizes() });
    },
    setScale: (scale) => set({ scale }),
    setSave: (save) => set({ save }),
    setFilterPreview: (filterPreview) => set({ filterPreview }),
    setTransforming: (transforming) => set({ transforming }),
  };
};

export const useCanvasStore = create<CanvasState>()(persist(canvasState, keepBrush));
