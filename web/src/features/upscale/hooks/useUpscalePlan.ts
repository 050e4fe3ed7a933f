/** What the Upscale form makes of the server's data: the installed upscalers, the image's size, the scale. */
import { useEffect, useMemo } from "react";
import { useImage } from "@/features/gallery/hooks/useGallery";
import { type ModelRecord, useInstalledModels } from "@/features/models/hooks/useModels";
import { enlarges, modelScale, planScale, type ScalePlan, type Size } from "../lib/scale";
import { useUpscaleStore } from "../store/upscaleStore";

export interface UpscalePlan {
  upscalers: ModelRecord[];
  isLoading: boolean;
  /** The chosen upscaler, once it is known to be installed. */
  model: ModelRecord | null;
  /** The model's own factor, once a model is chosen. */
  native: number | null;
  /** The image's size, once its record is loaded. */
  source: Size | null;
  /** True when the chosen image is not stored (any more). */
  missingImage: boolean;
  scale: ScalePlan;
}

export function useUpscalePlan(): UpscalePlan {
  const { ofType, isLoading } = useInstalledModels();
  const image = useUpscaleStore((state) => state.image);
  const modelKey = useUpscaleStore((state) => state.model);
  const chosen = useUpscaleStore((state) => state.scale);
  const record = useImage(image);
  const upscalers = useMemo(() => ofType("upscaler").filter((model) => enlarges(model.details)), [ofType]);
  const model = upscalers.find((upscaler) => upscaler.key === modelKey) ?? null;
  const native = model ? modelScale(model.details) : null;
  const data = image ? record.data : undefined;
  const source = useMemo(() => (data ? { width: data.width, height: data.height } : null), [data]);
  const scale = useMemo(() => planScale(source, native, chosen), [source, native, chosen]);
  return { upscalers, isLoading, model, native, source, missingImage: !!image && record.isError, scale };
}

/** Chooses the first installed upscaler while the form names none that is installed. */
export function useDefaultUpscaler(plan: UpscalePlan): void {
  const update = useUpscaleStore((state) => state.update);
  const first = plan.upscalers[0]?.key;
  const chosen = plan.model?.key;
  useEffect(() => {
    if (!chosen && first && !plan.isLoading) update({ model: first });
  }, [chosen, first, plan.isLoading, update]);
}
