/**
 * Invoking on the canvas: the Generate panel's request plus the box — its layers composited to an RGBA
 * init image (left out when the box is empty), the inpaint mask when it has paint there, and the mask
 * layer's noise and denoise limit. The queued items go to the staging area over that box.
 */
import type { GenerateHooks } from "@/features/generate/hooks/useGenerate";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { composite, toPng } from "../engine/composite";
import { uploadIntermediate } from "../engine/persistence";
import type { Rect } from "../lib/document";
import { stagePending } from "../lib/staging";
import { useCanvasStore } from "../store/canvasStore";
import { currentBox } from "./useCanvasBox";

export function canvasInvokeHooks(): GenerateHooks {
  let box: Rect = currentBox();
  return {
    prepare: async (request) => {
      box = currentBox();
      const result = composite(useCanvasStore.getState().doc, box);
      const init = result.alpha === "empty" ? null : await uploadIntermediate(await toPng(result.image));
      const mask = result.mask ? await uploadIntermediate(await toPng(result.mask), "mask") : null;
      return {
        ...request,
        width: box.width,
        height: box.height,
        init_image: init,
        strength: init ? useGenerateStore.getState().strength : null,
        hires_fix: null,
        mask,
        noise_level: mask ? (result.maskLayer?.noiseLevel ?? null) : null,
        denoise_limit: mask ? (result.maskLayer?.denoiseLimit ?? null) : null,
      };
    },
    onQueued: (answer) =>
      useCanvasStore.getState().updateStaging((staging) => stagePending(staging, answer.item_ids, box)),
  };
}
