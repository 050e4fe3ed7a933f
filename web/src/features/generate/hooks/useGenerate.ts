/** Invoking: the form becomes a request; problems come back next to the controls that caused them. */
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { api, call } from "@/api/client";
import { ApiError, fieldProblems } from "@/api/errors";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { useModelsLoader } from "@/features/models/hooks/useModels";
import type { Schemas } from "@/api/client";
import type { ModelRecord } from "@/features/models/hooks/useModels";
import { buildRequest, type GenerateRequest, problemsByControl } from "../lib/buildRequest";
import type { GenerateForm } from "../lib/form";
import { FORM_KEYS, useGenerateStore } from "../store/generateStore";

const MISSING_REFINER = "pick a refiner model, or turn the refiner off";

function currentForm(): GenerateForm {
  const state = useGenerateStore.getState();
  return Object.fromEntries(FORM_KEYS.map((key) => [key, state[key]])) as unknown as GenerateForm;
}

/** Scrolls the settings so the first control showing a problem is in view (after React has drawn it). */
function revealFirstProblem(): void {
  requestAnimationFrame(() => {
    const panel = document.querySelector("[data-testid=generate-panel]");
    panel
      ?.querySelector("[aria-invalid=true], [data-problem]")
      ?.scrollIntoView({ block: "center", behavior: "smooth" });
  });
}

/** What another tab changes about invoking (the canvas sends its box's images with the form's request). */
export interface GenerateHooks {
  /** The request to send, made from the form's (uploads may happen here), and the main model's record. */
  prepare?: (request: GenerateRequest, model: ModelRecord | null) => Promise<GenerateRequest>;
  /** Called with the server's answer once the items are queued. */
  onQueued?: (result: Schemas["GenerateResult"]) => void;
}

export function useGenerate(hooks: GenerateHooks = {}) {
  const loadModels = useModelsLoader();
  return useMutation({
    mutationFn: async (options: { prepend: boolean }) => {
      const form = currentForm();
      // the refiner and the family's fields need the main model; without the model list they are not sent
      const models = await loadModels().catch(() => []);
      const model = models.find((record) => record.key === form.model) ?? null;
      const request = buildRequest(form, {
        board: targetBoard(useGalleryStore.getState().boardId),
        prepend: options.prepend,
        model,
      });
      if (request.refiner && !request.refiner.model) {
        // caught here rather than by the server, whose schema message ("at least 1 character") says less
        throw new ApiError(422, "invalid_input", `refiner.model: ${MISSING_REFINER}`, { field: "refiner.model" });
      }
      const body = hooks.prepare ? await hooks.prepare(request, model) : request;
      return call(api.POST("/api/v1/generate", { body }));
    },
    onSuccess: (result) => {
      const store = useGenerateStore.getState();
      store.setProblems({}, null);
      store.rememberSeeds(result.seeds);
      hooks.onQueued?.(result);
      const count = result.item_ids.length;
      notifications.show({
        message: `Queued ${count} image${count === 1 ? "" : "s"} (${result.width} × ${result.height}, seed ${result.seeds[0] ?? "?"}${count > 1 ? "…" : ""})`,
        autoClose: 2500,
      });
    },
    onError: (error) => {
      const { fields, general } = fieldProblems(error);
      const problems = problemsByControl(fields, currentForm());
      const unplaced = problems.general ?? general;
      delete problems.general;
      useGenerateStore.getState().setProblems(problems, unplaced);
      revealFirstProblem();
      notifications.show({
        color: "red",
        title: "Cannot generate",
        message: Object.values(problems)[0] ?? unplaced ?? "",
      });
    },
  });
}
