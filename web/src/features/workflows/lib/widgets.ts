/**
 * Values of the editor's richer widgets, converted between what the server takes and what the inputs
 * show: a colour (`{r, g, b, a}` of 0-255, or a "#rrggbb[aa]" string) and the CSS `rgba()` text of a
 * colour picker with alpha; a collection (a list of numbers or strings) and the rows of a list editor.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const channel = (value: unknown) => (typeof value === "number" ? Math.max(0, Math.min(255, Math.round(value))) : 0);

/** The colour a value holds (object or hex string); opaque black for anything else. */
export function readColour(value: unknown): Rgba {
  if (typeof value === "string" && /^#([0-9a-f]{6}|[0-9a-f]{8})$/i.test(value)) {
    const byte = (at: number) => parseInt(value.slice(at, at + 2), 16);
    return { r: byte(1), g: byte(3), b: byte(5), a: value.length === 9 ? byte(7) : 255 };
  }
  const object = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  return {
    r: channel(object.r),
    g: channel(object.g),
    b: channel(object.b),
    a: "a" in object ? channel(object.a) : 255,
  };
}

/** The CSS text of a colour, alpha as 0-1 with up to three decimals. */
export function colourToCss(colour: Rgba): string {
  return `rgba(${colour.r}, ${colour.g}, ${colour.b}, ${Math.round((colour.a / 255) * 1000) / 1000})`;
}

/** The colour of a picker's `rgba()`/`rgb()` text; null for text that is not one. */
export function cssToColour(text: string): Rgba | null {
  const match = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(text.trim());
  if (!match) return null;
  const [, r, g, b, a] = match;
  return { r: channel(Number(r)), g: channel(Number(g)), b: channel(Number(b)), a: channel(Number(a ?? 1) * 255) };
}

export type CollectionItem = "int" | "float" | "str";

/** The item type of a list input the list editor can type in (`list[int]`, `list[float]`, `list[str]`). */
export function collectionItem(type: string): CollectionItem | null {
  const match = /^list\[(int|float|str)\]$/.exec(type);
  return match ? (match[1] as CollectionItem) : null;
}

/** The list an input holds, as the editor's rows (anything else reads as an empty list). */
export function readCollection(value: unknown, item: CollectionItem): (number | string)[] {
  if (!Array.isArray(value)) return [];
  return value.filter((entry) => (item === "str" ? typeof entry === "string" : typeof entry === "number"));
}

/** A new row's value: 0, or the empty string. */
export const blankItem = (item: CollectionItem): number | string => (item === "str" ? "" : 0);
