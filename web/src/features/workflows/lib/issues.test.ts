import { describe, expect, it } from "vitest";
import { issueMap } from "./issues";

describe("the graph's problems, placed", () => {
  it("puts each problem on its input, its node, or the graph", () => {
    const map = issueMap(
      [
        { code: "missing_input", node_id: "save", field: "image", message: "save needs image" },
        { code: "invalid_value", node_id: "denoise", field: "steps", message: "steps too large" },
        { code: "invalid_value", node_id: "denoise", field: "steps", message: "steps not whole" },
        { code: "unknown_type", node_id: "odd", field: null, message: "no such type" },
        { code: "cycle", node_id: null, message: "a cycle" },
        { code: "unknown_node", node_id: "gone", message: "edge names gone" },
      ],
      ["save", "denoise", "odd"],
    );
    expect(map.nodes).toEqual({
      save: { node: [], fields: { image: ["save needs image"] } },
      denoise: { node: [], fields: { steps: ["steps too large", "steps not whole"] } },
      odd: { node: ["no such type"], fields: {} },
    });
    expect(map.graph).toEqual(["a cycle", "edge names gone"]);
    expect(map.count).toBe(6);
  });
});
