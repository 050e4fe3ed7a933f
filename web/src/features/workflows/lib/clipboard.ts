/**
 * Copy and paste of nodes: the selected nodes and the edges between them as JSON text (so they can be
 * pasted into another workflow, another tab, or kept in a file), and pasted back under fresh ids.
 */
import {
  type EditorEdge,
  type EditorNode,
  type GraphNodeItem,
  isGraphNode,
  newNodeId,
  type NodeData,
  toEditorEdge,
  toGraphEdge,
} from "./document";
import type { GraphEdge } from "./connections";

export const CLIPBOARD_FORMAT = "impasto.nodes";
/** How far a pasted copy sits from its original, so both stay visible. */
export const PASTE_OFFSET = 40;

export interface ClipboardNodes {
  format: typeof CLIPBOARD_FORMAT;
  nodes: { id: string; position: { x: number; y: number }; data: NodeData }[];
  edges: GraphEdge[];
}

/** The selected graph nodes and the edges among them; null when none is selected (notes are not copied). */
export function copySelection(nodes: EditorNode[], edges: EditorEdge[]): ClipboardNodes | null {
  const chosen = nodes.filter(isGraphNode).filter((node) => node.selected);
  if (chosen.length === 0) return null;
  const ids = new Set(chosen.map((node) => node.id));
  return {
    format: CLIPBOARD_FORMAT,
    nodes: chosen.map((node) => ({ id: node.id, position: { ...node.position }, data: structuredClone(node.data) })),
    edges: edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)).map(toGraphEdge),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function readNode(value: unknown): ClipboardNodes["nodes"][number] | null {
  if (!isObject(value) || typeof value.id !== "string" || !isObject(value.position) || !isObject(value.data))
    return null;
  const { x, y } = value.position;
  const data = value.data;
  if (typeof x !== "number" || typeof y !== "number" || typeof data.type !== "string" || !isObject(data.values)) {
    return null;
  }
  return {
    id: value.id,
    position: { x, y },
    data: {
      type: data.type,
      label: typeof data.label === "string" ? data.label : "",
      notes: typeof data.notes === "string" ? data.notes : "",
      collapsed: data.collapsed === true,
      ...(isObject(data.inputLabels) ? { inputLabels: stringEntries(data.inputLabels) } : {}),
      values: data.values,
    },
  };
}

/** The entries of an object whose values are strings (labels pasted from the clipboard). */
function stringEntries(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** Nodes read back from clipboard text; null for text that is not copied nodes (any other paste). */
export function readClipboard(text: string): ClipboardNodes | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(value) || value.format !== CLIPBOARD_FORMAT || !Array.isArray(value.nodes)) return null;
  const nodes = value.nodes.map(readNode);
  if (nodes.some((node) => node === null)) return null;
  const edges = (Array.isArray(value.edges) ? value.edges : []).filter(
    (edge): edge is GraphEdge =>
      isObject(edge) && ["source", "sourceField", "target", "targetField"].every((k) => typeof edge[k] === "string"),
  );
  return { format: CLIPBOARD_FORMAT, nodes: nodes as ClipboardNodes["nodes"], edges };
}

/** Editor nodes (selected) and edges for a paste: fresh ids beside `taken`, shifted by `offset`. */
export function pastedNodes(
  copied: ClipboardNodes,
  taken: Iterable<string>,
  offset: { x: number; y: number },
): { nodes: GraphNodeItem[]; edges: EditorEdge[] } {
  const used = new Set(taken);
  const ids = new Map<string, string>();
  const nodes = copied.nodes.map((node): GraphNodeItem => {
    const id = newNodeId(node.data.type, used);
    used.add(id);
    ids.set(node.id, id);
    const position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
    return { id, type: "impasto", position, selected: true, data: structuredClone(node.data) };
  });
  const edges = copied.edges
    .filter((edge) => ids.has(edge.source) && ids.has(edge.target))
    .map((edge) => toEditorEdge({ ...edge, source: ids.get(edge.source)!, target: ids.get(edge.target)! }));
  return { nodes, edges };
}

/** The offset that puts the top-left corner of the copied nodes at `point` (a paste where the pointer is). */
export function offsetTo(copied: ClipboardNodes, point: { x: number; y: number }): { x: number; y: number } {
  if (copied.nodes.length === 0) return { x: 0, y: 0 };
  const left = Math.min(...copied.nodes.map((node) => node.position.x));
  const top = Math.min(...copied.nodes.map((node) => node.position.y));
  return { x: point.x - left, y: point.y - top };
}
