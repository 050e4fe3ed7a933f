/**
 * The Generate tab's state: the form (persisted, so a reload keeps the work), the server's problems per
 * control, and the seeds of the last generation. Every change goes through the pure functions in `lib/`.
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { Schemas } from "@/api/client";
import { persistentStorage } from "@/common/lib/storage";
import {
  applyModel,
  type ControlKind,
  type ControlUnitForm,
  DEFAULT_FORM,
  type GenerateForm,
  lockedRatio,
  newControlUnit,
  sizeForModel,
} from "../lib/form";
import { lastCaret, type PromptTarget, rememberCaret } from "../lib/promptCaret";
import { insertAt } from "../lib/promptTokens";
import { newReferenceUnit, type ReferenceUnitForm } from "../lib/referenceImages";
import { type RefinerForm, refinerProblemsChangedBy } from "../lib/refiner";
import { type AspectId, aspectOf, gridFor, ratioOf, swappedAspect, withHeight, withWidth } from "../lib/sizes";

type ModelRecord = Schemas["ModelRecord"];

export interface GenerateState extends GenerateForm {
  /** Server problems by control (see `controlForField`). */
  problems: Record<string, string>;
  /** A problem no control could be named for. */
  general: string | null;
  lastSeeds: number[];
  update(patch: Partial<GenerateForm>): void;
  chooseModel(model: ModelRecord, installed: ModelRecord[]): void;
  setWidth(width: number, base: string | null): void;
  setHeight(height: number, base: string | null): void;
  setAspect(aspect: AspectId, model: ModelRecord | null): void;
  swapSize(): void;
  toggleLock(): void;
  optimizeSize(model: ModelRecord | null): void;
  setLora(key: string, patch: { weight?: number; enabled?: boolean }): void;
  addLora(key: string, weight: number): void;
  removeLora(key: string): void;
  addControlUnit(kind: ControlKind, image?: string | null): string;
  updateControlUnit(id: string, patch: Partial<ControlUnitForm>): void;
  removeControlUnit(id: string): void;
  addReferenceUnit(image?: string | null): string;
  updateReferenceUnit(id: string, patch: Partial<ReferenceUnitForm>): void;
  removeReferenceUnit(id: string): void;
  /** Changes refiner settings, clearing only the problems of the controls that changed. */
  setRefiner(patch: Partial<RefinerForm>): void;
  /** Inserts text where the caret last was in a prompt box (or at its end). */
  insertIntoPrompt(target: PromptTarget, text: string): void;
  setProblems(problems: Record<string, string>, general: string | null): void;
  rememberSeeds(seeds: number[]): void;
  reuseLastSeed(): void;
  reset(): void;
}

/** The controls whose problems a change to `key` resolves. */
function controlsChangedBy(key: keyof GenerateForm): (control: string) => boolean {
  if (key === "seamlessX" || key === "seamlessY") return (control) => control === "seamless";
  if (key === "width" || key === "height" || key === "aspect") return (c) => c === "width" || c === "height";
  if (key === "loras") return (control) => control.startsWith("lora:");
  if (key === "controlUnits") return (control) => control.startsWith("control:");
  if (key === "referenceUnits") return (control) => control.startsWith("reference:");
  if (key === "refiner") return (control) => control.startsWith("refiner:");
  if (key === "randomSeed") return (control) => control === "seed";
  return (control) => control === key;
}

function withoutProblems(problems: Record<string, string>, keys: (keyof GenerateForm)[]): Record<string, string> {
  const tests = keys.map(controlsChangedBy);
  const entries = Object.entries(problems).filter(([control]) => !tests.some((test) => test(control)));
  return entries.length === Object.keys(problems).length ? problems : Object.fromEntries(entries);
}

export const FORM_KEYS = Object.keys(DEFAULT_FORM) as (keyof GenerateForm)[];

export const useGenerateStore = create<GenerateState>()(
  persist(
    (set, get) => {
      const patch = (changes: Partial<GenerateForm>) =>
        set((state) => ({
          ...changes,
          problems: withoutProblems(state.problems, Object.keys(changes) as (keyof GenerateForm)[]),
        }));
      return {
        ...DEFAULT_FORM,
        problems: {},
        general: null,
        lastSeeds: [],
        update: patch,
        chooseModel: (model, installed) => {
          const next = applyModel(get(), model, installed);
          patch(Object.fromEntries(FORM_KEYS.map((key) => [key, next[key]])) as Partial<GenerateForm>);
        },
        setWidth: (width, base) => patch(withWidth(get(), width, lockedRatio(get()), gridFor(base))),
        setHeight: (height, base) => patch(withHeight(get(), height, lockedRatio(get()), gridFor(base))),
        setAspect: (aspect, model) => {
          const ratio = ratioOf(aspect);
          if (ratio === null) return patch({ aspect });
          patch({ aspect, ...sizeForModel({ ...get(), aspect }, model) });
        },
        swapSize: () => {
          const { width, height, aspect } = get();
          patch({ width: height, height: width, aspect: swappedAspect(aspect) });
        },
        toggleLock: () => patch({ aspectLocked: !get().aspectLocked }),
        optimizeSize: (model) => {
          const size = sizeForModel(get(), model);
          patch({ ...size, aspect: get().aspect === "free" ? aspectOf(size) : get().aspect });
        },
        setLora: (key, changes) =>
          patch({ loras: get().loras.map((lora) => (lora.key === key ? { ...lora, ...changes } : lora)) }),
        addLora: (key, weight) => {
          if (get().loras.some((lora) => lora.key === key)) return;
          patch({ loras: [...get().loras, { key, weight, enabled: true }] });
        },
        removeLora: (key) => patch({ loras: get().loras.filter((lora) => lora.key !== key) }),
        addControlUnit: (kind, image = null) => {
          const unit = newControlUnit(kind, image);
          patch({ controlUnits: [...get().controlUnits, unit] });
          return unit.id;
        },
        updateControlUnit: (id, changes) =>
          patch({ controlUnits: get().controlUnits.map((unit) => (unit.id === id ? { ...unit, ...changes } : unit)) }),
        removeControlUnit: (id) => patch({ controlUnits: get().controlUnits.filter((unit) => unit.id !== id) }),
        addReferenceUnit: (image = null) => {
          const unit = newReferenceUnit(image);
          patch({ referenceUnits: [...get().referenceUnits, unit] });
          return unit.id;
        },
        updateReferenceUnit: (id, changes) =>
          patch({
            referenceUnits: get().referenceUnits.map((unit) => (unit.id === id ? { ...unit, ...changes } : unit)),
          }),
        removeReferenceUnit: (id) => patch({ referenceUnits: get().referenceUnits.filter((unit) => unit.id !== id) }),
        setRefiner: (changes) =>
          set((state) => {
            const resolved = new Set(refinerProblemsChangedBy(Object.keys(changes) as (keyof RefinerForm)[]));
            const kept = Object.entries(state.problems).filter(([control]) => !resolved.has(control));
            return {
              refiner: { ...state.refiner, ...changes },
              problems: kept.length === Object.keys(state.problems).length ? state.problems : Object.fromEntries(kept),
            };
          }),
        insertIntoPrompt: (target, text) => {
          const current = get()[target];
          const caret = lastCaret(target, current.length);
          const inserted = insertAt(current, text, caret.start, caret.end);
          rememberCaret(target, inserted.caret, inserted.caret);
          patch({ [target]: inserted.text });
        },
        setProblems: (problems, general) => set({ problems, general }),
        rememberSeeds: (seeds) => set({ lastSeeds: seeds }),
        reuseLastSeed: () => {
          const seed = get().lastSeeds[0];
          if (seed !== undefined) patch({ seed, randomSeed: false });
        },
        reset: () => set({ ...DEFAULT_FORM, problems: {}, general: null }),
      };
    },
    {
      name: "impasto.generate",
      version: 1,
      storage: persistentStorage(),
      partialize: (state) => {
        const kept: Partial<GenerateState> = { lastSeeds: state.lastSeeds };
        for (const key of FORM_KEYS) (kept as Record<string, unknown>)[key] = state[key];
        return kept as GenerateState;
      },
    },
  ),
);
