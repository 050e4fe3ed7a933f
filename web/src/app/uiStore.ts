/** App-wide UI state: the active tab (persisted) and the live connection to the server. */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { ConnectionState } from "@/api/events";
import { persistentStorage } from "@/common/lib/storage";

export const TABS = ["generate", "canvas", "workflows", "upscale", "models", "queue"] as const;
export type Tab = (typeof TABS)[number];

interface UiState {
  tab: Tab;
  connection: ConnectionState;
  setTab(tab: Tab): void;
  setConnection(connection: ConnectionState): void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      tab: "generate",
      connection: "connecting",
      setTab: (tab) => set({ tab }),
      setConnection: (connection) => set({ connection }),
    }),
    {
      name: "impasto.ui",
      version: 1,
      storage: persistentStorage(),
      partialize: (state) => ({ tab: state.tab }) as UiState,
    },
  ),
);
