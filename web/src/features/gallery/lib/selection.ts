/**
 * Gallery selection as in file managers: a click selects one image, Ctrl/Cmd+click toggles one, and
 * Shift+click selects the range from the anchor (the last plain or toggling click) to the clicked image.
 */

export interface Selection {
  names: string[];
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { names: [], anchor: null };

export interface ClickModifiers {
  shift: boolean;
  toggle: boolean;
}

export function clickSelect(
  selection: Selection,
  ordered: string[],
  name: string,
  modifiers: ClickModifiers,
): Selection {
  if (modifiers.shift && selection.anchor !== null) {
    const from = ordered.indexOf(selection.anchor);
    const to = ordered.indexOf(name);
    if (from >= 0 && to >= 0) {
      const [start, end] = from <= to ? [from, to] : [to, from];
      const range = ordered.slice(start, end + 1);
      const names = modifiers.toggle ? [...new Set([...selection.names, ...range])] : range;
      return { names, anchor: selection.anchor };
    }
  }
  if (modifiers.toggle) {
    const names = selection.names.includes(name)
      ? selection.names.filter((selected) => selected !== name)
      : [...selection.names, name];
    return { names, anchor: name };
  }
  return { names: [name], anchor: name };
}

/** The selection without `gone` names (deleted images); unchanged (the same object) when none was in it. */
export function withoutNames(selection: Selection, gone: ReadonlySet<string>): Selection {
  const names = selection.names.filter((name) => !gone.has(name));
  const anchor = selection.anchor !== null && gone.has(selection.anchor) ? null : selection.anchor;
  if (names.length === selection.names.length && anchor === selection.anchor) return selection;
  return { names, anchor };
}

/** The neighbour `step` places from `current` in `ordered`, clamped at the ends. */
export function neighbour(ordered: string[], current: string | null, step: number): string | null {
  if (ordered.length === 0) return null;
  const index = current === null ? -1 : ordered.indexOf(current);
  if (index < 0) return ordered[0] ?? null;
  return ordered[Math.min(ordered.length - 1, Math.max(0, index + step))] ?? null;
}

/** What a drag carries: the whole selection when dragging a selected image, else just that one. */
export function dragNames(selection: Selection, name: string): string[] {
  return selection.names.includes(name) ? selection.names : [name];
}
