import { describe, expect, it } from "vitest";
import { align, distribute, LAYOUT_GAP, layeredLayout, type NodeBox } from "./arrange";
import type { GraphEdge } from "./connections";

const box = (id: string, x: number, y: number, width = 100, height = 50): NodeBox => ({ id, x, y, width, height });
const edge = (source: string, target: string): GraphEdge => ({
  source,
  sourceField: "out",
  target,
  targetField: "in",
});
const plain = (positions: Map<string, { x: number; y: number }>) => Object.fromEntries(positions);

describe("align", () => {
  const boxes = [box("a", 10, 0, 100, 40), box("b", 50, 100, 200, 80)];
  it.each([
    ["left", { a: { x: 10, y: 0 }, b: { x: 10, y: 100 } }],
    ["right", { a: { x: 150, y: 0 }, b: { x: 50, y: 100 } }],
    ["top", { a: { x: 10, y: 0 }, b: { x: 50, y: 0 } }],
    ["bottom", { a: { x: 10, y: 140 }, b: { x: 50, y: 100 } }],
  ] as const)("on the %s side", (side, expected) => {
    expect(plain(align(boxes, side))).toEqual(expected);
  });
});

describe("distribute", () => {
  it("leaves equal gaps between the outermost nodes, which stay put", () => {
    const boxes = [box("c", 400, 0), box("a", 0, 10), box("b", 120, 20)];
    expect(plain(distribute(boxes, "horizontal"))).toEqual({
      a: { x: 0, y: 10 },
      b: { x: 200, y: 20 },
      c: { x: 400, y: 0 },
    });
  });

  it("spaces vertically by the nodes' heights", () => {
    const boxes = [box("a", 0, 0, 10, 100), box("b", 0, 110, 10, 20), box("c", 0, 300, 10, 100)];
    expect(plain(distribute(boxes, "vertical")).b).toEqual({ x: 0, y: 190 });
  });

  it("moves nothing with fewer than three nodes", () => {
    expect(plain(distribute([box("a", 0, 0), box("b", 300, 7)], "horizontal"))).toEqual({
      a: { x: 0, y: 0 },
      b: { x: 300, y: 7 },
    });
  });
});

describe("layered layout", () => {
  it("puts each node in the column of its longest path, left to right, from the top-left corner", () => {
    const boxes = [box("save", 0, 0), box("decode", 900, 500, 150), box("model", 30, 20), box("prompt", 500, 10)];
    const edges = [edge("model", "prompt"), edge("prompt", "decode"), edge("model", "decode"), edge("decode", "save")];
    const positions = plain(layeredLayout(boxes, edges));
    const column = (n: number) => n * (100 + LAYOUT_GAP.x);
    expect(positions).toEqual({
      model: { x: 0, y: 0 },
      prompt: { x: column(1), y: 0 },
      decode: { x: column(2), y: 0 },
      save: { x: column(2) + 150 + LAYOUT_GAP.x, y: 0 },
    });
  });

  it("stacks a column by the order of what feeds it, leaving gaps by height", () => {
    const boxes = [box("a", 0, 0), box("b", 0, 300), box("x", 0, 0, 100, 70), box("y", 0, 10, 100, 70)];
    const positions = plain(layeredLayout(boxes, [edge("b", "x"), edge("a", "y")]));
    expect(positions.y).toEqual({ x: 180, y: 0 });
    expect(positions.x).toEqual({ x: 180, y: 70 + LAYOUT_GAP.y });
    expect(positions.b).toEqual({ x: 0, y: 50 + LAYOUT_GAP.y });
  });
});
