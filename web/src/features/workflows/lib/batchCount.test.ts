import { describe, expect, it } from "vitest";
import { batchCount, batchItems, itemCount } from "./batchCount";

describe("batch items", () => {
  it("counts each kind of batch node", () => {
    expect(batchItems("string_batch", { strings: ["a", "b"] })).toBe(2);
    expect(batchItems("integer_batch", {})).toBe(0);
    expect(batchItems("float_batch", { floats: [0.5] })).toBe(1);
    expect(batchItems("image_batch", { images: [{ image_name: "a.png" }] })).toBe(1);
    expect(batchItems("image_batch", { board_id: "b1" })).toBeNull();
    expect(batchItems("integer_range_batch", {})).toBe(4);
    expect(batchItems("float_range_batch", { count: 3 })).toBe(3);
    expect(batchItems("string_lines_batch", { text: "one\n\n  \ntwo\r\nthree" })).toBe(3);
    expect(batchItems("integer", { value: 3 })).toBeUndefined();
  });
});

describe("batch count", () => {
  const strings = (n: number, group = "None") => ({
    type: "string_batch",
    values: { strings: Array.from({ length: n }, (_, i) => `s${i}`), batch_group_id: group },
  });

  it("is null without batch nodes, and the runs alone then", () => {
    expect(batchCount([{ type: "integer", values: {} }])).toBeNull();
    expect(itemCount(null, 3)).toBe(3);
  });

  it("crosses separate groups and zips a group", () => {
    expect(batchCount([strings(2), strings(3)])).toEqual({ perRun: 6, uneven: [] });
    expect(batchCount([strings(2, "Group 1"), strings(2, "Group 1"), strings(3)])).toEqual({ perRun: 6, uneven: [] });
    expect(itemCount(batchCount([strings(2)]), 2)).toBe(4);
  });

  it("names a group of uneven lists and knows no count for a board", () => {
    expect(batchCount([strings(2, "Group 1"), strings(3, "Group 1")])?.uneven).toEqual(["Group 1"]);
    const board = batchCount([strings(2), { type: "image_batch", values: { board_id: "b" } }]);
    expect(board?.perRun).toBeNull();
    expect(itemCount(board, 2)).toBeNull();
  });
});
