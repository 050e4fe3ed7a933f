/** Export and import of user presets as JSON files. */
import type { Schemas } from "@/api/client";
import { isRecord } from "@/api/errors";

export type ImportRequest = Schemas["StylePresetImportRequest"];
export type ImportResult = Schemas["ImportResult"];

export const EXPORT_FILENAME = "impasto-style-presets.json";

/**
 * The import request for a file's text: Impasto's export (`{"style_presets": [...]}`) or a bare list of
 * presets (as InvokeAI writes them, with `prompt` for the positive template). The server checks each entry
 * and reports the ones it skips; this only refuses what is not a list of objects, with a message for the user.
 */
export function importRequest(text: string): ImportRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("The file is not JSON.");
  }
  const items = isRecord(value) ? value.style_presets : value;
  if (!Array.isArray(items)) throw new Error("The file holds no list of style presets.");
  items.forEach((item, index) => {
    if (!isRecord(item)) throw new Error(`Entry ${index + 1} in the file is not a preset.`);
  });
  return { style_presets: items as ImportRequest["style_presets"] };
}

/** "1 preset", "2 presets". */
export function presetCount(count: number): string {
  return `${count} preset${count === 1 ? "" : "s"}`;
}

/** "Imported 2 presets; skipped 1 preset: Ink (the name is taken)". */
export function importSummary(result: ImportResult): string {
  const created = `Imported ${presetCount(result.created.length)}`;
  if (!result.skipped.length) return created;
  const skipped = result.skipped.map(({ name, reason }) => `${name} (${reason})`).join("; ");
  return `${created}; skipped ${presetCount(result.skipped.length)}: ${skipped}`;
}
