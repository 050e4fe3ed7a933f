/**
 * What the Generate form offers for each model family. FLUX and SD 3.5 are flow-matching transformers:
 * they take other schedulers and sizes than Stable Diffusion's UNets, have no CLIP skip, seamless tiling,
 * ControlNet or T2I-Adapter support here, and may come as a transformer-only single file whose text
 * encoders are installed separately. FLUX dev adds a distilled guidance value, and its CFG scale is
 * "true" CFG (a second prediction per step, off at 1), so its negative prompt only matters above 1.
 * FLUX.1 Kontext models edit a reference image as the prompt says ("make the sky red"), at a lower
 * guidance than dev's.
 * Reference images steer Stable Diffusion through IP-Adapters (extra cross-attention tokens) and FLUX through
 * FLUX Redux (extra prompt tokens); SD 3.5 takes none.
 * Every branch on the family lives in this module; the components ask it what to show.
 */
import type { Schemas } from "@/api/client";
import { baseLabel } from "@/features/models/lib/labels";
import { gridFor } from "./sizes";

type ModelRecord = Schemas["ModelRecord"];

/** The parts of a model record the family decisions read. */
export type FamilyModel = Pick<ModelRecord, "base" | "variant" | "format">;

export type Family = "sd" | "flux" | "sd3";

/** The distilled guidance used when a FLUX dev record names none (the value FLUX dev was tuned around). */
export const DEFAULT_GUIDANCE = 3.5;
/** FLUX.1 Kontext's guidance when its record names none (the server's and diffusers' default for it). */
export const KONTEXT_GUIDANCE = 2.5;
/** What the reference image picker tells the user about the prompt of an edit. */
export const REFERENCE_HINT =
  'Kontext edits this image as the prompt says: describe the change ("make the sky red", "turn it into a watercolour"), not the whole picture.';
/** The guidance slider's range; the input beside it takes the server's full 0–30. */
export const GUIDANCE_SLIDER = { min: 0, max: 10, step: 0.1 } as const;
export const GUIDANCE_MAX = 30;

/** CFG when a record names none: FLUX's true CFG is off at 1; SD 3.5 was trained around 5. */
const FAMILY_CFG: Partial<Record<Family, number>> = { flux: 1, sd3: 5 };

/** Single-file formats that hold only the transformer, so the text encoders must come from elsewhere. */
const TRANSFORMER_ONLY_FORMATS: readonly string[] = ["checkpoint", "gguf"];

export type ReferenceKind = "ip_adapter" | "flux_redux";

export interface FamilyControls {
  family: Family;
  /** FLUX dev's (and fill's) distilled guidance; schnell is distilled without it. */
  guidance: boolean;
  /** The CFG scale is true CFG: 1 is off, above 1 each step also predicts the negative prompt. */
  trueCfg: boolean;
  /** The negative prompt has an effect. */
  negativePrompt: boolean;
  /** CLIP skip, seamless tiling and ControlNet / T2I-Adapter units (Stable Diffusion UNets only). */
  sdOnly: boolean;
  /** A separate T5 encoder may be picked (a transformer-only single file). */
  t5Encoder: boolean;
  /** A separate CLIP-L encoder may be picked (a transformer-only FLUX file). */
  clipEmbed: boolean;
  /** The kind of model reference images go through: IP-Adapters (Stable Diffusion), FLUX Redux (FLUX), or
   * none (SD 3.5). */
  referenceImages: ReferenceKind | null;
  /** A reference image to edit may be given (FLUX.1 Kontext). */
  reference: boolean;
  /** Width and height are multiples of this. */
  grid: number;
}

export function familyOf(base: string | null | undefined): Family {
  if (base === "flux") return "flux";
  if (base === "sd-3") return "sd3";
  return "sd";
}

export function isFlowFamily(family: Family): boolean {
  return family !== "sd";
}

function transformerOnly(model: FamilyModel): boolean {
  return TRANSFORMER_ONLY_FORMATS.includes(model.format);
}

/** The controls for `model` (unknown: Stable Diffusion's) at the form's CFG scale. */
export function familyControls(model: FamilyModel | null | undefined, cfgScale: number): FamilyControls {
  const family = familyOf(model?.base);
  const split = !!model && isFlowFamily(family) && transformerOnly(model);
  return {
    family,
    guidance: family === "flux" && model?.variant !== "schnell",
    trueCfg: family === "flux",
    negativePrompt: family !== "flux" || cfgScale > 1,
    sdOnly: family === "sd",
    t5Encoder: split,
    clipEmbed: split && family === "flux",
    referenceImages: family === "sd" ? "ip_adapter" : family === "flux" ? "flux_redux" : null,
    reference: isKontext(model),
    grid: gridFor(model?.base),
  };
}

/** Whether `model` is a FLUX.1 Kontext model, which edits a reference image. */
export function isKontext(model: FamilyModel | null | undefined): boolean {
  return familyOf(model?.base) === "flux" && model?.variant === "kontext";
}

/** The guidance a model starts with when its record names none: Kontext's, else FLUX dev's. */
export function familyGuidance(model: FamilyModel | null | undefined): number {
  return isKontext(model) ? KONTEXT_GUIDANCE : DEFAULT_GUIDANCE;
}

/** The CFG scale a model starts with when its record names none (SD keeps the form's). */
export function familyCfg(base: string | null | undefined): number | undefined {
  return FAMILY_CFG[familyOf(base)];
}

/** The hint shown where Stable Diffusion-only controls would be, naming the model's family. */
export function sdOnlyHint(base: string | null | undefined, what: string): string {
  return `${what} work with SD 1.x, SD 2.x and SDXL models, not with ${baseLabel(base ?? "")} models.`;
}
