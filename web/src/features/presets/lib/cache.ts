/**
 * The cached preset list patched with a change the server just confirmed, so the editor and the picker see
 * it at once (the WebSocket event refetches the list a moment later). The order is the server's: built-in
 * presets first, then the user's by name in any case.
 */
import type { Schemas } from "@/api/client";
import type { StylePreset } from "./draft";

type PresetList = Schemas["StylePresetList"];

function ordered(presets: StylePreset[]): StylePreset[] {
  const builtin = presets.filter((preset) => preset.type === "builtin");
  const user = presets.filter((preset) => preset.type === "user");
  user.sort((a, b) => {
    const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return [...builtin, ...user];
}

/** The list with `preset` added or replaced. */
export function withPreset(list: PresetList | undefined, preset: StylePreset): PresetList | undefined {
  if (!list) return list;
  return { presets: ordered([...list.presets.filter((other) => other.id !== preset.id), preset]) };
}

/** The list without the preset `id`. */
export function withoutPreset(list: PresetList | undefined, id: string): PresetList | undefined {
  if (!list) return list;
  return { presets: list.presets.filter((preset) => preset.id !== id) };
}
