import { describe, expect, it } from "vitest";
import { fieldSummary, outputImages } from "./summary";

describe("queue summaries", () => {
  it("lists each batch field once", () => {
    expect(
      fieldSummary([
        { node_id: "noise", field: "seed", value: 42 },
        { node_id: "metadata", field: "seed", value: 42 },
        { node_id: "positive", field: "prompt", value: "a red circle" },
      ]),
    ).toBe("seed 42 · prompt “a red circle”");
    expect(fieldSummary([{ node_id: "p", field: "prompt", value: "x".repeat(200) }], 20)).toHaveLength(20);
  });

  it("finds the images an item made", () => {
    const result = {
      outputs: {
        l2i: { image: { image_name: "a.png" } },
        save: { image: { image_name: "b.png" } },
        c: [{ image_name: "a.png" }],
      },
    };
    expect(outputImages(result)).toEqual(["a.png", "b.png"]);
    expect(outputImages(null)).toEqual([]);
  });
});
