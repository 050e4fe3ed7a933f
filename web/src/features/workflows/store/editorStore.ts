/**
 * The open workflow: its nodes and edges as the editor draws them, the document they came from (for the
 * parts the editor does not change), where it is stored, whether it changed since, and the last run.
 */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { create } from "zustand";
import type { ServerEvent } from "@/api/events";
import {
  type EditorEdge,
  type EditorNode,
  emptyDocument,
  fromDocument,
  newNodeId,
  toDocument,
  toEditorEdge,
  type WorkflowDocument,
} from "../lib/document";
import type { GraphEdge } from "../lib/connections";
import type { NodeSchema } from "../lib/nodeSchema";
import { IDLE_RUN, reduceRun, refusedRun, type RunState, startedRun } from "../lib/runState";

export interface OpenWorkflow {
  /** Id in the library; null for a workflow never saved. */
  id: string | null;
  category: "user" | "default" | null;
}

interface EditorState {
  nodes: EditorNode[];
  edges: EditorEdge[];
  base: WorkflowDocument;
  open: OpenWorkflow;
  dirty: boolean;
  run: RunState;
  load: (document: WorkflowDocument, open: OpenWorkflow) => void;
  reset: () => void;
  markSaved: (open: OpenWorkflow, document: WorkflowDocument) => void;
  document: () => WorkflowDocument;
  onNodesChange: (changes: NodeChange<EditorNode>[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;
  addNode: (schema: NodeSchema, position: { x: number; y: number }) => string;
  connect: (edge: GraphEdge) => void;
  setValue: (nodeId: string, field: string, value: unknown) => void;
  startRun: (itemId: number) => void;
  refuseRun: (message: string, details: unknown) => void;
  hear: (event: ServerEvent) => void;
}

const defaults = (schema: NodeSchema): Record<string, unknown> =>
  Object.fromEntries(
    schema.inputs
      .filter((input) => input.input !== "connection" && input.default !== undefined && input.default !== null)
      .map((input) => [input.name, input.default]),
  );

/** Changes that only select or measure nodes do not make the workflow unsaved. */
const changesDocument = (change: NodeChange | EdgeChange) => change.type !== "select" && change.type !== "dimensions";

export const useEditorStore = create<EditorState>()((set, get) => ({
  nodes: [],
  edges: [],
  base: emptyDocument(),
  open: { id: null, category: null },
  dirty: false,
  run: IDLE_RUN,
  load: (document, open) => set({ ...fromDocument(document), base: document, open, dirty: false, run: IDLE_RUN }),
  reset: () => get().load(emptyDocument(), { id: null, category: null }),
  markSaved: (open, document) => set({ open, base: document, dirty: false }),
  document: () => toDocument(get().base, get().nodes, get().edges),
  onNodesChange: (changes) =>
    set((state) => ({
      nodes: applyNodeChanges(changes, state.nodes),
      dirty: state.dirty || changes.some(changesDocument),
    })),
  onEdgesChange: (changes) =>
    set((state) => ({
      edges: applyEdgeChanges(changes, state.edges),
      dirty: state.dirty || changes.some(changesDocument),
    })),
  addNode: (schema, position) => {
    const id = newNodeId(
      schema.type,
      get().nodes.map((node) => node.id),
    );
    const node: EditorNode = {
      id,
      type: "impasto",
      position,
      data: { type: schema.type, label: "", notes: "", collapsed: false, values: defaults(schema) },
    };
    set((state) => ({ nodes: [...state.nodes, node], dirty: true }));
    return id;
  },
  connect: (edge) => set((state) => ({ edges: [...state.edges, toEditorEdge(edge)], dirty: true })),
  setValue: (nodeId, field, value) =>
    set((state) => ({
      dirty: true,
      nodes: state.nodes.map((node) => {
        if (node.id !== nodeId) return node;
        const values = { ...node.data.values };
        if (value === undefined) delete values[field];
        else values[field] = value;
        return { ...node, data: { ...node.data, values } };
      }),
    })),
  startRun: (itemId) => set({ run: startedRun(itemId) }),
  refuseRun: (message, details) => set({ run: refusedRun(message, details) }),
  hear: (event) => set((state) => ({ run: reduceRun(state.run, event) })),
}));
