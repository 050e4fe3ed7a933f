import { describe, expect, it } from "vitest";
import { canConnect, commonType, connectionRefusal, type GraphEdge, type GraphShape, outputType } from "./connections";
import { SCHEMAS } from "./testSchemas";

function graph(nodes: Record<string, string>, edges: GraphEdge[] = []): GraphShape {
  return { nodes: new Map(Object.entries(nodes)), edges, schemas: SCHEMAS };
}
const edge = (source: string, sourceField: string, target: string, targetField: string): GraphEdge => ({
  source,
  sourceField,
  target,
  targetField,
});

describe("type compatibility (as impasto.graph.types.can_connect)", () => {
  it.each([
    ["int", "int", true],
    ["int", "float", true],
    ["float", "int", false],
    ["str", "int", false],
    ["any", "ImageField", true],
    ["ImageField", "any", true],
    ["ConditioningField", "ConditioningField|list[ConditioningField]", true],
    ["list[ConditioningField]", "ConditioningField|list[ConditioningField]", true],
    ["int|float", "float", true],
    ["int|str", "float", false],
    ["list[int]", "list[float]", true],
    ["list[float]", "list[int]", false],
    ["int", "list[int]", false],
  ])("%s → %s: %s", (source, destination, expected) => {
    expect(canConnect(source, destination)).toBe(expected);
  });

  it("finds collect's common type", () => {
    expect(commonType(["int", "float"])).toBe("float");
    expect(commonType(["any", "str"])).toBe("str");
    expect(commonType([])).toBe("any");
    expect(commonType(["str", "int"])).toBeNull();
  });
});

describe("connection rules", () => {
  const base = { prompt: "compel", denoise: "denoise_latents", decode: "l2i", save: "save_image", seed: "integer" };

  it("accepts a well-typed edge", () => {
    expect(
      connectionRefusal(graph(base), edge("prompt", "conditioning", "denoise", "positive_conditioning")),
    ).toBeNull();
    expect(connectionRefusal(graph(base), edge("seed", "value", "denoise", "steps"))).toBeNull();
  });

  it("refuses mismatched types, naming both ends and their types", () => {
    expect(connectionRefusal(graph(base), edge("prompt", "conditioning", "save", "image"))).toBe(
      "prompt.conditioning (ConditioningField) cannot feed save.image (ImageField)",
    );
  });

  it("refuses a second edge into an input, a typed-only input and unknown fields", () => {
    const first = edge("decode", "image", "save", "image");
    const shape = graph({ ...base, decode2: "l2i" }, [first]);
    expect(connectionRefusal(shape, edge("decode2", "image", "save", "image"))).toMatch(/already has a connection/);
    expect(connectionRefusal(graph({ ...base, text: "string" }), edge("text", "value", "save", "board"))).toMatch(
      /takes a typed value, not a connection/,
    );
    expect(connectionRefusal(graph(base), edge("decode", "nope", "save", "image"))).toMatch(/has no output 'nope'/);
  });

  it("refuses an edge that closes a cycle, including onto the node itself", () => {
    const shape = graph({ a: "float_math", b: "float_math" }, [edge("a", "value", "b", "a")]);
    expect(connectionRefusal(shape, edge("b", "value", "a", "a"))).toBe("connecting b to a would make a cycle");
    expect(connectionRefusal(shape, edge("b", "value", "b", "b"))).toMatch(/cycle/);
    expect(connectionRefusal(shape, edge("a", "value", "b", "b"))).toBeNull();
  });

  it("lets collect take many edges of one type, and types its output from them", () => {
    const shape = graph({ one: "integer", two: "integer", text: "string", c: "collect" }, [
      edge("one", "value", "c", "item"),
    ]);
    expect(connectionRefusal(shape, edge("two", "value", "c", "item"))).toBeNull();
    expect(connectionRefusal(shape, edge("text", "value", "c", "item"))).toMatch(/does not mix/);
    expect(outputType(shape, "c", "collection")).toBe("list[int]");
  });

  it("types iterate's item from its collection and refuses a non-list collection", () => {
    const shape = graph({ list: "int_list", it: "iterate", text: "string", save: "save_image" }, [
      edge("list", "values", "it", "collection"),
    ]);
    expect(outputType(shape, "it", "item")).toBe("int");
    expect(connectionRefusal(shape, edge("it", "item", "save", "image"))).toMatch(/it.item \(int\) cannot feed/);
    const empty = graph({ it: "iterate", text: "string" });
    expect(connectionRefusal(empty, edge("text", "value", "it", "collection"))).toBe(
      "iterate needs a list, but text.value is str",
    );
  });
});
