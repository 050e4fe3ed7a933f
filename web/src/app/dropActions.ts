/**
 * What a file dropped onto the page does: a workflow file, or an image carrying an Impasto workflow, is
 * imported into the library and opened in the Workflows tab; any other image recalls its parameters.
 */
import { notifications } from "@mantine/notifications";
import { api, call, postForm, type Schemas } from "@/api/client";
import { describeError } from "@/api/errors";
import { droppedKind, importOutcome, parseWorkflowText, workflowInChunks } from "@/common/lib/workflowDrop";
import { useUiStore } from "./uiStore";

const SOURCES: Record<string, string> = {
  impasto: "Impasto",
  invokeai: "InvokeAI",
  a1111: "AUTOMATIC1111",
  comfyui: "ComfyUI",
};

type Recall = (params: Schemas["RecallParameters"], image: undefined, label: string) => Promise<unknown>;

/** Imports a workflow document and opens it in the Workflows tab. */
export async function importAndOpen(data: Record<string, unknown>, from: string): Promise<void> {
  const answer: unknown = await call(api.POST("/api/v1/workflows/import", { body: data }));
  const outcome = importOutcome(answer);
  useUiStore.getState().openWorkflow(outcome.id);
  notifications.show({
    color: outcome.notes.length ? "yellow" : "green",
    title: `Imported “${outcome.name}” from ${from}`,
    message: outcome.notes.length ? outcome.notes.join("\n") : "Opened in the Workflows tab.",
    autoClose: outcome.notes.length ? false : 4000,
  });
}

async function fromImage(file: File, recall: Recall): Promise<void> {
  const form = new FormData();
  form.append("file", file);
  const report = await postForm<Schemas["MetadataReport"]>("/api/v1/metadata/parse", form);
  const workflow = workflowInChunks(report.chunks);
  if (workflow) return importAndOpen(workflow, file.name);
  const params = report.recall;
  if (!params.source) {
    notifications.show({ color: "yellow", title: file.name, message: "This image carries no generation parameters." });
    return;
  }
  await recall(params, undefined, `${file.name} (${SOURCES[params.source] ?? params.source})`);
}

/** Handles one dropped file; every failure is shown, naming the file. */
export async function handleDroppedFile(file: File, recall: Recall): Promise<void> {
  try {
    if (droppedKind(file) === "workflow") await importAndOpen(parseWorkflowText(await file.text()), file.name);
    else await fromImage(file, recall);
  } catch (error) {
    notifications.show({ color: "red", title: `Could not read ${file.name}`, message: describeError(error) });
  }
}
