/**
 * Form state → the body of `POST /api/v1/generate`, and the way back for errors: the request field a
 * server message names → the form control that shows it.
 */
import type { Schemas } from "@/api/client";
import { type FamilyControls, type FamilyModel, familyControls } from "./family";
import { type ControlUnitForm, type GenerateForm, requestParts } from "./form";
import { referenceControl, referenceRequest } from "./referenceImages";
import { refinerControlForField, refinerRequest } from "./refiner";

export type GenerateRequest = Schemas["GenerateRequest"];

export interface RequestOptions {
  /** The board the images go to; null for none. */
  board: string | null;
  /** Put the items at the front of the queue. */
  prepend: boolean;
  /**
   * The form's main model: the refiner applies to SDXL models only, and FLUX and SD 3.5 models take
   * their own fields (see `familyControls`); unknown: null, and the request is Stable Diffusion's.
   */
  model?: FamilyModel | null;
}

function controlRequest(unit: ControlUnitForm) {
  return {
    model: unit.model ?? "",
    image: unit.image ?? "",
    preprocessor: unit.preprocessor,
    preprocessor_options: {},
    weight: unit.weight,
    begin: unit.begin,
    end: unit.end,
    resize_mode: unit.resizeMode,
  };
}

/**
 * The request for the form; values that the model would choose anyway are still sent, so it is explicit.
 * Controls the model's family hides send their neutral value, so nothing hidden changes the image.
 */
export function buildRequest(form: GenerateForm, options: RequestOptions): GenerateRequest {
  const parts = requestParts(form);
  const img2img = form.initImage !== null;
  const controls = familyControls(options.model, form.cfgScale);
  return {
    prompt: form.prompt,
    negative_prompt: form.negativePrompt,
    model: form.model,
    vae: form.vae,
    width: form.width,
    height: form.height,
    steps: form.steps,
    cfg_scale: form.cfgScale,
    cfg_rescale_multiplier: form.cfgRescale,
    scheduler: form.scheduler,
    seed: form.randomSeed ? null : form.seed,
    count: form.count,
    init_image: form.initImage,
    strength: img2img ? form.strength : null,
    mask_blur: 0,
    scale_before_processing: "none",
    loras: parts.loras.map((lora) => ({ model: lora.key, weight: lora.weight })),
    controlnets: parts.controlnets.map((unit) => ({ ...controlRequest(unit), control_mode: unit.controlMode })),
    t2i_adapters: parts.t2iAdapters.map(controlRequest),
    clip_skip: form.clipSkip,
    seamless_x: form.seamlessX,
    seamless_y: form.seamlessY,
    hires_fix: form.hiresFix.enabled && !img2img ? hiresRequest(form.hiresFix) : null,
    refiner: refinerRequest(form.refiner, options.model?.base),
    style_preset: form.stylePreset,
    board: options.board,
    dynamic_prompts: form.dynamicPrompts,
    max_prompts: 100,
    prepend: options.prepend,
    ...familyFields(form, controls),
  };
}

/** What a FLUX or SD 3.5 model changes: its own fields, and the Stable Diffusion-only ones neutral. */
function familyFields(form: GenerateForm, controls: FamilyControls): Partial<GenerateRequest> {
  const fields: Partial<GenerateRequest> = {};
  if (!controls.negativePrompt) fields.negative_prompt = "";
  if (!controls.sdOnly) {
    Object.assign(fields, { clip_skip: 0, seamless_x: false, seamless_y: false, controlnets: [], t2i_adapters: [] });
  }
  if (controls.guidance) fields.guidance = form.guidance;
  if (controls.t5Encoder && form.t5Encoder) fields.t5_encoder = form.t5Encoder;
  if (controls.clipEmbed && form.clipEmbed) fields.clip_embed = form.clipEmbed;
  if (controls.referenceImages && form.referenceUnits.length > 0) {
    const kind = controls.referenceImages;
    fields.reference_images = form.referenceUnits.map((unit) => referenceRequest(unit, kind));
  }
  if (controls.reference && form.referenceImage) {
    fields.reference_image = form.referenceImage;
    if (form.referenceSize && !form.initImage) Object.assign(fields, { width: null, height: null });
  }
  return fields;
}

const SIMPLE_CONTROLS: Record<string, string> = {
  prompt: "prompt",
  negative_prompt: "negativePrompt",
  model: "model",
  vae: "vae",
  width: "width",
  height: "height",
  steps: "steps",
  cfg_scale: "cfgScale",
  cfg_rescale_multiplier: "cfgRescale",
  guidance: "guidance",
  t5_encoder: "t5Encoder",
  clip_embed: "clipEmbed",
  scheduler: "scheduler",
  seed: "seed",
  count: "count",
  init_image: "initImage",
  reference_image: "referenceImage",
  strength: "strength",
  clip_skip: "clipSkip",
  seamless_x: "seamless",
  seamless_y: "seamless",
  hires_fix: "hiresFix",
  style_preset: "stylePreset",
  board: "board",
  max_prompts: "prompt",
  dynamic_prompts: "prompt",
};

/**
 * The control a request field belongs to: `cfg_scale` → `cfgScale`, `loras.1.model` → `lora:<key>`,
 * `controlnets.0.begin` → `control:<unit id>:begin`, `reference_images.0.model` → `reference:<unit id>:model`,
 * `refiner.start` → `refiner:start`; fields without a
 * control go to `general`.
 */
export function controlForField(field: string, form: GenerateForm): string {
  const [head = "", index, rest] = field.split(".");
  if (head in SIMPLE_CONTROLS && (index === undefined || head === "hires_fix")) {
    return SIMPLE_CONTROLS[head] ?? "general";
  }
  if (head === "refiner") return refinerControlForField(index);
  if (head === "reference_images") return referenceControl(form.referenceUnits, index, rest);
  const parts = requestParts(form);
  const position = Number(index);
  if (head === "loras") {
    const lora = parts.loras[position];
    return lora ? `lora:${lora.key}` : "general";
  }
  if (head === "controlnets" || head === "t2i_adapters") {
    const unit = (head === "controlnets" ? parts.controlnets : parts.t2iAdapters)[position];
    return unit ? `control:${unit.id}:${controlAspect(rest)}` : "general";
  }
  return "general";
}

function controlAspect(field: string | undefined): string {
  if (field === "begin" || field === "end") return "range";
  if (field === "model" || field === "image" || field === "weight") return field;
  if (field === "preprocessor" || field === "preprocessor_options") return "preprocessor";
  return "model";
}

/** Server problems keyed by form control, several messages joined. */
export function problemsByControl(fields: Record<string, string>, form: GenerateForm): Record<string, string> {
  const byControl: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    const control = controlForField(field, form);
    byControl[control] = byControl[control] ? `${byControl[control]}; ${message}` : message;
  }
  return byControl;
}

function hiresRequest(hires: GenerateForm["hiresFix"]): NonNullable<GenerateRequest["hires_fix"]> {
  const request: NonNullable<GenerateRequest["hires_fix"]> = { scale: hires.scale, strength: hires.strength };
  if (hires.upscaler) request.upscaler = hires.upscaler;
  return request;
}
