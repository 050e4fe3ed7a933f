/** Upscaling: the form becomes a request; problems come back next to the controls that caused them. */
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { api, call } from "@/api/client";
import { fieldProblems } from "@/api/errors";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { buildUpscaleRequest, missingParts, placeProblems, type UpscaleForm } from "../lib/request";
import { formatSize } from "../lib/scale";
import { currentUpscaleForm, type Problems, useUpscaleStore } from "../store/upscaleStore";
import type { UpscalePlan } from "./useUpscalePlan";

/** Scrolls the settings so the first control showing a problem is in view (after React has drawn it). */
function revealFirstProblem(): void {
  requestAnimationFrame(() => {
    document
      .querySelector("[data-testid=upscale-panel]")
      ?.querySelector("[aria-invalid=true], [data-problem]")
      ?.scrollIntoView({ block: "center", behavior: "smooth" });
  });
}

function report(problems: Problems): void {
  useUpscaleStore.getState().setProblems(problems);
  revealFirstProblem();
  notifications.show({ color: "red", title: "Cannot upscale", message: Object.values(problems)[0] ?? "" });
}

/** `run(prepend)` checks the form, then queues the upscale with the selected board. */
export function useUpscale(plan: UpscalePlan) {
  const mutation = useMutation({
    mutationFn: ({ form, prepend }: { form: UpscaleForm; prepend: boolean }) =>
      call(
        api.POST("/api/v1/upscale", {
          body: buildUpscaleRequest(form, { board: targetBoard(useGalleryStore.getState().boardId), prepend }),
        }),
      ),
    onSuccess: (result) => {
      useUpscaleStore.getState().setProblems({});
      notifications.show({
        message: `Queued an upscale to ${formatSize(result)} (item ${result.item_id})`,
        autoClose: 2500,
      });
    },
    onError: (error) => {
      const { fields, general } = fieldProblems(error);
      const { problems, message } = placeProblems(fields, general);
      useUpscaleStore.getState().setProblems(problems);
      if (Object.keys(problems).length) revealFirstProblem();
      notifications.show({ color: "red", title: "Cannot upscale", message });
    },
  });

  const run = (prepend: boolean) => {
    const form = { ...currentUpscaleForm(), scale: plan.scale.choice };
    const missing = missingParts(form);
    if (plan.missingImage) missing.image = "This image is no longer stored; choose another.";
    if (plan.scale.problem) missing.scale = plan.scale.problem;
    if (Object.keys(missing).length) return report(missing);
    mutation.mutate({ form, prepend });
  };
  return { run, isPending: mutation.isPending };
}
