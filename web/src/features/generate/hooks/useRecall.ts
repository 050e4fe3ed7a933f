/** Applies recalled parameters to the Generate form, reporting what could not be used. */
import { notifications } from "@mantine/notifications";
import { useCallback } from "react";
import { useUiStore } from "@/app/uiStore";
import { useModelsLoader } from "@/features/models/hooks/useModels";
import { RECALL_ALL, type RecallField, type RecallParameters, recallPatch } from "../lib/recall";
import { useGenerateStore } from "../store/generateStore";

export function useRecall() {
  const loadModels = useModelsLoader();
  return useCallback(
    async (params: RecallParameters, fields: readonly RecallField[] = RECALL_ALL, source?: string) => {
      const installed = await loadModels();
      const { patch, notes } = recallPatch(params, installed, fields, useGenerateStore.getState());
      useGenerateStore.getState().update(patch);
      useUiStore.getState().setTab("generate");
      const what = fields.length === 1 ? `the ${fields[0]}` : "the parameters";
      notifications.show({
        color: notes.length ? "yellow" : "green",
        title: `Recalled ${what}${source ? ` from ${source}` : ""}`,
        message: notes.length ? notes.join(" ") : "The form now holds them.",
        autoClose: notes.length ? 8000 : 2500,
      });
    },
    [loadModels],
  );
}
