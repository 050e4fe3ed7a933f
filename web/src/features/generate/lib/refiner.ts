/**
 * The SDXL refiner settings of the Generate form: the request part they become, the controls that show
 * the server's `refiner.*` problems, and how an image's recalled refiner parameters fill them in.
 */
import type { Schemas } from "@/api/client";

type ModelRecord = Schemas["ModelRecord"];
type RecallParameters = Schemas["RecallParameters"];
export type RefinerRequest = Schemas["RefinerRequest"];

export interface RefinerForm {
  enabled: boolean;
  /** Key of an installed SDXL refiner. */
  model: string | null;
  /** Fraction of the schedule after which the refiner takes over. */
  start: number;
  /** Overrides of the base's settings; null: the same as the base. */
  steps: number | null;
  cfgScale: number | null;
  scheduler: string | null;
  positiveAestheticScore: number;
  negativeAestheticScore: number;
}

export const DEFAULT_REFINER: RefinerForm = {
  enabled: false,
  model: null,
  start: 0.8,
  steps: null,
  cfgScale: null,
  scheduler: null,
  positiveAestheticScore: 6,
  negativeAestheticScore: 2.5,
};

/** The base a main model must have for a refiner to apply, and the base of the refiners themselves. */
export const REFINABLE_BASE = "sdxl";
export const REFINER_BASE = "sdxl-refiner";

export function isRefinerModel(record: Pick<ModelRecord, "type" | "base">): boolean {
  return record.type === "main" && record.base === REFINER_BASE;
}

/** The request's `refiner`: only when it is switched on and the main model is an SDXL base model. */
export function refinerRequest(refiner: RefinerForm, modelBase: string | null | undefined): RefinerRequest | null {
  if (!refiner.enabled || modelBase !== REFINABLE_BASE) return null;
  return {
    model: refiner.model ?? "",
    start: refiner.start,
    steps: refiner.steps,
    cfg_scale: refiner.cfgScale,
    scheduler: refiner.scheduler,
    positive_aesthetic_score: refiner.positiveAestheticScore,
    negative_aesthetic_score: refiner.negativeAestheticScore,
  };
}

export type RefinerControl =
  | "enabled"
  | "model"
  | "start"
  | "steps"
  | "cfgScale"
  | "scheduler"
  | "positiveAestheticScore"
  | "negativeAestheticScore";

const REFINER_FIELDS: Record<string, RefinerControl> = {
  model: "model",
  start: "start",
  steps: "steps",
  cfg_scale: "cfgScale",
  scheduler: "scheduler",
  positive_aesthetic_score: "positiveAestheticScore",
  negative_aesthetic_score: "negativeAestheticScore",
};

/** The problem key of a refiner control, as the store keeps it: `refiner:start`. */
export function refinerProblemKey(control: RefinerControl): string {
  return `refiner:${control}`;
}

/**
 * The control for a request field under `refiner` (`refiner.start` → `refiner:start`); the refiner as a
 * whole (e.g. "refiners work with SDXL models") goes to its switch.
 */
export function refinerControlForField(rest: string | undefined): string {
  return refinerProblemKey((rest && REFINER_FIELDS[rest]) || "enabled");
}

/** The problem keys a change of these refiner settings resolves. */
export function refinerProblemsChangedBy(keys: (keyof RefinerForm)[]): string[] {
  const controls = new Set<RefinerControl>(keys);
  if (controls.has("enabled") || controls.has("model")) controls.add("enabled");
  return [...controls].map(refinerProblemKey);
}

function given<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** An override that equals the base's own value is "the same as the base". */
function override<T>(value: T | null | undefined, base: T | null | undefined): T | null {
  return given(value) && value !== base ? value : null;
}

export interface RefinerRecall {
  refiner: RefinerForm;
  /** The recalled refiner model's description when it is not installed. */
  missing: string | null;
}

/**
 * The refiner settings an image's parameters call for. With a refiner recorded, the section is switched
 * on with its model (when installed) and settings; steps, CFG and scheduler equal to the image's own are
 * left empty (the same as the base). Without one, the refiner is switched off and the rest is kept.
 */
export function recallRefiner(
  params: RecallParameters,
  installed: ModelRecord[],
  current: RefinerForm,
  find: (ref: RecallParameters["refiner_model"], candidates: ModelRecord[]) => ModelRecord | null,
): RefinerRecall {
  const ref = params.refiner_model;
  if (!ref) return { refiner: { ...current, enabled: false }, missing: null };
  const model = find(ref, installed.filter(isRefinerModel));
  const start = params.refiner_start;
  return {
    refiner: {
      enabled: true,
      model: model?.key ?? null,
      start: given(start) && start > 0 && start < 1 ? start : DEFAULT_REFINER.start,
      steps: override(params.refiner_steps, params.steps),
      cfgScale: override(params.refiner_cfg_scale, params.cfg_scale),
      scheduler: override(params.refiner_scheduler, params.scheduler),
      positiveAestheticScore: params.refiner_positive_aesthetic_score ?? DEFAULT_REFINER.positiveAestheticScore,
      negativeAestheticScore: params.refiner_negative_aesthetic_score ?? DEFAULT_REFINER.negativeAestheticScore,
    },
    missing: model ? null : (ref.name ?? ref.key ?? ref.hash ?? "unknown"),
  };
}

/**
 * A one-line summary of recalled refiner parameters (for the metadata panel), schedulers named by
 * `schedulerLabel`; null without a refiner.
 */
export function describeRecalledRefiner(
  params: RecallParameters,
  schedulerLabel: (value: string) => string = (value) => value,
): string | null {
  const ref = params.refiner_model;
  if (!ref) return null;
  const parts = [ref.name ?? ref.key ?? ref.hash ?? "?"];
  if (given(params.refiner_start)) parts.push(`start ${params.refiner_start}`);
  if (given(params.refiner_steps)) parts.push(`${params.refiner_steps} steps`);
  if (given(params.refiner_cfg_scale)) parts.push(`CFG ${params.refiner_cfg_scale}`);
  if (given(params.refiner_scheduler)) parts.push(schedulerLabel(params.refiner_scheduler));
  const positive = params.refiner_positive_aesthetic_score;
  const negative = params.refiner_negative_aesthetic_score;
  if (given(positive) || given(negative)) parts.push(`aesthetic ${positive ?? "?"} / ${negative ?? "?"}`);
  return parts.join(", ");
}
