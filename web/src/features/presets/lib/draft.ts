/** The editor's state of a preset and the request bodies made from it. */
import type { Schemas } from "@/api/client";
import { PLACEHOLDER, templateFromPrompt } from "./templates";

export type StylePreset = Schemas["StylePreset"];
export type StylePresetFields = Schemas["StylePresetFields"];
export type StylePresetChanges = Schemas["StylePresetChanges"];

export const MAX_NAME = 255;

export interface PresetDraft {
  name: string;
  positive: string;
  negative: string;
}

export const EMPTY_DRAFT: PresetDraft = { name: "", positive: PLACEHOLDER, negative: "" };

export function draftOf(preset: StylePreset): PresetDraft {
  return { name: preset.name, positive: preset.positive_prompt, negative: preset.negative_prompt };
}

/** A new preset's draft from the Generate prompts, with `{prompt}` where the next prompt goes. */
export function draftFromPrompts(prompt: string, negativePrompt: string): PresetDraft {
  return {
    name: "",
    positive: templateFromPrompt(prompt, PLACEHOLDER),
    negative: templateFromPrompt(negativePrompt),
  };
}

/** A name as the server stores it: runs of whitespace become one space, none at the ends. */
export function cleanName(name: string): string {
  return name.split(/\s+/).filter(Boolean).join(" ");
}

/** The body that creates a preset from a draft. */
export function createBody(draft: PresetDraft): StylePresetFields {
  return { name: cleanName(draft.name), positive_prompt: draft.positive, negative_prompt: draft.negative };
}

/** The changes a draft makes to a saved preset: only what differs (empty: nothing to save). */
export function changesOf(preset: StylePreset, draft: PresetDraft): StylePresetChanges {
  const changes: StylePresetChanges = {};
  const name = cleanName(draft.name);
  if (name !== preset.name) changes.name = name;
  if (draft.positive !== preset.positive_prompt) changes.positive_prompt = draft.positive;
  if (draft.negative !== preset.negative_prompt) changes.negative_prompt = draft.negative;
  return changes;
}

export function isDirty(preset: StylePreset | null, draft: PresetDraft, initial: PresetDraft): boolean {
  if (preset) return Object.keys(changesOf(preset, draft)).length > 0;
  return draft.name !== initial.name || draft.positive !== initial.positive || draft.negative !== initial.negative;
}

/** "Anime (copy)", or "Anime (copy 2)" and on when that is taken too; names compare in any case. */
export function copyName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((other) => cleanName(other).toLowerCase()));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (copy)" : ` (copy ${n})`;
    const candidate = `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The presets whose name or templates contain `search` (any case), in the server's order. */
export function filterPresets(presets: readonly StylePreset[], search: string): StylePreset[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return [...presets];
  return presets.filter((preset) =>
    [preset.name, preset.positive_prompt, preset.negative_prompt].some((text) => text.toLowerCase().includes(needle)),
  );
}
