import { describe, expect, it } from "vitest";
import type { GraphShape } from "./connections";
import { danglingEdge, matchingField, offersFor } from "./dangling";
import { SCHEMAS } from "./testSchemas";

const graph = (nodes: Record<string, string>): GraphShape => ({
  nodes: new Map(Object.entries(nodes)),
  edges: [],
  schemas: SCHEMAS,
});
const schema = (type: string) => {
  const found = SCHEMAS.get(type);
  if (!found) throw new Error(type);
  return found;
};

describe("a connection dropped on the empty graph", () => {
  it("offers, from an output, the node types with an input that takes it", () => {
    const end = { nodeId: "seed", field: "value", side: "source" as const };
    const offered = [...SCHEMAS.values()].filter(offersFor(graph({ seed: "integer" }), end)).map((s) => s.type);
    expect(offered).toEqual(["integer", "float_math", "denoise_latents", "collect"]);
  });

  it("offers, from an input, the node types with an output that feeds it", () => {
    const end = { nodeId: "save", field: "image", side: "target" as const };
    const offered = [...SCHEMAS.values()].filter(offersFor(graph({ save: "save_image" }), end)).map((s) => s.type);
    expect(offered).toEqual(["l2i", "save_image", "iterate"]);
  });

  it("skips inputs that take no connection and picks the first that fits", () => {
    const end = { nodeId: "text", field: "value", side: "source" as const };
    expect(matchingField(graph({ text: "string" }), end, schema("save_image"))).toBeNull();
    expect(matchingField(graph({ text: "string" }), end, schema("denoise_latents"))).toBe("scheduler");
    expect(matchingField(graph({ seed: "integer" }), { ...end, nodeId: "seed" }, schema("denoise_latents"))).toBe(
      "steps",
    );
  });

  it("makes the edge to the new node, in the direction of the drag", () => {
    const shape = graph({ save: "save_image", decode: "l2i" });
    const end = { nodeId: "save", field: "image", side: "target" as const };
    expect(danglingEdge(shape, end, schema("l2i"), "decode")).toEqual({
      source: "decode",
      sourceField: "image",
      target: "save",
      targetField: "image",
    });
    const from = { nodeId: "decode", field: "image", side: "source" as const };
    expect(danglingEdge(shape, from, schema("compel"), "compel")).toBeNull();
  });
});
