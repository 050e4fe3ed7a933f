/**
 * Commands as registered action objects: an id, a title, key combinations and a `perform` that may return
 * its own undo. Toolbar buttons and keyboard shortcuts run the same action, so both can be undone with
 * Ctrl/Cmd+Z, and the help list is made from the registry itself.
 */

export type Undo = () => void | Promise<void>;

export interface Action {
  id: string;
  title: string;
  /** Combinations like `mod+Enter`, `ArrowLeft`, `Delete`; `mod` is Cmd on macOS and Ctrl elsewhere. */
  keys: string[];
  /** Also fire while typing in a text field (only for combinations that cannot be typing). */
  inInputs?: boolean;
  /** False when the action cannot run now (the shortcut then does nothing and the event is left alone). */
  enabled?: () => boolean;
  perform: () => void | Undo | Promise<void | Undo>;
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Combo {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

export function parseCombo(text: string): Combo {
  const parts = text.split("+").map((part) => part.trim().toLowerCase());
  const key = parts.pop() ?? "";
  return { key, mod: parts.includes("mod"), shift: parts.includes("shift"), alt: parts.includes("alt") };
}

export function matches(event: KeyLike, text: string, isMac: boolean): boolean {
  const combo = parseCombo(text);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMod = isMac ? event.ctrlKey : event.metaKey;
  return (
    event.key.toLowerCase() === combo.key &&
    mod === combo.mod &&
    !otherMod &&
    event.shiftKey === combo.shift &&
    event.altKey === combo.alt
  );
}

/** `mod+Enter` → `Ctrl+Enter` (or `⌘+Enter` on macOS), for tooltips and the help list. */
export function describeCombo(text: string, isMac: boolean): string {
  return text
    .split("+")
    .map((part) => (part === "mod" ? (isMac ? "⌘" : "Ctrl") : part.length === 1 ? part.toUpperCase() : part))
    .join("+");
}

export class ActionRegistry {
  private readonly actions = new Map<string, Action>();
  private readonly undos: { title: string; undo: Undo }[] = [];

  constructor(
    private readonly isMac: boolean,
    private readonly maxUndo = 50,
  ) {}

  /** Adds (or replaces) an action; the returned function removes it again. */
  register(action: Action): () => void {
    this.actions.set(action.id, action);
    return () => {
      if (this.actions.get(action.id) === action) this.actions.delete(action.id);
    };
  }

  list(): Action[] {
    return [...this.actions.values()];
  }

  /** Runs an action by id (from a button or a shortcut); an undo it returns goes on the stack. */
  async run(id: string): Promise<boolean> {
    const action = this.actions.get(id);
    if (!action || action.enabled?.() === false) return false;
    await this.execute(action.title, action.perform);
    return true;
  }

  /** Runs a one-off command (a drop, a menu choice with arguments); an undo it returns goes on the stack. */
  async execute(title: string, perform: Action["perform"]): Promise<void> {
    const undo = await perform();
    if (typeof undo === "function") {
      this.undos.push({ title, undo });
      if (this.undos.length > this.maxUndo) this.undos.shift();
    }
  }

  canUndo(): boolean {
    return this.undos.length > 0;
  }

  /** Undoes the most recent undoable action; its title, or null when there was nothing to undo. */
  async undo(): Promise<string | null> {
    const last = this.undos.pop();
    if (!last) return null;
    await last.undo();
    return last.title;
  }

  /**
   * The action a key event triggers, if any. Ctrl/Cmd+Z outside text fields is this registry's undo unless
   * an enabled action claims it (the canvas, while open, undoes its own strokes and layer changes).
   */
  actionFor(event: KeyLike, inInput: boolean): Action | "undo" | null {
    for (const action of this.actions.values()) {
      if (inInput && !action.inInputs) continue;
      if (action.enabled?.() === false) continue;
      if (action.keys.some((combo) => matches(event, combo, this.isMac))) return action;
    }
    return !inInput && matches(event, "mod+z", this.isMac) ? "undo" : null;
  }

  describe(action: Action): string {
    return action.keys.map((combo) => describeCombo(combo, this.isMac)).join(" / ");
  }
}
