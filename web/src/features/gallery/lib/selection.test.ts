import { describe, expect, it } from "vitest";
import { clickSelect, dragNames, EMPTY_SELECTION, neighbour, withoutNames } from "./selection";

const names = ["a", "b", "c", "d", "e"];
const plain = { shift: false, toggle: false };
const toggle = { shift: false, toggle: true };
const shift = { shift: true, toggle: false };

describe("clickSelect", () => {
  it("selects one image on a plain click", () => {
    expect(clickSelect({ names: ["a", "b"], anchor: "a" }, names, "c", plain)).toEqual({ names: ["c"], anchor: "c" });
  });

  it("toggles with ctrl/cmd", () => {
    const one = clickSelect(EMPTY_SELECTION, names, "b", toggle);
    const two = clickSelect(one, names, "d", toggle);
    expect(two).toEqual({ names: ["b", "d"], anchor: "d" });
    expect(clickSelect(two, names, "b", toggle)).toEqual({ names: ["d"], anchor: "b" });
  });

  it("selects ranges from the anchor with shift, in either direction", () => {
    const start = clickSelect(EMPTY_SELECTION, names, "d", plain);
    expect(clickSelect(start, names, "b", shift)).toEqual({ names: ["b", "c", "d"], anchor: "d" });
    const again = clickSelect(clickSelect(start, names, "b", shift), names, "e", shift);
    expect(again).toEqual({ names: ["d", "e"], anchor: "d" });
  });

  it("adds a range to the selection with ctrl+shift", () => {
    const start = { names: ["a"], anchor: "c" };
    expect(clickSelect(start, names, "e", { shift: true, toggle: true }).names).toEqual(["a", "c", "d", "e"]);
  });

  it("treats shift without an anchor as a plain click", () => {
    expect(clickSelect(EMPTY_SELECTION, names, "c", shift)).toEqual({ names: ["c"], anchor: "c" });
  });
});

describe("selection helpers", () => {
  it("drops names that are gone", () => {
    const selection = { names: ["a", "b", "c"], anchor: "b" };
    expect(withoutNames(selection, new Set(["b", "x"]))).toEqual({ names: ["a", "c"], anchor: null });
    expect(withoutNames(selection, new Set(["x"]))).toBe(selection);
  });

  it("steps through neighbours, clamped", () => {
    expect(neighbour(names, "c", 1)).toBe("d");
    expect(neighbour(names, "e", 1)).toBe("e");
    expect(neighbour(names, "a", -1)).toBe("a");
    expect(neighbour(names, null, 1)).toBe("a");
    expect(neighbour([], "a", 1)).toBeNull();
  });

  it("drags the selection when the dragged image is part of it", () => {
    const selection = { names: ["a", "c"], anchor: "c" };
    expect(dragNames(selection, "c")).toEqual(["a", "c"]);
    expect(dragNames(selection, "b")).toEqual(["b"]);
  });
});
