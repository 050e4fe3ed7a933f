/**
 * Undo and redo of the graph: snapshots of what the user changed, taken before each change. A run of
 * the same change (typing into one field, dragging the same nodes, a delete that removes nodes and then
 * their edges) is kept as one step, so one undo takes back what the user sees as one action.
 */

export interface History<T> {
  past: T[];
  future: T[];
  /** The key and time of the last recorded change, for merging a run of the same change. */
  lastKey: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 100;
/** Changes of the same key closer than this merge into one step. */
export const MERGE_MS = 1000;

export const emptyHistory = <T>(): History<T> => ({ past: [], future: [], lastKey: null, lastAt: 0 });

/** `history` with `before` (the state before a change) recorded, unless it continues the last change. */
export function record<T>(history: History<T>, before: T, key: string, now: number): History<T> {
  const continues = key === history.lastKey && now - history.lastAt < MERGE_MS;
  if (continues) return { ...history, lastAt: now };
  return { past: [...history.past, before].slice(-HISTORY_LIMIT), future: [], lastKey: key, lastAt: now };
}

/** Ends a run of changes: the next change is a step of its own (a drag ended, a field lost focus). */
export const seal = <T>(history: History<T>): History<T> => ({ ...history, lastKey: null });

/** The state to go back to and the history after it, or null when there is nothing to undo. */
export function undo<T>(history: History<T>, current: T): { state: T; history: History<T> } | null {
  const state = history.past.at(-1);
  if (state === undefined) return null;
  return {
    state,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 },
  };
}

export function redo<T>(history: History<T>, current: T): { state: T; history: History<T> } | null {
  const state = history.future[0];
  if (state === undefined) return null;
  return {
    state,
    history: { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0 },
  };
}

export type Shortcut = "undo" | "redo" | "duplicate" | "selectAll";

/** The editor command a key press asks for (Ctrl or ⌘ with Z, Shift+Z or Y, D, A), if any. */
export function shortcutOf(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}): Shortcut | null {
  if (!event.ctrlKey && !event.metaKey) return null;
  const key = event.key.toLowerCase();
  if (key === "z") return event.shiftKey ? "redo" : "undo";
  if (key === "y") return "redo";
  if (key === "d") return "duplicate";
  if (key === "a") return "selectAll";
  return null;
}
