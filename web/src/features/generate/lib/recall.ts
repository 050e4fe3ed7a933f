/**
 * Recalled parameters (from an image's metadata, any tool's) → changes to the form. Models are matched
 * against what is installed by key, then hash, then name; what cannot be used is reported, never guessed.
 */
import type { Schemas } from "@/api/client";
import { aspectOf } from "./sizes";
import type { ControlUnitForm, GenerateForm, LoraUse, Preprocessor } from "./form";
import { DEFAULT_FORM, newControlUnit } from "./form";
import { recallReferenceUnits } from "./referenceImages";
import { recallRefiner } from "./refiner";

type ModelRecord = Schemas["ModelRecord"];
type ModelRef = Schemas["ModelRef"];
type ModelType = Schemas["ModelType"];
export type RecallParameters = Schemas["RecallParameters"];

export const RECALL_FIELDS = [
  "prompt",
  "negativePrompt",
  "model",
  "vae",
  "encoders",
  "loras",
  "seed",
  "steps",
  "cfgScale",
  "guidance",
  "scheduler",
  "size",
  "strength",
  "clipSkip",
  "seamless",
  "hires",
  "refiner",
  "control",
  "initImage",
  "referenceImage",
  "referenceImages",
] as const;

export type RecallField = (typeof RECALL_FIELDS)[number];

/**
 * What "recall all" applies: everything but the init image, which belongs to one image's own workflow. A
 * Kontext edit's reference image is recalled: without it the prompt ("make it red") would mean nothing.
 */
export const RECALL_ALL: RecallField[] = RECALL_FIELDS.filter((field) => field !== "initImage");

export interface RecallResult {
  patch: Partial<GenerateForm>;
  notes: string[];
}

/** The installed model of `type` that `ref` names, by key, hash or (case-insensitive) name. */
export function findModel(
  ref: ModelRef | null | undefined,
  type: ModelType,
  installed: ModelRecord[],
): ModelRecord | null {
  if (!ref) return null;
  const candidates = installed.filter((model) => model.type === type);
  const name = ref.name?.toLowerCase();
  return (
    candidates.find((model) => ref.key && model.key === ref.key) ??
    candidates.find((model) => ref.hash && model.hash && sameHash(model.hash, ref.hash)) ??
    candidates.find((model) => name && model.name.toLowerCase() === name) ??
    null
  );
}

/** Hashes match exactly, or an A1111 short hash matches the start of a full sha256. */
function sameHash(full: string, given: string): boolean {
  if (full === given) return true;
  const digest = full.replace(/^[a-z0-9]+:/, "");
  return given.length >= 8 && !given.includes(":") && digest.startsWith(given.toLowerCase());
}

const PREPROCESSORS: Record<string, Preprocessor> = {
  canny: "canny",
  canny_edge_detection: "canny",
  content_shuffle: "content_shuffle",
  color_map: "color_map",
  lineart_standard: "lineart_standard",
  lineart_standard_edge_detection: "lineart_standard",
  tile: "tile",
  tile_image_processor: "tile",
};

type Recaller = (
  params: RecallParameters,
  installed: ModelRecord[],
  result: RecallResult,
  current: GenerateForm,
) => void;

const RECALLERS: Record<RecallField, Recaller> = {
  prompt: (p, _m, r) => setIf(r, "prompt", p.positive_prompt),
  negativePrompt: (p, _m, r) => setIf(r, "negativePrompt", p.negative_prompt),
  model: recallModel,
  vae: recallVae,
  encoders: recallEncoders,
  loras: recallLoras,
  seed: (p, _m, r) => {
    if (p.seed !== null && p.seed !== undefined) r.patch = { ...r.patch, seed: p.seed, randomSeed: false };
  },
  steps: (p, _m, r) => setIf(r, "steps", p.steps),
  cfgScale: (p, _m, r) => {
    setIf(r, "cfgScale", p.cfg_scale);
    setIf(r, "cfgRescale", p.cfg_rescale);
  },
  guidance: (p, _m, r) => setIf(r, "guidance", p.guidance),
  scheduler: (p, _m, r) => setIf(r, "scheduler", p.scheduler),
  size: (p, _m, r) => {
    if (p.width && p.height) {
      const size = { width: p.width, height: p.height };
      r.patch = { ...r.patch, ...size, aspect: aspectOf(size) };
    }
  },
  strength: (p, _m, r) => setIf(r, "strength", p.strength),
  clipSkip: (p, _m, r) => setIf(r, "clipSkip", p.clip_skip),
  seamless: (p, _m, r) => {
    if (p.seamless_x !== null && p.seamless_x !== undefined) r.patch = { ...r.patch, seamlessX: p.seamless_x };
    if (p.seamless_y !== null && p.seamless_y !== undefined) r.patch = { ...r.patch, seamlessY: p.seamless_y };
  },
  hires: (p, m, r) => {
    if (!p.hires_scale) {
      r.patch = { ...r.patch, hiresFix: { ...DEFAULT_FORM.hiresFix, enabled: false } };
      return;
    }
    const named = p.hires_upscaler && !p.hires_upscaler.toLowerCase().startsWith("latent") ? p.hires_upscaler : null;
    const upscaler = named ? findModel({ name: named }, "upscaler", m) : null;
    if (named && !upscaler) r.notes.push(`The hires upscaler '${named}' is not installed; the latents are scaled.`);
    r.patch = {
      ...r.patch,
      hiresFix: {
        enabled: true,
        scale: p.hires_scale,
        strength: p.hires_strength ?? 0.5,
        upscaler: upscaler?.key ?? null,
      },
    };
  },
  refiner: (p, m, r, current) => {
    const { refiner, missing } = recallRefiner(p, m, current.refiner, (ref, candidates) =>
      findModel(ref, "main", candidates),
    );
    r.patch = { ...r.patch, refiner };
    if (missing) r.notes.push(`The SDXL refiner '${missing}' is not installed.`);
  },
  control: recallControl,
  initImage: (p, _m, r) => setIf(r, "initImage", p.init_image),
  referenceImage: (p, _m, r) => {
    r.patch = { ...r.patch, referenceImage: p.reference_image ?? null };
  },
  referenceImages: (p, m, r) => {
    const find = (ref: ModelRef | null) => findModel(ref, "ip_adapter", m) ?? findModel(ref, "flux_redux", m);
    const { units, notes } = recallReferenceUnits(p.extra?.reference_images, find, describeRef);
    r.patch = { ...r.patch, referenceUnits: units };
    r.notes.push(...notes);
  },
};

function setIf<K extends keyof GenerateForm>(result: RecallResult, key: K, value: GenerateForm[K] | null | undefined) {
  if (value !== null && value !== undefined) result.patch = { ...result.patch, [key]: value };
}

function recallModel(params: RecallParameters, installed: ModelRecord[], result: RecallResult): void {
  if (!params.model) return;
  const model = findModel(params.model, "main", installed);
  if (model) result.patch = { ...result.patch, model: model.key };
  else result.notes.push(`The model ${describeRef(params.model)} is not installed.`);
}

function recallVae(params: RecallParameters, installed: ModelRecord[], result: RecallResult): void {
  if (!params.vae) {
    result.patch = { ...result.patch, vae: null };
    return;
  }
  const vae = findModel(params.vae, "vae", installed);
  if (vae) result.patch = { ...result.patch, vae: vae.key };
  else result.notes.push(`The VAE ${describeRef(params.vae)} is not installed.`);
}

/** The separate T5 and CLIP-L encoders of a transformer-only FLUX / SD 3.5 file; none recorded: cleared. */
function recallEncoders(params: RecallParameters, installed: ModelRecord[], result: RecallResult): void {
  const encoders = [
    ["t5Encoder", params.t5_encoder, "t5_encoder", "T5 encoder"],
    ["clipEmbed", params.clip_embed, "clip_embed", "CLIP-L encoder"],
  ] as const;
  for (const [field, ref, type, what] of encoders) {
    const found = findModel(ref, type, installed);
    if (ref && !found) result.notes.push(`The ${what} ${describeRef(ref)} is not installed.`);
    result.patch = { ...result.patch, [field]: found?.key ?? null };
  }
}

function recallLoras(params: RecallParameters, installed: ModelRecord[], result: RecallResult): void {
  const loras: LoraUse[] = [];
  for (const ref of params.loras ?? []) {
    const lora = findModel(ref, "lora", installed);
    if (lora) loras.push({ key: lora.key, weight: ref.weight ?? 1, enabled: true });
    else result.notes.push(`The LoRA ${describeRef(ref)} is not installed.`);
  }
  result.patch = { ...result.patch, loras };
}

function recallControl(params: RecallParameters, installed: ModelRecord[], result: RecallResult): void {
  const units: ControlUnitForm[] = [];
  for (const control of params.control ?? []) {
    if (control.kind !== "controlnet" && control.kind !== "t2i_adapter") {
      result.notes.push(`A ${control.kind} unit cannot be recalled here.`);
      continue;
    }
    const model = findModel(control.model, control.kind, installed);
    if (!model) result.notes.push(`The control model ${describeRef(control.model)} is not installed.`);
    const unit = newControlUnit(control.kind, control.image_name ?? null);
    units.push({
      ...unit,
      model: model?.key ?? null,
      weight: control.weight ?? unit.weight,
      begin: control.begin ?? unit.begin,
      end: control.end ?? unit.end,
      preprocessor: PREPROCESSORS[control.processor ?? ""] ?? "none",
      controlMode: isControlMode(control.control_mode) ? control.control_mode : unit.controlMode,
    });
  }
  result.patch = { ...result.patch, controlUnits: units };
}

function isControlMode(value: string | null | undefined): value is ControlUnitForm["controlMode"] {
  return value === "balanced" || value === "more_prompt" || value === "more_control" || value === "unbalanced";
}

function describeRef(ref: ModelRef | null | undefined): string {
  return `'${ref?.name ?? ref?.key ?? ref?.hash ?? "unknown"}'`;
}

/**
 * The changes to the form for `fields` of the recalled parameters, and notes on what could not be used.
 * `current` is the form they apply to: settings the image does not speak for are kept from it.
 */
export function recallPatch(
  params: RecallParameters,
  installed: ModelRecord[],
  fields: readonly RecallField[] = RECALL_ALL,
  current: GenerateForm = DEFAULT_FORM,
): RecallResult {
  const result: RecallResult = { patch: {}, notes: [] };
  for (const field of fields) RECALLERS[field](params, installed, result, current);
  return result;
}
