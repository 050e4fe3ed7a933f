/**
 * Images sent to the canvas from elsewhere (the viewer's "Send to canvas"). This module stays tiny and free
 * of Konva, so the studio's first chunk can import it; the canvas takes the images once it is loaded.
 */
import { create } from "zustand";

interface CanvasInbox {
  images: string[];
  send(name: string): void;
  /** Hands over the waiting images and empties the inbox. */
  take(): string[];
}

export const useCanvasInbox = create<CanvasInbox>()((set, get) => ({
  images: [],
  send: (name) => set({ images: [...get().images, name] }),
  take: () => {
    const { images } = get();
    if (images.length > 0) set({ images: [] });
    return images;
  },
}));
