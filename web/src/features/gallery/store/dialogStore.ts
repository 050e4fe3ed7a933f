/** The gallery's confirmation dialog for deleting images, opened from the toolbar, the viewer or a key. */
import { create } from "zustand";

interface DialogState {
  deleting: string[] | null;
  confirmDelete(names: string[]): void;
  close(): void;
}

export const useDialogStore = create<DialogState>()((set) => ({
  deleting: null,
  confirmDelete: (names) => set({ deleting: names.length ? names : null }),
  close: () => set({ deleting: null }),
}));
