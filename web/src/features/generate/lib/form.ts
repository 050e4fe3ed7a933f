/**
 * The Generate tab's form state and the pure operations on it. The zustand store is a thin shell around
 * these functions, so switching models, recalling metadata and sizing are tested without React.
 */
import type { Schemas } from "@/api/client";
import { DEFAULT_GUIDANCE, familyCfg, familyControls, familyGuidance } from "./family";
import type { ReferenceUnitForm } from "./referenceImages";
import { DEFAULT_REFINER, type RefinerForm } from "./refiner";
import { fitScheduler } from "./schedulers";
import { type AspectId, aspectOf, gridFor, nativeSide, optimalSize, ratioOf, type Size } from "./sizes";

type ModelRecord = Schemas["ModelRecord"];
export type Preprocessor = Schemas["ControlNetRequest"]["preprocessor"];
export type ControlMode = Schemas["ControlNetRequest"]["control_mode"];
export type ResizeMode = Schemas["ControlNetRequest"]["resize_mode"];
export type ControlKind = "controlnet" | "t2i_adapter";

export interface LoraUse {
  key: string;
  weight: number;
  enabled: boolean;
}

export interface ControlUnitForm {
  id: string;
  kind: ControlKind;
  enabled: boolean;
  image: string | null;
  preprocessor: Preprocessor;
  model: string | null;
  weight: number;
  begin: number;
  end: number;
  controlMode: ControlMode;
  resizeMode: ResizeMode;
}

export interface HiresFixForm {
  enabled: boolean;
  scale: number;
  strength: number;
  /** Key of an upscaler model to enlarge the decoded first pass with; null: scale the latents. */
  upscaler?: string | null;
}

export interface GenerateForm {
  prompt: string;
  negativePrompt: string;
  stylePreset: string | null;
  model: string | null;
  vae: string | null;
  /** Separate text encoders of a transformer-only FLUX / SD 3.5 file; null: the server picks. */
  t5Encoder: string | null;
  clipEmbed: string | null;
  loras: LoraUse[];
  width: number;
  height: number;
  aspect: AspectId;
  aspectLocked: boolean;
  steps: number;
  cfgScale: number;
  cfgRescale: number;
  /** FLUX dev's distilled guidance (sent only for models that take it). */
  guidance: number;
  scheduler: string;
  seed: number;
  randomSeed: boolean;
  count: number;
  initImage: string | null;
  strength: number;
  /** The image a FLUX.1 Kontext model edits (sent only for such models). */
  referenceImage: string | null;
  /** An edit has the reference's size (Kontext's nearest trained size) rather than the form's. */
  referenceSize: boolean;
  controlUnits: ControlUnitForm[];
  /** IP-Adapter reference images (sent only for Stable Diffusion models). */
  referenceUnits: ReferenceUnitForm[];
  clipSkip: number;
  seamlessX: boolean;
  seamlessY: boolean;
  hiresFix: HiresFixForm;
  refiner: RefinerForm;
  dynamicPrompts: boolean;
}

export const SEED_MAX = 2 ** 32 - 1;

export const DEFAULT_FORM: GenerateForm = {
  prompt: "",
  negativePrompt: "",
  stylePreset: null,
  model: null,
  vae: null,
  t5Encoder: null,
  clipEmbed: null,
  loras: [],
  width: 512,
  height: 512,
  aspect: "1:1",
  aspectLocked: false,
  steps: 30,
  cfgScale: 7,
  cfgRescale: 0,
  guidance: DEFAULT_GUIDANCE,
  scheduler: "euler",
  seed: 0,
  randomSeed: true,
  count: 1,
  initImage: null,
  strength: 0.75,
  referenceImage: null,
  referenceSize: true,
  controlUnits: [],
  referenceUnits: [],
  clipSkip: 0,
  seamlessX: false,
  seamlessY: false,
  hiresFix: { enabled: false, scale: 2, strength: 0.5 },
  refiner: DEFAULT_REFINER,
  dynamicPrompts: true,
};

export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * (SEED_MAX + 1));
}

/** The ratio the size follows: the preset's, or the current size's when locked on "free". */
export function lockedRatio(form: Pick<GenerateForm, "aspect" | "aspectLocked" | "width" | "height">): number | null {
  const preset = ratioOf(form.aspect);
  if (preset) return preset;
  return form.aspectLocked ? form.width / form.height : null;
}

/**
 * Switches the main model: its default settings apply (else a size fitting its base at the current
 * aspect), and what belongs to another base is let go: a VAE is cleared, LoRAs are disabled, control
 * units and reference images lose their model, separate text encoders are cleared when the model takes none, and a scheduler
 * a flow model cannot use becomes Euler.
 */
export function applyModel(form: GenerateForm, model: ModelRecord, installed: ModelRecord[]): GenerateForm {
  const defaults = model.default_settings ?? {};
  const baseOf = (key: string | null) => installed.find((record) => record.key === key)?.base;
  const compatible = (key: string | null) => {
    const base = baseOf(key);
    return base === model.base || base === "any";
  };
  const size = defaults.width && defaults.height ? { width: defaults.width, height: defaults.height } : null;
  const controls = familyControls(model, form.cfgScale);
  return {
    ...form,
    model: model.key,
    ...(size ? { ...size, aspect: aspectOf(size) } : sizeForModel(form, model)),
    steps: defaults.steps ?? form.steps,
    cfgScale: defaults.cfg_scale ?? familyCfg(model.base) ?? form.cfgScale,
    guidance: defaults.guidance ?? familyGuidance(model),
    scheduler: fitScheduler(defaults.scheduler ?? form.scheduler, controls.family),
    vae: form.vae && compatible(form.vae) ? form.vae : null,
    t5Encoder: controls.t5Encoder ? form.t5Encoder : null,
    clipEmbed: controls.clipEmbed ? form.clipEmbed : null,
    loras: form.loras.map((lora) => (compatible(lora.key) ? lora : { ...lora, enabled: false })),
    controlUnits: form.controlUnits.map((unit) => (compatible(unit.model) ? unit : { ...unit, model: null })),
    referenceUnits: form.referenceUnits.map((unit) => (compatible(unit.model) ? unit : { ...unit, model: null })),
  };
}

/** The model's optimal size at the form's aspect ratio. */
export function sizeForModel(form: GenerateForm, model: Pick<ModelRecord, "base" | "details"> | null): Size {
  const ratio = lockedRatio(form) ?? form.width / form.height;
  return optimalSize(ratio, nativeSide(model), gridFor(model?.base));
}

let unitCounter = 0;

export function newControlUnit(kind: ControlKind, image: string | null = null): ControlUnitForm {
  unitCounter += 1;
  return {
    id: `unit-${Date.now().toString(36)}-${unitCounter}`,
    kind,
    enabled: true,
    image,
    preprocessor: "none",
    model: null,
    weight: 1,
    begin: 0,
    end: 1,
    controlMode: "balanced",
    resizeMode: "just_resize",
  };
}

/** The LoRAs and units a request carries: enabled ones, in form order (indices match the request). */
export function requestParts(form: GenerateForm): {
  loras: LoraUse[];
  controlnets: ControlUnitForm[];
  t2iAdapters: ControlUnitForm[];
} {
  const units = form.controlUnits.filter((unit) => unit.enabled);
  return {
    loras: form.loras.filter((lora) => lora.enabled),
    controlnets: units.filter((unit) => unit.kind === "controlnet"),
    t2iAdapters: units.filter((unit) => unit.kind === "t2i_adapter"),
  };
}
