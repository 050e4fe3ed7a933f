/**
 * The Upscale tab's state: the form (persisted, so a reload keeps it) and the problems per control, from
 * the server or from the form itself.
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import { persistentStorage } from "@/common/lib/storage";
import { DEFAULT_UPSCALE_FORM, type UpscaleControl, type UpscaleForm } from "../lib/request";

export type Problems = Partial<Record<UpscaleControl, string>>;

export interface UpscaleState extends UpscaleForm {
  problems: Problems;
  update(patch: Partial<UpscaleForm>): void;
  setProblems(problems: Problems): void;
}

/** The controls whose problems a change to `key` resolves (the size depends on the image and the model). */
const RESOLVES: Record<keyof UpscaleForm, UpscaleControl[]> = {
  image: ["image", "scale"],
  model: ["model", "scale"],
  scale: ["scale"],
  tileSize: ["tileSize"],
  tileOverlap: ["tileOverlap"],
  creative: [
    "mainModel",
    "prompt",
    "creativity",
    "tileControlnet",
    "steps",
    "cfgScale",
    "scheduler",
    "seed",
    "creativeTileSize",
    "creativeTileOverlap",
  ],
  // the main model's base sets the tile size when the form leaves it to the server
  mainModel: ["mainModel", "tileControlnet", "creativeTileOverlap"],
  prompt: ["prompt"],
  negativePrompt: ["prompt"],
  creativity: ["creativity"],
  tileControlnet: ["tileControlnet"],
  structure: ["tileControlnet"],
  steps: ["steps"],
  cfgScale: ["cfgScale"],
  scheduler: ["scheduler"],
  seed: ["seed"],
  randomSeed: ["seed"],
  creativeTileSize: ["creativeTileSize", "creativeTileOverlap"],
  creativeTileOverlap: ["creativeTileOverlap"],
};

export function withoutResolved(problems: Problems, changed: (keyof UpscaleForm)[]): Problems {
  const resolved = new Set(changed.flatMap((key) => RESOLVES[key]));
  const kept = Object.entries(problems).filter(([control]) => !resolved.has(control as UpscaleControl));
  return kept.length === Object.keys(problems).length ? problems : Object.fromEntries(kept);
}

const FORM_KEYS = Object.keys(DEFAULT_UPSCALE_FORM) as (keyof UpscaleForm)[];

export function currentUpscaleForm(): UpscaleForm {
  const state = useUpscaleStore.getState();
  return Object.fromEntries(FORM_KEYS.map((key) => [key, state[key]])) as unknown as UpscaleForm;
}

export const useUpscaleStore = create<UpscaleState>()(
  persist(
    (set) => ({
      ...DEFAULT_UPSCALE_FORM,
      problems: {},
      update: (patch) =>
        set((state) => ({
          ...patch,
          problems: withoutResolved(state.problems, Object.keys(patch) as (keyof UpscaleForm)[]),
        })),
      setProblems: (problems) => set({ problems }),
    }),
    {
      name: "impasto.upscale",
      version: 1,
      storage: persistentStorage(),
      partialize: (state) => Object.fromEntries(FORM_KEYS.map((key) => [key, state[key]])) as unknown as UpscaleState,
    },
  ),
);
