import { describe, expect, it } from "vitest";
import { groupByBoard, starChanges } from "./undo";

describe("undo helpers", () => {
  it("groups images by their former board", () => {
    const groups = groupByBoard([
      { image_name: "a", board_id: "b1" },
      { image_name: "b", board_id: null },
      { image_name: "c", board_id: "b1" },
    ]);
    expect([...groups.entries()]).toEqual([
      ["b1", ["a", "c"]],
      ["none", ["b"]],
    ]);
  });

  it("lists only the images whose star changes", () => {
    const before = [{ image_name: "a", starred: true }, { image_name: "b", starred: false }, { image_name: "c" }];
    expect(starChanges(before, true)).toEqual(["b", "c"]);
    expect(starChanges(before, false)).toEqual(["a"]);
  });
});
