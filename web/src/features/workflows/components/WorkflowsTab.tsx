/**
 * The Workflows tab: the visual node editor, or the workflow's form to fill in (the linear view). Loaded on
 * demand (with @xyflow/react) so the studio's first load does not carry it. It hears the server's events for
 * the runs it starts while it is shown, and reads a run's queue item when it is shown again.
 */
import { Center, Loader, Stack, Text } from "@mantine/core";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect } from "react";
import { api, call } from "@/api/client";
import { describeError } from "@/api/errors";
import { onServerEvent } from "@/app/useServerEvents";
import { useUiStore } from "@/app/uiStore";
import { useGraphValidation } from "../hooks/useGraphValidation";
import { useNodeSchemas, useWorkflowCommands } from "../hooks/useWorkflowApi";
import { openItems } from "../lib/runState";
import { useEditorStore } from "../store/editorStore";
import { EditorCanvas } from "./EditorCanvas";
import { EditorToolbar } from "./EditorToolbar";
import { FormView } from "./FormView";

/** The tab hears events only while it is shown: on its return, the items of a run it started are read
 * from the queue. */
async function catchUpRun(): Promise<void> {
  const { run, catchUp } = useEditorStore.getState();
  for (const itemId of openItems(run)) {
    try {
      catchUp(await call(api.GET("/api/v1/queue/items/{item_id}", { params: { path: { item_id: itemId } } })));
    } catch {
      // The item is gone (the queue was cleared): its last known state stays.
    }
  }
}

/** Opens the workflow another part of the page asked for (one dropped onto it), once the node types are known. */
function usePendingWorkflow(ready: boolean, onOpened: () => void) {
  const pending = useUiStore((state) => state.pendingWorkflow);
  const { open } = useWorkflowCommands();
  useEffect(() => {
    if (!pending || !ready) return;
    useUiStore.getState().openWorkflow(null);
    void open(pending).then((opened) => opened && onOpened());
  }, [pending, ready, open, onOpened]);
}

function Editor() {
  const schemas = useNodeSchemas();
  const flow = useReactFlow();
  const mode = useEditorStore((state) => state.mode);
  const fit = useCallback(() => requestAnimationFrame(() => void flow.fitView({ padding: 0.1 })), [flow]);
  useEffect(() => onServerEvent((event) => useEditorStore.getState().hear(event)), []);
  useEffect(() => void catchUpRun(), []);
  useGraphValidation();
  usePendingWorkflow(Boolean(schemas.data), fit);
  if (schemas.isLoading) {
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  }
  if (!schemas.data) {
    return (
      <Center h="100%">
        <Text c="red">Could not read the node types: {describeError(schemas.error)}</Text>
      </Center>
    );
  }
  return (
    <Stack gap={0} h="100%">
      <EditorToolbar onOpened={fit} onNew={() => void flow.setViewport({ x: 0, y: 0, zoom: 1 })} />
      <div style={{ flex: 1, minHeight: 0 }}>
        {mode === "form" ? <FormView schemas={schemas.data} /> : <EditorCanvas schemas={schemas.data} />}
      </div>
    </Stack>
  );
}

export default function WorkflowsTab() {
  return (
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}
