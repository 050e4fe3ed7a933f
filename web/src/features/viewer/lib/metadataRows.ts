/** The rows of the metadata panel: each recallable parameter an image carries, as text, with its field. */
import type { RecallField, RecallParameters } from "@/features/generate/lib/recall";
import { describeRecalledRefiner } from "@/features/generate/lib/refiner";

export interface MetadataRow {
  field: RecallField;
  label: string;
  value: string;
}

type Ref = { name?: string | null; key?: string | null; hash?: string | null } | null | undefined;

function refName(ref: Ref): string | null {
  return ref ? (ref.name ?? ref.key ?? ref.hash ?? null) : null;
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && value !== "";
}

/** Rows for every parameter present, in the order of the Generate form (schedulers by their labels). */
export function metadataRows(
  params: RecallParameters,
  schedulers: { value: string; label: string }[] = [],
): MetadataRow[] {
  const scheduler = params.scheduler
    ? (schedulers.find((choice) => choice.value === params.scheduler)?.label ?? params.scheduler)
    : null;
  const refiner = describeRecalledRefiner(
    params,
    (value) => schedulers.find((choice) => choice.value === value)?.label ?? value,
  );
  const rows: (MetadataRow | null)[] = [
    present(params.positive_prompt) ? { field: "prompt", label: "Prompt", value: params.positive_prompt } : null,
    present(params.negative_prompt)
      ? { field: "negativePrompt", label: "Negative prompt", value: params.negative_prompt }
      : null,
    refName(params.model) ? { field: "model", label: "Model", value: refName(params.model) ?? "" } : null,
    refName(params.vae) ? { field: "vae", label: "VAE", value: refName(params.vae) ?? "" } : null,
    refName(params.t5_encoder) || refName(params.clip_embed)
      ? {
          field: "encoders",
          label: "Text encoders",
          value: [refName(params.t5_encoder), refName(params.clip_embed)].filter(Boolean).join(", "),
        }
      : null,
    params.loras?.length
      ? {
          field: "loras",
          label: "LoRAs",
          value: params.loras.map((lora) => `${refName(lora) ?? "?"} (${lora.weight ?? 1})`).join(", "),
        }
      : null,
    present(params.seed) ? { field: "seed", label: "Seed", value: String(params.seed) } : null,
    present(params.steps) ? { field: "steps", label: "Steps", value: String(params.steps) } : null,
    present(params.cfg_scale)
      ? {
          field: "cfgScale",
          label: "CFG scale",
          value: `${params.cfg_scale}${params.cfg_rescale ? ` (rescale ${params.cfg_rescale})` : ""}`,
        }
      : null,
    present(params.guidance) ? { field: "guidance", label: "Guidance", value: String(params.guidance) } : null,
    present(scheduler ?? params.sampler)
      ? { field: "scheduler", label: "Scheduler", value: scheduler ?? `${params.sampler} (not recognised)` }
      : null,
    params.width && params.height
      ? { field: "size", label: "Size", value: `${params.width} × ${params.height}` }
      : null,
    present(params.strength) ? { field: "strength", label: "Strength", value: String(params.strength) } : null,
    params.clip_skip ? { field: "clipSkip", label: "CLIP skip", value: String(params.clip_skip) } : null,
    params.seamless_x || params.seamless_y
      ? {
          field: "seamless",
          label: "Seamless",
          value: [params.seamless_x && "x", params.seamless_y && "y"].filter(Boolean).join(" + "),
        }
      : null,
    params.hires_scale
      ? {
          field: "hires",
          label: "Hires fix",
          value: `×${params.hires_scale}, strength ${params.hires_strength ?? "?"}`,
        }
      : null,
    refiner ? { field: "refiner", label: "Refiner", value: refiner } : null,
    params.control?.length
      ? {
          field: "control",
          label: "Control",
          value: params.control
            .map((unit) => `${unit.kind} ${refName(unit.model) ?? "?"} (${unit.weight ?? 1})`)
            .join(", "),
        }
      : null,
    present(params.init_image) ? { field: "initImage", label: "Init image", value: params.init_image } : null,
    present(params.reference_image)
      ? { field: "referenceImage", label: "Reference image", value: params.reference_image }
      : null,
  ];
  return rows.filter((row): row is MetadataRow => row !== null);
}
