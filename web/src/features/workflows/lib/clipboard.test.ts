import { describe, expect, it } from "vitest";
import { copySelection, pastedNodes, readClipboard, offsetTo } from "./clipboard";
import type { EditorEdge, EditorNode } from "./document";
import { toEditorEdge } from "./document";

const node = (id: string, type: string, selected: boolean): EditorNode => ({
  id,
  type: "impasto",
  position: { x: 10, y: 20 },
  selected,
  data: { type, label: `${id} label`, notes: "", collapsed: false, values: { value: 3 } },
});

const NODES = [node("integer", "integer", true), node("add", "add", true), node("other", "integer", false)];
const EDGES: EditorEdge[] = [
  toEditorEdge({ source: "integer", sourceField: "value", target: "add", targetField: "a" }),
  toEditorEdge({ source: "other", sourceField: "value", target: "add", targetField: "b" }),
];

describe("copy and paste of nodes", () => {
  it("copies the selected nodes and only the edges among them, as JSON that reads back", () => {
    const copied = copySelection(NODES, EDGES);
    expect(copied?.nodes.map((n) => n.id)).toEqual(["integer", "add"]);
    expect(copied?.edges).toEqual([{ source: "integer", sourceField: "value", target: "add", targetField: "a" }]);
    expect(readClipboard(JSON.stringify(copied))).toEqual(copied);
    expect(
      copySelection(
        NODES.map((n) => ({ ...n, selected: false })),
        EDGES,
      ),
    ).toBeNull();
  });

  it("pastes under fresh ids, offset and selected, with the edges renamed", () => {
    const copied = copySelection(NODES, EDGES)!;
    const pasted = pastedNodes(copied, ["integer", "add", "other", "integer_2"], { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => n.id)).toEqual(["integer_3", "add_2"]);
    expect(pasted.nodes[0]).toMatchObject({ position: { x: 50, y: 60 }, selected: true });
    expect(pasted.nodes[0]?.data.label).toBe("integer label");
    expect(pasted.edges.map((e) => [e.source, e.target, e.targetHandle])).toEqual([["integer_3", "add_2", "a"]]);
    pasted.nodes[0]!.data.values.value = 9;
    expect(copied.nodes[0]?.data.values.value).toBe(3);
  });

  it("ignores text that is not copied nodes", () => {
    expect(readClipboard("a cat")).toBeNull();
    expect(readClipboard('{"format": "other", "nodes": []}')).toBeNull();
    expect(readClipboard('{"format": "impasto.nodes", "nodes": [{"id": "x"}]}')).toBeNull();
  });

  it("moves a paste so the copied nodes' top-left corner lands at the pointer", () => {
    const copied = {
      format: "impasto.nodes" as const,
      nodes: [
        {
          id: "a",
          position: { x: 100, y: 50 },
          data: { type: "integer", label: "", notes: "", collapsed: false, values: {} },
        },
        {
          id: "b",
          position: { x: 40, y: 300 },
          data: { type: "integer", label: "", notes: "", collapsed: false, values: {} },
        },
      ],
      edges: [],
    };
    expect(offsetTo(copied, { x: 500, y: 500 })).toEqual({ x: 460, y: 450 });
  });
});
