import { describe, expect, it, vi } from "vitest";
import { ActionRegistry, describeCombo, matches } from "./registry";

function key(key: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) {
  return { key, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift, altKey: !!mods.alt };
}

describe("combos", () => {
  it("maps mod to Ctrl, or Cmd on macOS", () => {
    expect(matches(key("Enter", { ctrl: true }), "mod+Enter", false)).toBe(true);
    expect(matches(key("Enter", { meta: true }), "mod+Enter", false)).toBe(false);
    expect(matches(key("Enter", { meta: true }), "mod+Enter", true)).toBe(true);
    expect(matches(key("Enter"), "mod+Enter", false)).toBe(false);
    expect(matches(key("Enter", { ctrl: true, shift: true }), "mod+Enter", false)).toBe(false);
    expect(matches(key("ArrowLeft"), "ArrowLeft", false)).toBe(true);
    expect(matches(key("A", { ctrl: true, shift: true }), "mod+shift+a", false)).toBe(true);
  });

  it("describes combos for people", () => {
    expect(describeCombo("mod+Enter", false)).toBe("Ctrl+Enter");
    expect(describeCombo("mod+shift+Enter", true)).toBe("⌘+shift+Enter");
  });
});

describe("ActionRegistry", () => {
  it("finds actions by key, outside text fields unless allowed", () => {
    const registry = new ActionRegistry(false);
    const generate = { id: "generate", title: "Generate", keys: ["mod+Enter"], inInputs: true, perform: vi.fn() };
    const remove = { id: "delete", title: "Delete", keys: ["Delete"], perform: vi.fn() };
    registry.register(generate);
    registry.register(remove);
    expect(registry.actionFor(key("Enter", { ctrl: true }), true)).toBe(generate);
    expect(registry.actionFor(key("Delete"), false)).toBe(remove);
    expect(registry.actionFor(key("Delete"), true)).toBeNull();
    expect(registry.actionFor(key("x"), false)).toBeNull();
  });

  it("skips disabled actions", async () => {
    const registry = new ActionRegistry(false);
    const perform = vi.fn();
    registry.register({ id: "a", title: "A", keys: ["a"], enabled: () => false, perform });
    expect(registry.actionFor(key("a"), false)).toBeNull();
    expect(await registry.run("a")).toBe(false);
    expect(perform).not.toHaveBeenCalled();
  });

  it("undoes actions that return an undo, newest first", async () => {
    const registry = new ActionRegistry(false);
    const log: string[] = [];
    registry.register({ id: "star", title: "Star", keys: [], perform: () => () => void log.push("unstar") });
    registry.register({ id: "move", title: "Move", keys: [], perform: () => () => void log.push("move back") });
    registry.register({ id: "plain", title: "Plain", keys: [], perform: () => undefined });
    await registry.run("star");
    await registry.run("move");
    await registry.run("plain");
    expect(registry.actionFor(key("z", { ctrl: true }), false)).toBe("undo");
    expect(await registry.undo()).toBe("Move");
    expect(await registry.undo()).toBe("Star");
    expect(await registry.undo()).toBeNull();
    expect(log).toEqual(["move back", "unstar"]);
  });

  it("lets an enabled action claim Ctrl/Cmd+Z", () => {
    const registry = new ActionRegistry(false);
    let enabled = true;
    const off = registry.register({ id: "c", title: "C", keys: ["mod+z"], enabled: () => enabled, perform: () => {} });
    expect(registry.actionFor(key("z", { ctrl: true }), false)).toMatchObject({ id: "c" });
    enabled = false;
    expect(registry.actionFor(key("z", { ctrl: true }), false)).toBe("undo");
    off();
  });

  it("undoes one-off commands too", async () => {
    const registry = new ActionRegistry(false);
    let board = "a";
    await registry.execute("Move to b", () => {
      board = "b";
      return () => {
        board = "a";
      };
    });
    expect(board).toBe("b");
    expect(await registry.undo()).toBe("Move to b");
    expect(board).toBe("a");
  });

  it("keeps a bounded undo history and unregisters cleanly", async () => {
    const registry = new ActionRegistry(false, 2);
    const unregister = registry.register({ id: "x", title: "X", keys: ["x"], perform: () => () => undefined });
    await registry.run("x");
    await registry.run("x");
    await registry.run("x");
    expect(await registry.undo()).toBe("X");
    expect(await registry.undo()).toBe("X");
    expect(registry.canUndo()).toBe(false);
    unregister();
    expect(registry.list()).toEqual([]);
  });
});
