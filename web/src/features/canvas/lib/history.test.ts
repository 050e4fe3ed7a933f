import { describe, expect, it } from "vitest";
import { History } from "./history";

describe("History", () => {
  it("undoes and redoes in order, and a new change drops the redo stack", () => {
    const history = new History<number>();
    history.push(1);
    history.push(2);
    expect(history.undo()).toBe(2);
    expect(history.undo()).toBe(1);
    expect(history.undo()).toBeNull();
    expect(history.redo()).toBe(1);
    history.push(3);
    expect(history.redo()).toBeNull();
    expect(history.sizes).toEqual({ undo: 2, redo: 0 });
  });

  it("keeps at most its limit, dropping the oldest", () => {
    const history = new History<number>(64);
    for (let i = 0; i < 70; i += 1) history.push(i);
    const undone: number[] = [];
    for (let entry = history.undo(); entry !== null; entry = history.undo()) undone.push(entry);
    expect(undone).toHaveLength(64);
    expect(undone.at(-1)).toBe(6);
  });
});
