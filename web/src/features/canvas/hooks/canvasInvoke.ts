/**
 * Invoking on the canvas: the Generate panel's request plus the box — its layers composited to an RGBA
 * init image (left out when the box is empty), the inpaint mask when it has paint there, the mask
 * layer's noise and denoise limit, the infill and scaling settings (`lib/settings`), and the guidance layers (regions, control layers, reference images;
 * see `lib/units`). The queued items go to the staging area over that box.
 */
import { familyControls } from "@/features/generate/lib/family";
import type { GenerateHooks } from "@/features/generate/hooks/useGenerate";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { composite, controlImage, regionMask, toPng } from "../engine/composite";
import { uploadIntermediate } from "../engine/persistence";
import type { CanvasDocument, Rect } from "../lib/document";
import { settingsFields } from "../lib/settings";
import { stagePending } from "../lib/staging";
import { type CanvasUnits, guidanceLayers, unitFields } from "../lib/units";
import { useCanvasStore } from "../store/canvasStore";
import { useCanvasSettings } from "../store/settingsStore";
import { currentBox } from "./useCanvasBox";

/** Uploads the guidance layers' pixels in the box; layers with no paint there are left out. */
async function uploadUnits(doc: CanvasDocument, box: Rect): Promise<CanvasUnits> {
  const { regions, controls } = guidanceLayers(doc);
  const upload = async <L>(layer: L, canvas: HTMLCanvasElement | null, category: "mask" | "other") =>
    canvas ? { layer, image: await uploadIntermediate(await toPng(canvas), category) } : null;
  const present = <T>(items: (T | null)[]) => items.filter((item): item is T => item !== null);
  return {
    regions: present(await Promise.all(regions.map((layer) => upload(layer, regionMask(layer, box), "mask")))),
    controls: present(await Promise.all(controls.map((layer) => upload(layer, controlImage(layer, box), "other")))),
  };
}

export function canvasInvokeHooks(): GenerateHooks {
  let box: Rect = currentBox();
  return {
    prepare: async (request, model) => {
      box = currentBox();
      const doc = useCanvasStore.getState().doc;
      const result = composite(doc, box);
      const init = result.alpha === "empty" ? null : await uploadIntermediate(await toPng(result.image));
      const mask = result.mask ? await uploadIntermediate(await toPng(result.mask), "mask") : null;
      const form = useGenerateStore.getState();
      const units = unitFields(doc, await uploadUnits(doc, box), familyControls(model, form.cfgScale));
      return {
        ...request,
        ...units,
        ...settingsFields(useCanvasSettings.getState().settings, result.alpha),
        width: box.width,
        height: box.height,
        init_image: init,
        strength: init ? form.strength : null,
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
