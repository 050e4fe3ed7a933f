/**
 * App-wide UI state: the active tab (persisted), the live connection to the server, and a workflow waiting to be
 * opened by the Workflows tab (one dropped onto the page while another tab showed).
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { ConnectionState } from "@/api/events";
import { persistentStorage } from "@/common/lib/storage";

export const TABS = ["generate", "canvas", "workflows", "upscale", "models", "queue"] as const;
export type Tab = (typeof TABS)[number];

interface UiState {
  tab: Tab;
  connection: ConnectionState;
  pendingWorkflow: string | null;
  setTab(tab: Tab): void;
  /** Shows the Workflows tab, which opens the stored workflow `id` and clears it. */
  openWorkflow(id: string | null): void;
  setConnection(connection: ConnectionState): void;
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      tab: "generate",
      connection: "connecting",
      pendingWorkflow: null,
      setTab: (tab) => set({ tab }),
      openWorkflow: (id) => set(id === null ? { pendingWorkflow: null } : { tab: "workflows", pendingWorkflow: id }),
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
