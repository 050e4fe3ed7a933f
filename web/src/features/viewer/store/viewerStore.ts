/** What the viewer shows besides the focused image: a comparison, the metadata panel, zoom, progress. */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import { persistentStorage } from "@/common/lib/storage";

export type CompareMode = "slider" | "side-by-side";

interface ViewerState {
  compareWith: string | null;
  compareMode: CompareMode;
  showMetadata: boolean;
  /** Zoom factor; null fits the image into the viewer. */
  zoom: number | null;
  setCompare(name: string | null): void;
  setCompareMode(mode: CompareMode): void;
  toggleMetadata(): void;
  setZoom(zoom: number | null): void;
}

export const ZOOM_STEPS = [0.25, 0.5, 1, 2, 4, 8];

export function nextZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((step) => step > current + 1e-6) ?? current;
  return [...ZOOM_STEPS].reverse().find((step) => step < current - 1e-6) ?? current;
}

export const useViewerStore = create<ViewerState>()(
  persist(
    (set, get) => ({
      compareWith: null,
      compareMode: "slider",
      showMetadata: false,
      zoom: null,
      setCompare: (compareWith) => set({ compareWith }),
      setCompareMode: (compareMode) => set({ compareMode }),
      toggleMetadata: () => set({ showMetadata: !get().showMetadata }),
      setZoom: (zoom) => set({ zoom }),
    }),
    {
      name: "impasto.viewer",
      version: 1,
      storage: persistentStorage(),
      partialize: (state) => ({ compareMode: state.compareMode, showMetadata: state.showMetadata }) as ViewerState,
    },
  ),
);
