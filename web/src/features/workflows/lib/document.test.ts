import { describe, expect, it } from "vitest";
import {
  autoPositions,
  emptyDocument,
  fromDocument,
  isGraphNode,
  newNodeId,
  toDocument,
  type WorkflowDocument,
} from "./document";

const DOCUMENT: WorkflowDocument = {
  ...emptyDocument("Shapes"),
  tags: ["demo"],
  graph: {
    id: null,
    nodes: {
      prompt: { id: "prompt", type: "string", value: "a red circle" },
      positive: { id: "positive", type: "compel" },
      save: { id: "save", type: "save_image", use_cache: false, is_intermediate: true },
    },
    edges: [{ source: { node_id: "prompt", field: "value" }, destination: { node_id: "positive", field: "prompt" } }],
  },
  layout: {
    prompt: { position: { x: 10, y: 20 }, label: "Prompt", notes: "type here", collapsed: true },
    positive: {
      position: { x: 400, y: 20 },
      label: "",
      notes: "",
      collapsed: false,
      input_labels: { prompt: "Positive prompt" },
    },
  },
  form: {
    root_id: "root",
    elements: {
      root: { id: "root", type: "container", layout: "column", children: ["f1", "f2"] },
      f1: {
        id: "f1",
        type: "field",
        node_id: "prompt",
        field: "value",
        label: "",
        component: "default",
        description: "",
        show_description: true,
      },
      f2: {
        id: "f2",
        type: "field",
        node_id: "save",
        field: "board",
        label: "",
        component: "default",
        description: "",
        show_description: true,
      },
    },
  },
};

describe("workflow document ⇄ editor", () => {
  it("reads nodes with their values, positions, labels and edges", () => {
    const { nodes, edges } = fromDocument(DOCUMENT);
    const prompt = nodes.find((node) => node.id === "prompt");
    expect(prompt?.position).toEqual({ x: 10, y: 20 });
    expect(prompt?.data).toEqual({
      type: "string",
      label: "Prompt",
      notes: "type here",
      collapsed: true,
      values: { value: "a red circle" },
    });
    expect(edges).toEqual([
      {
        id: "prompt.value->positive.prompt",
        source: "prompt",
        sourceHandle: "value",
        target: "positive",
        targetHandle: "prompt",
      },
    ]);
  });

  it("places nodes the layout leaves out, after what feeds them", () => {
    const save = fromDocument(DOCUMENT).nodes.find((node) => node.id === "save");
    expect(save?.position).toEqual({ x: 0, y: 260 });
    const positions = autoPositions(
      ["a", "b", "c"],
      [
        { source: "a", sourceField: "v", target: "b", targetField: "x" },
        { source: "b", sourceField: "v", target: "c", targetField: "x" },
      ],
    );
    expect([...positions.values()].map((p) => p.x)).toEqual([0, 340, 680]);
  });

  it("writes back the same document it read", () => {
    const { nodes, edges } = fromDocument(DOCUMENT);
    const back = toDocument(DOCUMENT, nodes, edges);
    expect(back.graph).toEqual(DOCUMENT.graph);
    expect(back.layout?.prompt).toEqual(DOCUMENT.layout?.prompt);
    expect(back.layout?.save).toEqual({ position: { x: 0, y: 260 }, label: "", notes: "", collapsed: false });
    expect(back.tags).toEqual(["demo"]);
    expect(back.form).toEqual(DOCUMENT.form);
  });

  it("drops form fields of deleted nodes", () => {
    const { nodes, edges } = fromDocument(DOCUMENT);
    const back = toDocument(
      DOCUMENT,
      nodes.filter((node) => node.id !== "save"),
      edges,
    );
    expect(Object.keys(back.form?.elements ?? {})).toEqual(["root", "f1"]);
    expect(back.form?.elements.root).toMatchObject({ children: ["f1"] });
  });

  it("numbers new node ids from 2 when the type's name is taken", () => {
    expect(newNodeId("noise", [])).toBe("noise");
    expect(newNodeId("noise", ["noise", "noise_2"])).toBe("noise_3");
  });

  it("draws free-standing notes as note nodes, outside the graph, and writes them back with labels", () => {
    const document = { ...DOCUMENT, sticky_notes: [{ id: "note", position: { x: 5, y: 6 }, text: "Read me" }] };
    const { nodes, edges } = fromDocument(document);
    const note = nodes.find((node) => node.id === "note");
    expect(note).toMatchObject({ type: "note", position: { x: 5, y: 6 }, data: { text: "Read me" } });
    const renamed = nodes.map((node) =>
      isGraphNode(node) && node.id === "positive"
        ? { ...node, data: { ...node.data, label: "Cond", notes: "n" } }
        : node,
    );
    const written = toDocument(document, renamed, edges);
    expect(Object.keys(written.graph.nodes ?? {})).not.toContain("note");
    expect(written.sticky_notes).toEqual(document.sticky_notes);
    expect(written.layout?.positive).toMatchObject({ label: "Cond", notes: "n" });
    expect(written.form).toEqual(document.form);
  });

  it("keeps a node's own settings (use_cache, is_intermediate) as values sent with the graph", () => {
    const { nodes, edges } = fromDocument(DOCUMENT);
    const save = nodes.find((node) => node.id === "save");
    expect(save && isGraphNode(save) && save.data.values).toEqual({ use_cache: false, is_intermediate: true });
    expect(toDocument(DOCUMENT, nodes, edges).graph.nodes?.save).toEqual(DOCUMENT.graph.nodes?.save);
  });
});
