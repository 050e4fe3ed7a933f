/**
 * The open workflow: its nodes and edges as the editor draws them, the document they came from (for the
 * parts the editor does not change), where it is stored, whether it changed since, and the last run.
 */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { create } from "zustand";
import type { Schemas } from "@/api/client";
import type { ServerEvent } from "@/api/events";
import {
  type EditorEdge,
  type EditorNode,
  type GraphNodeItem,
  isGraphNode,
  type NodeData,
  emptyDocument,
  fromDocument,
  newNodeId,
  toDocument,
  toEditorEdge,
  type WorkflowDocument,
} from "../lib/document";
import { type ClipboardNodes, copySelection, PASTE_OFFSET, pastedNodes } from "../lib/clipboard";
import type { GraphEdge } from "../lib/connections";
import { withFormField, type WorkflowForm } from "../lib/form";
import { emptyForm } from "../lib/formEdit";
import { type IssueMap, NO_ISSUES } from "../lib/issues";
import { emptyHistory, type History, record, redo, seal, undo } from "../lib/history";
import type { NodeSchema } from "../lib/nodeSchema";
import { caughtUpRun, IDLE_RUN, reduceRun, refusedRun, type RunState, startedRun } from "../lib/runState";

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
  /** Undo steps: the nodes, edges and form before each change. */
  history: History<Snapshot>;
  load: (document: WorkflowDocument, open: OpenWorkflow) => void;
  reset: () => void;
  markSaved: (open: OpenWorkflow, document: WorkflowDocument) => void;
  document: () => WorkflowDocument;
  onNodesChange: (changes: NodeChange<EditorNode>[]) => void;
  onEdgesChange: (changes: EdgeChange[]) => void;
  /** Adds a node; `edgeTo` may connect it in the same undo step (a connection dropped on the empty graph). */
  addNode: (
    schema: NodeSchema,
    position: { x: number; y: number },
    edgeTo?: (id: string) => GraphEdge | null,
  ) => string;
  addNote: (position: { x: number; y: number }) => string;
  /** Changes how a node is shown: its label, notes or folding. */
  setView: (nodeId: string, view: Partial<Pick<NodeData, "label" | "notes" | "collapsed">>) => void;
  /** Gives a node's input a label (shown on the node and in the form); an empty one restores its name. */
  setInputLabel: (nodeId: string, field: string, label: string) => void;
  setNoteText: (noteId: string, text: string) => void;
  /** Nodes whose notes the user opened (not saved: notes with text always show). */
  openNotes: string[];
  /** What the tab shows: the graph, or the workflow's form to fill in (the linear view). */
  mode: "graph" | "form";
  setMode: (mode: "graph" | "form") => void;
  /** Changes the workflow's form (the form builder's edits; an empty one when it has none), as one undo
   * step per `key`. */
  changeForm: (change: (form: WorkflowForm) => WorkflowForm, key: string) => void;
  /** The server's problems with the graph as it is, placed on nodes and inputs. */
  issues: IssueMap;
  setIssues: (issues: IssueMap) => void;
  /** Whether the linear view shows the form builder's handles, settings and add buttons. */
  formEditing: boolean;
  setFormEditing: (editing: boolean) => void;
  /** Adds a node's field to the workflow's form (a form is made when it has none). */
  addToForm: (nodeId: string, field: string) => void;
  toggleNotes: (nodeId: string) => void;
  connect: (edge: GraphEdge) => void;
  setValue: (nodeId: string, field: string, value: unknown) => void;
  /** How many times Invoke queues the workflow (the batch count; not saved with it). */
  runs: number;
  setRuns: (runs: number) => void;
  startRun: (itemIds: number[]) => void;
  refuseRun: (message: string, details: unknown) => void;
  hear: (event: ServerEvent) => void;
  /** Brings the run up to date from its queue item (events missed while the tab was not shown). */
  catchUp: (item: Schemas["QueueItem"]) => void;
  undo: () => void;
  redo: () => void;
  /** Ends a run of merged changes (typing into a field) so the next change is its own undo step. */
  sealHistory: () => void;
  paste: (copied: ClipboardNodes, offset?: { x: number; y: number }) => void;
  duplicate: () => void;
  selectAll: () => void;
  /** Moves nodes to new positions (align, distribute, auto-layout) as one undo step. */
  moveNodes: (positions: Map<string, { x: number; y: number }>) => void;
}

interface Snapshot {
  form: WorkflowDocument["form"];
  nodes: EditorNode[];
  edges: EditorEdge[];
}

/** The undo key of a batch of node or edge changes; null for those that change nothing saved. */
function changeKey(changes: (NodeChange | EdgeChange)[]): string | null {
  const saved = changes.filter(changesDocument);
  if (saved.length === 0) return null;
  if (saved.every((change) => change.type === "remove")) return "remove";
  if (saved.every((change) => change.type === "position")) {
    return `move:${saved.map((change) => ("id" in change ? change.id : "")).join(",")}`;
  }
  return saved.map((change) => change.type).join(",");
}

/** Whether a batch of changes ends a drag (the run of moves it made is then one step). */
const endsDrag = (changes: NodeChange[]) =>
  changes.some((change) => change.type === "position" && change.dragging === false);

const defaults = (schema: NodeSchema): Record<string, unknown> =>
  Object.fromEntries(
    schema.inputs
      .filter((input) => input.input !== "connection" && input.default !== undefined && input.default !== null)
      .map((input) => [input.name, input.default]),
  );

/** Changes that only select or measure nodes do not make the workflow unsaved. */
const changesDocument = (change: NodeChange | EdgeChange) => change.type !== "select" && change.type !== "dimensions";

export const useEditorStore = create<EditorState>()((set, get) => {
  /** Records the current nodes and edges as an undo step before a change of `key`. */
  const snapshot = (): Snapshot => ({ form: get().base.form, nodes: get().nodes, edges: get().edges });
  const remember = (key: string) => set((state) => ({ history: record(state.history, snapshot(), key, Date.now()) }));
  const restore = (step: { state: Snapshot; history: History<Snapshot> } | null) => {
    if (!step) return;
    const { form, nodes, edges } = step.state;
    set((state) => ({ nodes, edges, base: { ...state.base, form }, history: step.history, dirty: true }));
  };
  return {
    nodes: [],
    edges: [],
    base: emptyDocument(),
    open: { id: null, category: null },
    dirty: false,
    run: IDLE_RUN,
    history: emptyHistory(),
    openNotes: [],
    mode: "graph",
    setMode: (mode) => set({ mode }),
    issues: NO_ISSUES,
    setIssues: (issues) => set({ issues }),
    formEditing: false,
    setFormEditing: (formEditing) => set({ formEditing }),
    changeForm: (change, key) => {
      remember(`form:${key}`);
      set((state) => ({ base: { ...state.base, form: change(state.base.form ?? emptyForm()) }, dirty: true }));
    },
    addToForm: (nodeId, field) => {
      remember(`form:${nodeId}.${field}`);
      set((state) => ({ base: { ...state.base, form: withFormField(state.base.form, nodeId, field) }, dirty: true }));
    },
    toggleNotes: (nodeId) =>
      set((state) => ({
        openNotes: state.openNotes.includes(nodeId)
          ? state.openNotes.filter((id) => id !== nodeId)
          : [...state.openNotes, nodeId],
      })),
    load: (document, open) =>
      set({ ...fromDocument(document), base: document, open, dirty: false, run: IDLE_RUN, history: emptyHistory() }),
    reset: () => get().load(emptyDocument(), { id: null, category: null }),
    markSaved: (open, document) => set({ open, base: document, dirty: false }),
    document: () => toDocument(get().base, get().nodes, get().edges),
    onNodesChange: (changes) => {
      const key = changeKey(changes);
      if (key) remember(key);
      set((state) => ({
        nodes: applyNodeChanges(changes, state.nodes),
        dirty: state.dirty || key !== null,
        history: endsDrag(changes) ? seal(state.history) : state.history,
      }));
    },
    onEdgesChange: (changes) => {
      const key = changeKey(changes);
      if (key) remember(key);
      set((state) => ({ edges: applyEdgeChanges(changes, state.edges), dirty: state.dirty || key !== null }));
    },
    addNode: (schema, position, edgeTo) => {
      const id = newNodeId(
        schema.type,
        get().nodes.map((node) => node.id),
      );
      const node: GraphNodeItem = {
        id,
        type: "impasto",
        position,
        data: { type: schema.type, label: "", notes: "", collapsed: false, values: defaults(schema) },
      };
      remember(`add:${id}`);
      const edge = edgeTo?.(id);
      set((state) => ({
        nodes: [...state.nodes, node],
        edges: edge ? [...state.edges, toEditorEdge(edge)] : state.edges,
        dirty: true,
      }));
      return id;
    },
    connect: (edge) => {
      remember("connect");
      set((state) => ({
        edges: [...state.edges.filter((old) => old.id !== toEditorEdge(edge).id), toEditorEdge(edge)],
        dirty: true,
      }));
    },
    setValue: (nodeId, field, value) => {
      remember(`value:${nodeId}.${field}`);
      set((state) => ({
        dirty: true,
        nodes: state.nodes.map((node) => {
          if (node.id !== nodeId || !isGraphNode(node)) return node;
          const values = { ...node.data.values };
          if (value === undefined) delete values[field];
          else values[field] = value;
          return { ...node, data: { ...node.data, values } };
        }),
      }));
    },
    addNote: (position) => {
      const id = newNodeId(
        "note",
        get().nodes.map((node) => node.id),
      );
      remember(`add:${id}`);
      set((state) => ({ nodes: [...state.nodes, { id, type: "note", position, data: { text: "" } }], dirty: true }));
      return id;
    },
    setView: (nodeId, view) => {
      remember(`view:${nodeId}.${Object.keys(view).join(",")}`);
      set((state) => ({
        dirty: true,
        nodes: state.nodes.map((node) =>
          node.id === nodeId && isGraphNode(node) ? { ...node, data: { ...node.data, ...view } } : node,
        ),
      }));
    },
    setInputLabel: (nodeId, field, label) => {
      remember(`input-label:${nodeId}.${field}`);
      set((state) => ({
        dirty: true,
        nodes: state.nodes.map((node) => {
          if (node.id !== nodeId || !isGraphNode(node)) return node;
          const inputLabels = { ...node.data.inputLabels };
          if (label.trim()) inputLabels[field] = label.trim();
          else delete inputLabels[field];
          return { ...node, data: { ...node.data, inputLabels } };
        }),
      }));
      get().sealHistory();
    },
    setNoteText: (noteId, text) => {
      remember(`note:${noteId}`);
      set((state) => ({
        dirty: true,
        nodes: state.nodes.map((node) =>
          node.id === noteId && node.type === "note" ? { ...node, data: { text } } : node,
        ),
      }));
    },
    runs: 1,
    setRuns: (runs) => set({ runs }),
    startRun: (itemIds) => set({ run: startedRun(itemIds) }),
    refuseRun: (message, details) => set({ run: refusedRun(message, details) }),
    hear: (event) => set((state) => ({ run: reduceRun(state.run, event) })),
    catchUp: (item) => set((state) => ({ run: caughtUpRun(state.run, item) })),
    undo: () => restore(undo(get().history, snapshot())),
    redo: () => restore(redo(get().history, snapshot())),
    sealHistory: () => set((state) => ({ history: seal(state.history) })),
    paste: (copied, offset = { x: PASTE_OFFSET, y: PASTE_OFFSET }) => {
      if (copied.nodes.length === 0) return;
      remember("paste");
      const { nodes, edges } = pastedNodes(
        copied,
        get().nodes.map((node) => node.id),
        offset,
      );
      set((state) => ({
        nodes: [...state.nodes.map((node) => ({ ...node, selected: false })), ...nodes],
        edges: [...state.edges.map((edge) => ({ ...edge, selected: false })), ...edges],
        dirty: true,
      }));
      get().sealHistory();
    },
    duplicate: () => {
      const copied = copySelection(get().nodes, get().edges);
      if (copied) get().paste(copied);
    },
    selectAll: () => set((state) => ({ nodes: state.nodes.map((node) => ({ ...node, selected: true })) })),
    moveNodes: (positions) => {
      if (positions.size === 0) return;
      remember("arrange");
      set((state) => ({
        dirty: true,
        nodes: state.nodes.map((node) => {
          const position = positions.get(node.id);
          return position ? { ...node, position } : node;
        }),
      }));
      get().sealHistory();
    },
  };
});
