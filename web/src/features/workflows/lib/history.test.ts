import { describe, expect, it } from "vitest";
import { emptyHistory, HISTORY_LIMIT, MERGE_MS, record, redo, seal, shortcutOf, undo } from "./history";

describe("history", () => {
  it("undoes and redoes changes in order, and a new change drops the redo steps", () => {
    let history = record(emptyHistory<number>(), 0, "add", 0);
    history = record(history, 1, "add", 5000);
    const back = undo(history, 2);
    expect(back?.state).toBe(1);
    const backAgain = undo(back!.history, 1);
    expect(backAgain?.state).toBe(0);
    expect(undo(backAgain!.history, 0)).toBeNull();
    const forward = redo(backAgain!.history, 0);
    expect(forward?.state).toBe(1);
    expect(record(forward!.history, 1, "move", 9000).future).toEqual([]);
  });

  it("merges a quick run of the same change into one step until sealed", () => {
    let history = record(emptyHistory<string>(), "a", "value:n.f", 0);
    history = record(history, "ab", "value:n.f", MERGE_MS / 2);
    history = record(history, "abc", "value:n.f", MERGE_MS);
    expect(history.past).toEqual(["a"]);
    history = record(history, "abcd", "value:n.g", MERGE_MS + 1);
    expect(history.past).toEqual(["a", "abcd"]);
    history = record(seal(history), "abcde", "value:n.g", MERGE_MS + 2);
    expect(history.past).toEqual(["a", "abcd", "abcde"]);
    expect(record(history, "x", "value:n.g", 10 * MERGE_MS).past).toHaveLength(4);
  });

  it("keeps at most the last HISTORY_LIMIT steps", () => {
    let history = emptyHistory<number>();
    for (let i = 0; i < HISTORY_LIMIT + 5; i += 1) history = record(history, i, `k${i}`, i);
    expect(history.past).toHaveLength(HISTORY_LIMIT);
    expect(history.past[0]).toBe(5);
  });

  it("reads the editor's shortcuts", () => {
    const key = (k: string, extra: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) =>
      shortcutOf({ key: k, ctrlKey: true, metaKey: false, shiftKey: false, ...extra });
    expect(key("z")).toBe("undo");
    expect(key("Z", { shiftKey: true })).toBe("redo");
    expect(key("y")).toBe("redo");
    expect(key("d")).toBe("duplicate");
    expect(key("z", { ctrlKey: false, metaKey: true })).toBe("undo");
    expect(key("z", { ctrlKey: false })).toBeNull();
    expect(key("x")).toBeNull();
  });
});
