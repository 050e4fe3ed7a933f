/**
 * Undo and redo as two stacks of entries. The canvas puts document changes and pixel changes on the same
 * history, so Ctrl+Z goes back through strokes and layer changes in the order they were made.
 */

export const HISTORY_LIMIT = 100;

export class History<E> {
  private past: E[] = [];
  private future: E[] = [];

  constructor(private readonly limit = HISTORY_LIMIT) {}

  /** Records a change just made; the redo stack is dropped, the oldest entry beyond the limit too. */
  push(entry: E): void {
    this.past.push(entry);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  /** The entry to undo (moved to the redo stack), or null. */
  undo(): E | null {
    const entry = this.past.pop();
    if (entry === undefined) return null;
    this.future.push(entry);
    return entry;
  }

  /** The entry to redo (moved back to the undo stack), or null. */
  redo(): E | null {
    const entry = this.future.pop();
    if (entry === undefined) return null;
    this.past.push(entry);
    return entry;
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }

  get sizes(): { undo: number; redo: number } {
    return { undo: this.past.length, redo: this.future.length };
  }
}
