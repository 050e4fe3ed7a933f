/** What a folder scan found, sorted for display, and which entries can be installed. */
import type { Schemas } from "@/api/client";

type ScanEntry = Schemas["ScanEntry"];

export function isInstallable(entry: ScanEntry): boolean {
  return !!entry.identity && !entry.error && !entry.installed_key;
}

/** Installable entries first, then installed ones, then those that failed; by path within each. */
export function sortEntries(entries: ScanEntry[]): ScanEntry[] {
  const rank = (entry: ScanEntry) => (isInstallable(entry) ? 0 : entry.installed_key ? 1 : 2);
  return [...entries].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

/** The path relative to the scanned folder, for compact display. */
export function relativePath(path: string, folder: string): string {
  const prefix = folder.endsWith("/") ? folder : `${folder}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** Filters the model list: a type, a base and words that must all occur in the name or description. */
export function filterModels<T extends { name: string; description?: string; type: string; base: string }>(
  models: T[],
  filter: { type: string | null; base: string | null; search: string },
): T[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((model) => {
    if (filter.type && model.type !== filter.type) return false;
    if (filter.base && model.base !== filter.base) return false;
    const text = `${model.name} ${model.description ?? ""}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
