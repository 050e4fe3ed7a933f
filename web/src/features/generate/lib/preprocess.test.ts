import { describe, expect, it } from "vitest";
import { preprocessorNode, previewBatch, previewImage } from "./preprocess";

describe("preprocessor previews", () => {
  it("maps each preprocessor to its node", () => {
    expect(preprocessorNode("canny")).toBe("canny_edge_detection");
    expect(preprocessorNode("tile")).toBe("tile_image_processor");
    expect(preprocessorNode("none")).toBeNull();
  });

  it("builds a load-then-preprocess graph at the front of the queue", () => {
    const batch = previewBatch("a.png", "lineart_standard");
    expect(batch?.prepend).toBe(true);
    expect(batch?.graph.nodes).toEqual({
      load: { id: "load", type: "load_image", image: { image_name: "a.png" } },
      preprocess: { id: "preprocess", type: "lineart_standard_edge_detection" },
    });
    expect(batch?.graph.edges).toEqual([
      { source: { node_id: "load", field: "image" }, destination: { node_id: "preprocess", field: "image" } },
    ]);
    expect(previewBatch("a.png", "none")).toBeNull();
  });

  it("finds the produced image in the item's outputs", () => {
    expect(previewImage({ result: { outputs: { preprocess: { image: { image_name: "p.png" }, width: 8 } } } })).toBe(
      "p.png",
    );
    expect(previewImage({ result: null })).toBeNull();
    expect(previewImage({ result: { outputs: {} } })).toBeNull();
  });
});
