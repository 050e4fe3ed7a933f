/**
 * The graph: pan and zoom, a minimap and controls, nodes drawn from their schemas, edges coloured by the
 * type they carry. A connection dropped on the empty graph opens the palette with the nodes that take it,
 * and the one picked is placed there and connected. A new edge is checked with the server's rules first and
 * refused, with the reason shown, when it breaks one. Selected nodes align and distribute, and the graph
 * lays itself out in columns. Space or a double click on the empty graph opens the node palette; Delete or
 * Backspace removes the selected nodes and edges; Ctrl+Z / Ctrl+Shift+Z undo and redo; Ctrl+C / Ctrl+V
 * copy and paste the selected nodes (as JSON text on the clipboard, so between tabs and workflows too; a
 * paste lands under the pointer) and Ctrl+D duplicates them.
 */
import { Alert, Box, Button, Group } from "@mantine/core";
import {
  Background,
  type Connection,
  Controls,
  type FinalConnectionState,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type ClipboardNodes, copySelection, offsetTo, readClipboard } from "../lib/clipboard";
import { connectionRefusal } from "../lib/connections";
import { type DanglingEnd, danglingEdge, offersFor } from "../lib/dangling";
import { graphShape, isGraphNode, toGraphEdge } from "../lib/document";
import { shortcutOf } from "../lib/history";
import { type NodeSchema, typeColour } from "../lib/nodeSchema";
import { useEditorStore } from "../store/editorStore";
import { ArrangeMenu } from "./ArrangeMenu";
import { GraphNode } from "./GraphNode";
import { NodePalette } from "./NodePalette";
import { NoteNode } from "./NoteNode";

const NODE_TYPES = { impasto: GraphNode, note: NoteNode };
const REFUSAL_MS = 6000;

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));
}

export function EditorCanvas({ schemas }: { schemas: Map<string, NodeSchema> }) {
  const { nodes, edges, onNodesChange, onEdgesChange, connect, addNode } = useEditorStore();
  const flow = useReactFlow();
  const box = useRef<HTMLDivElement>(null);
  const pointer = useRef({ x: 200, y: 150 });
  const [palette, setPalette] = useState<{ x: number; y: number; end?: DanglingEnd } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(() => setRefusal(null), REFUSAL_MS);
    return () => clearTimeout(timer);
  }, [refusal]);

  const onConnect = useCallback(
    (connection: Connection) => {
      const state = useEditorStore.getState();
      const edge = toGraphEdge(connection);
      const reason = connectionRefusal(graphShape(state.nodes, state.edges, schemas), edge);
      if (reason) setRefusal(reason);
      else connect(edge);
    },
    [schemas, connect],
  );

  const openPalette = useCallback((clientX: number, clientY: number, end?: DanglingEnd) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect) return;
    setPalette({ x: clientX - rect.left, y: clientY - rect.top, end });
  }, []);

  /** A connection dropped away from any handle opens the palette there, listing the nodes that take it. */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.toHandle || !state.fromHandle?.id) return;
      if ((event.target as HTMLElement | null)?.closest(".react-flow__node")) return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      if (!point) return;
      const end = { nodeId: state.fromHandle.nodeId, field: state.fromHandle.id, side: state.fromHandle.type };
      openPalette(point.clientX, point.clientY, end);
    },
    [openPalette],
  );
  const offer = useMemo(() => {
    if (!palette?.end) return undefined;
    const state = useEditorStore.getState();
    return offersFor(graphShape(state.nodes, state.edges, schemas), palette.end);
  }, [palette, schemas]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (isTyping(event.target) || palette) return;
    const shortcut = shortcutOf(event);
    if (shortcut) {
      event.preventDefault();
      useEditorStore.getState()[shortcut]();
    } else if (event.key === " ") {
      event.preventDefault();
      openPalette(pointer.current.x, pointer.current.y);
    }
  };

  const onCopy = (event: React.ClipboardEvent) => {
    if (isTyping(event.target)) return;
    const state = useEditorStore.getState();
    const copied = copySelection(state.nodes, state.edges);
    if (!copied) return;
    event.preventDefault();
    event.clipboardData.setData("text/plain", JSON.stringify(copied, null, 2));
  };

  const onPaste = (event: React.ClipboardEvent) => {
    if (isTyping(event.target)) return;
    const copied = readClipboard(event.clipboardData.getData("text/plain"));
    if (!copied) return;
    event.preventDefault();
    useEditorStore.getState().paste(copied, pasteOffset(copied));
  };

  /** Where a paste goes: under the pointer when it is over the graph (nodes copied in another tab or
   * workflow land in view), else beside the originals. */
  const pasteOffset = (copied: ClipboardNodes) => {
    const rect = box.current?.getBoundingClientRect();
    const { x, y } = pointer.current;
    if (!rect || x < rect.left || x > rect.right || y < rect.top || y > rect.bottom) return undefined;
    return offsetTo(copied, flow.screenToFlowPosition({ x, y }));
  };

  const pick = (schema: NodeSchema) => {
    const rect = box.current?.getBoundingClientRect();
    if (palette && rect) {
      const { end } = palette;
      const state = useEditorStore.getState();
      const shape = graphShape(state.nodes, state.edges, schemas);
      const position = flow.screenToFlowPosition({ x: palette.x + rect.left, y: palette.y + rect.top });
      addNode(schema, position, end && ((id) => danglingEdge(shape, end, schema, id)));
    }
    setPalette(null);
    box.current?.focus();
  };

  const addNoteInView = () => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect) return;
    useEditorStore.getState().addNote(flow.screenToFlowPosition({ x: rect.left + 60, y: rect.top + 60 }));
  };

  const styledEdges = useMemo(
    () =>
      edges.map((edge) => {
        const source = nodes.find((node) => node.id === edge.source);
        const type = source && isGraphNode(source) ? source.data.type : "";
        const output = schemas.get(type)?.outputs.find((field) => field.name === edge.sourceHandle);
        return { ...edge, style: { stroke: typeColour(output?.type ?? "any"), strokeWidth: 2 } };
      }),
    [edges, nodes, schemas],
  );

  return (
    <Box
      ref={box}
      h="100%"
      pos="relative"
      tabIndex={0}
      onKeyDown={onKeyDown}
      onCopy={onCopy}
      onPaste={onPaste}
      onMouseMove={(event) => {
        pointer.current = { x: event.clientX, y: event.clientY };
      }}
      onDoubleClick={(event) => {
        if ((event.target as HTMLElement).classList.contains("react-flow__pane"))
          openPalette(event.clientX, event.clientY);
      }}
      style={{ outline: "none" }}
      data-testid="workflow-editor"
    >
      <ReactFlow
        nodes={nodes}
        edges={styledEdges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        zoomOnDoubleClick={false}
        panActivationKeyCode={null}
        deleteKeyCode={["Delete", "Backspace"]}
        minZoom={0.1}
        colorMode="dark"
        fitView
      >
        <Background />
        <Controls />
        <MiniMap pannable zoomable />
        <Panel position="top-left">
          <Group gap={4}>
            <Button size="compact-xs" variant="default" onClick={addNoteInView} data-testid="workflow-add-note">
              Add note
            </Button>
            <ArrangeMenu onArranged={() => requestAnimationFrame(() => void flow.fitView({ padding: 0.1 }))} />
          </Group>
        </Panel>
      </ReactFlow>
      {palette && (
        <NodePalette schemas={schemas} at={palette} offer={offer} onPick={pick} onClose={() => setPalette(null)} />
      )}
      {refusal && (
        <Alert
          color="red"
          title="Connection refused"
          withCloseButton
          onClose={() => setRefusal(null)}
          pos="absolute"
          top={12}
          left="50%"
          style={{ transform: "translateX(-50%)", zIndex: 10, maxWidth: 520 }}
          data-testid="connection-refused"
        >
          {refusal}
        </Alert>
      )}
    </Box>
  );
}
