/**
 * The canvas's generation settings (infill, scale before processing), kept in the browser like the Generate
 * panel's form, so a reload keeps them; they are preferences, not part of the canvas document.
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import { persistentStorage } from "@/common/lib/storage";
import { type CanvasSettings, DEFAULT_SETTINGS } from "../lib/settings";

interface SettingsState {
  settings: CanvasSettings;
  setSettings(patch: Partial<CanvasSettings>): void;
}

export const useCanvasSettings = create<SettingsState>()(
  persist(
    (set, get) => ({
      settings: DEFAULT_SETTINGS,
      setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
    }),
    {
      name: "impasto.canvas.settings",
      version: 1,
      storage: persistentStorage(),
      partialize: (state) => ({ settings: state.settings }) as SettingsState,
      merge: (stored, current) => {
        const kept = (stored as Partial<SettingsState> | undefined)?.settings;
        return { ...current, settings: { ...DEFAULT_SETTINGS, ...kept } };
      },
    },
  ),
);
