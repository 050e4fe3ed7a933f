/** The server's node types and workflow library, and the editor's commands on them (open, save, run). */
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, call, postForm, type Schemas } from "@/api/client";
import { ApiError, describeError } from "@/api/errors";
import { queryKeys } from "@/api/queryKeys";
import { importSummary, isImageFile } from "../lib/importReport";
import { schemaMap } from "../lib/nodeSchema";
import { useEditorStore } from "../store/editorStore";

export function useNodeSchemas() {
  return useQuery({
    queryKey: queryKeys.nodes,
    queryFn: async () => schemaMap(await call(api.GET("/api/v1/nodes"))),
    staleTime: Infinity,
  });
}

export function failed(title: string, error: unknown): void {
  notifications.show({ color: "red", title, message: describeError(error), autoClose: 10_000 });
}

export function useWorkflowCommands() {
  const queryClient = useQueryClient();
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.workflows }),
    [queryClient],
  );

  const open = useCallback(async (id: string) => {
    try {
      const record = await call(api.GET("/api/v1/workflows/{workflow_id}", { params: { path: { workflow_id: id } } }));
      useEditorStore.getState().load(record.workflow, { id: record.id, category: record.category });
      return true;
    } catch (error) {
      failed("Could not open the workflow", error);
      return false;
    }
  }, []);

  /** Saves as a new user workflow named `name` (a default workflow is always saved this way). */
  const saveAs = useCallback(
    async (name: string) => {
      const document = { ...useEditorStore.getState().document(), name };
      try {
        const record = await call(api.POST("/api/v1/workflows", { body: document }));
        useEditorStore.getState().markSaved({ id: record.id, category: record.category }, record.workflow);
        refresh();
        notifications.show({ color: "green", message: `Saved “${record.name}”.` });
        return true;
      } catch (error) {
        failed("Could not save the workflow", error);
        return false;
      }
    },
    [refresh],
  );

  /** Saves over the open user workflow; false when there is none to save over (then ask for a name). */
  const save = useCallback(async () => {
    const { open: current, document } = useEditorStore.getState();
    if (current.id === null || current.category !== "user") return false;
    const doc = document();
    try {
      const record = await call(
        api.PATCH("/api/v1/workflows/{workflow_id}", {
          params: { path: { workflow_id: current.id } },
          body: { graph: doc.graph, layout: doc.layout, form: doc.form, remove_form: !doc.form },
        }),
      );
      useEditorStore.getState().markSaved({ id: record.id, category: record.category }, record.workflow);
      refresh();
      notifications.show({ color: "green", message: `Saved “${record.name}”.` });
    } catch (error) {
      failed("Could not save the workflow", error);
    }
    return true;
  }, [refresh]);

  const invoke = useCallback(async () => {
    const { document, runs } = useEditorStore.getState();
    const doc = document();
    try {
      const batch = await call(
        api.POST("/api/v1/queue/enqueue", {
          body: { graph: doc.graph, workflow: doc as unknown as Record<string, unknown>, runs, prepend: false },
        }),
      );
      if (batch.item_ids.length > 0) useEditorStore.getState().startRun(batch.item_ids);
    } catch (error) {
      if (error instanceof ApiError) useEditorStore.getState().refuseRun(error.message, error.details);
      failed("Could not queue the workflow", error);
    }
  }, []);

  /** Imports a workflow file (Impasto's or InvokeAI's JSON) or the workflow an image carries, opens it
   * and says what of it could not be carried over. */
  const importFile = useCallback(
    async (file: File) => {
      try {
        let imported: Schemas["WorkflowImport"];
        if (isImageFile(file)) {
          const form = new FormData();
          form.append("file", file, file.name);
          imported = await postForm<Schemas["WorkflowImport"]>("/api/v1/workflows/import/image", form);
        } else {
          const data = JSON.parse(await file.text()) as Record<string, unknown>;
          imported = await call(api.POST("/api/v1/workflows/import", { body: data }));
        }
        const record = imported.workflow;
        useEditorStore.getState().load(record.workflow, { id: record.id, category: record.category });
        refresh();
        const summary = importSummary(record.name, imported.report);
        notifications.show({ ...summary, autoClose: summary.color === "green" ? 4000 : 20_000 });
        return true;
      } catch (error) {
        failed("Could not import the workflow", error);
        return false;
      }
    },
    [refresh],
  );

  return { open, save, saveAs, invoke, importFile };
}
