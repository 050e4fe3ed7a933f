/** Invoking: the form becomes a request; problems come back next to the controls that caused them. */
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { api, call } from "@/api/client";
import { fieldProblems } from "@/api/errors";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { buildRequest, problemsByControl } from "../lib/buildRequest";
import type { GenerateForm } from "../lib/form";
import { FORM_KEYS, useGenerateStore } from "../store/generateStore";

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

export function useGenerate() {
  return useMutation({
    mutationFn: (options: { prepend: boolean }) => {
      const request = buildRequest(currentForm(), {
        board: targetBoard(useGalleryStore.getState().boardId),
        prepend: options.prepend,
      });
      return call(api.POST("/api/v1/generate", { body: request }));
    },
    onSuccess: (result) => {
      const store = useGenerateStore.getState();
      store.setProblems({}, null);
      store.rememberSeeds(result.seeds);
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
