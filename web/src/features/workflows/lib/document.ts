/**
 * The editor's nodes and edges ⇄ the workflow document the server stores: the graph (each node's type
 * and typed values, the edges), the layout (position, label, notes, collapsed, input labels) and the free-standing notes,
 * drawn as nodes of their own. Everything else in the document (name, tags, notes, form) is kept as it came
 * and written back.
 */
import type { Edge, Node } from "@xyflow/react";
import type { Schemas } from "@/api/client";
import { depths } from "./arrange";
import type { GraphEdge, GraphShape } from "./connections";
import type { NodeSchema } from "./nodeSchema";

export type WorkflowDocument = Schemas["WorkflowDocument"];

export interface NodeData extends Record<string, unknown> {
  type: string;
  label: string;
  notes: string;
  collapsed: boolean;
  /** Labels shown instead of some inputs' names, by input name (kept as the document has them). */
  inputLabels?: Record<string, string>;
  /** Typed input values, by field name (connected inputs may keep one; the edge wins). */
  values: Record<string, unknown>;
}

export interface NoteData extends Record<string, unknown> {
  text: string;
}

/** A node of the graph, as the editor draws it. */
export type GraphNodeItem = Node<NodeData, "impasto">;
/** A free-standing note on the canvas (the document's `sticky_notes`); it takes no part in the graph. */
export type NoteItem = Node<NoteData, "note">;
export type EditorNode = GraphNodeItem | NoteItem;

export const isGraphNode = (node: EditorNode): node is GraphNodeItem => node.type === "impasto";
export const isNote = (node: EditorNode): node is NoteItem => node.type === "note";
export type EditorEdge = Edge;

const SPACING_X = 340;
const SPACING_Y = 260;

export function edgeId(edge: GraphEdge): string {
  return `${edge.source}.${edge.sourceField}->${edge.target}.${edge.targetField}`;
}

export function toEditorEdge(edge: GraphEdge): EditorEdge {
  return {
    id: edgeId(edge),
    source: edge.source,
    sourceHandle: edge.sourceField,
    target: edge.target,
    targetHandle: edge.targetField,
  };
}

export function toGraphEdge(edge: Pick<EditorEdge, "source" | "target" | "sourceHandle" | "targetHandle">): GraphEdge {
  return {
    source: edge.source,
    sourceField: edge.sourceHandle ?? "",
    target: edge.target,
    targetField: edge.targetHandle ?? "",
  };
}

export function graphShape(nodes: EditorNode[], edges: EditorEdge[], schemas: Map<string, NodeSchema>): GraphShape {
  const graphNodes = nodes.filter(isGraphNode);
  return {
    nodes: new Map(graphNodes.map((node) => [node.id, node.data.type])),
    edges: edges.map(toGraphEdge),
    schemas,
  };
}

/** Positions for nodes the layout does not place: columns by depth, stacked within a column. */
export function autoPositions(ids: string[], edges: GraphEdge[]): Map<string, { x: number; y: number }> {
  const rows = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const [id, column] of depths(ids, edges)) {
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    positions.set(id, { x: column * SPACING_X, y: row * SPACING_Y });
  }
  return positions;
}

/** The editor's nodes and edges for a workflow document. */
export function fromDocument(document: WorkflowDocument): { nodes: EditorNode[]; edges: EditorEdge[] } {
  const graphEdges: GraphEdge[] = (document.graph.edges ?? []).map((edge) => ({
    source: edge.source.node_id,
    sourceField: edge.source.field,
    target: edge.destination.node_id,
    targetField: edge.destination.field,
  }));
  const entries = Object.entries(document.graph.nodes ?? {});
  const fallback = autoPositions(
    entries.map(([id]) => id),
    graphEdges,
  );
  const nodes = entries.map(([id, raw]): GraphNodeItem => {
    const { id: _id, type, ...values } = raw as { id?: string; type?: unknown } & Record<string, unknown>;
    const view = document.layout?.[id];
    return {
      id,
      type: "impasto",
      position: view ? { x: view.position.x, y: view.position.y } : (fallback.get(id) ?? { x: 0, y: 0 }),
      data: {
        type: String(type),
        label: view?.label ?? "",
        notes: view?.notes ?? "",
        collapsed: view?.collapsed ?? false,
        ...(view?.input_labels && Object.keys(view.input_labels).length > 0 ? { inputLabels: view.input_labels } : {}),
        values,
      },
    };
  });
  const notes = (document.sticky_notes ?? []).map((note): NoteItem => ({
    id: note.id,
    type: "note",
    position: { x: note.position.x, y: note.position.y },
    data: { text: note.text ?? "" },
  }));
  return { nodes: [...nodes, ...notes], edges: graphEdges.map(toEditorEdge) };
}

/** Form elements that name a node no longer in the graph are dropped, with their places in containers. */
function prunedForm(form: WorkflowDocument["form"], ids: Set<string>): WorkflowDocument["form"] {
  if (!form) return form;
  const elements: NonNullable<WorkflowDocument["form"]>["elements"] = {};
  const gone = new Set<string>();
  for (const [key, element] of Object.entries(form.elements)) {
    if (element.type === "field" && !ids.has(element.node_id)) gone.add(key);
    else elements[key] = element;
  }
  for (const [key, element] of Object.entries(elements)) {
    if (element.type === "container" && element.children) {
      elements[key] = { ...element, children: element.children.filter((child) => !gone.has(child)) };
    }
  }
  return { ...form, elements };
}

/** The workflow document for the editor's state, keeping the rest of `base` (name, tags, form...). */
export function toDocument(base: WorkflowDocument, nodes: EditorNode[], edges: EditorEdge[]): WorkflowDocument {
  const graphNodes: Record<string, Record<string, unknown>> = {};
  const layout: NonNullable<WorkflowDocument["layout"]> = {};
  const position = (node: EditorNode) => ({ x: Math.round(node.position.x), y: Math.round(node.position.y) });
  for (const node of nodes.filter(isGraphNode)) {
    graphNodes[node.id] = { ...node.data.values, id: node.id, type: node.data.type };
    layout[node.id] = {
      position: position(node),
      label: node.data.label,
      notes: node.data.notes,
      collapsed: node.data.collapsed,
      ...(node.data.inputLabels && Object.keys(node.data.inputLabels).length > 0
        ? { input_labels: node.data.inputLabels }
        : {}),
    };
  }
  const graphEdges = edges.map(toGraphEdge).map((edge) => ({
    source: { node_id: edge.source, field: edge.sourceField },
    destination: { node_id: edge.target, field: edge.targetField },
  }));
  return {
    ...base,
    graph: { ...base.graph, nodes: graphNodes, edges: graphEdges },
    layout,
    sticky_notes: nodes.filter(isNote).map((note) => ({ id: note.id, position: position(note), text: note.data.text })),
    form: prunedForm(base.form, new Set(Object.keys(graphNodes))),
  };
}

/** A node id not yet used: the type name, numbered from 2 when taken. */
export function newNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(type)) return type;
  let n = 2;
  while (used.has(`${type}_${n}`)) n += 1;
  return `${type}_${n}`;
}

export function emptyDocument(name = "Untitled workflow"): WorkflowDocument {
  return {
    name,
    description: "",
    author: "",
    notes: "",
    version: "",
    contact: "",
    tags: [],
    format: "impasto.workflow",
    schema_version: "1.0.0",
    graph: { nodes: {}, edges: [] },
    layout: {},
    sticky_notes: [],
  };
}
