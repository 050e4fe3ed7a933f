/**
 * The Upscale form → the body of `POST /api/v1/upscale`, and the way back for errors: the request field a
 * server message names → the control that shows it.
 */
import type { Schemas } from "@/api/client";
import { SEED_MAX } from "@/features/generate/lib/form";
import type { ScaleChoice } from "./scale";

export type UpscaleRequest = Schemas["UpscaleRequest"];

export interface UpscaleForm {
  /** Name of the stored image to upscale. */
  image: string | null;
  /** Key of the upscaler model. */
  model: string | null;
  scale: ScaleChoice;
  /** Side of the tiles the model sees; 0 runs the whole image at once. */
  tileSize: number;
  tileOverlap: number;
  /** Refine the enlargement with a main model (a creative upscale). */
  creative: boolean;
  /** Key of the SD 1.x, 2.x or SDXL main model that refines it. */
  mainModel: string | null;
  prompt: string;
  negativePrompt: string;
  /** How much the main model may redraw, 0 to 1. */
  creativity: number;
  /** Key of a ControlNet tile model that holds the composition; null for none. */
  tileControlnet: string | null;
  /** Weight of the tile ControlNet, 0 to 2 (sent only with one). */
  structure: number;
  /** Denoising steps of the refinement, over the full schedule (creativity decides how many run). */
  steps: number;
  cfgScale: number;
  scheduler: string;
  /** Seed of the refinement's noise; sent only when `randomSeed` is off. */
  seed: number;
  /** Let the server draw the seed (it is in the result's metadata). */
  randomSeed: boolean;
  /** Side of the refinement's tiles; null leaves it to the server, which picks it from the main model's base. */
  creativeTileSize: number | null;
  /** Pixels the refinement's neighbouring tiles share. */
  creativeTileOverlap: number;
}

export const DEFAULT_UPSCALE_FORM: UpscaleForm = {
  image: null,
  model: null,
  scale: "model",
  tileSize: 512,
  tileOverlap: 32,
  creative: false,
  mainModel: null,
  prompt: "",
  negativePrompt: "",
  creativity: 0.35,
  tileControlnet: null,
  structure: 0.6,
  steps: 20,
  cfgScale: 7,
  scheduler: "euler",
  seed: 0,
  randomSeed: true,
  creativeTileSize: null,
  creativeTileOverlap: 128,
};

/** The main-model bases a creative upscale can refine with (its tiled denoise is a UNet's). */
export const CREATIVE_BASES: readonly string[] = ["sd-1", "sd-2", "sdxl"];

export const TILE_SIZE_MAX = 4096;
export const TILE_OVERLAP_MAX = 512;

/** The bounds of the refinement's settings, as the server checks them (`creative.*`). */
export const CREATIVE_LIMITS = {
  steps: { min: 1, max: 200 },
  cfgScale: { min: 1, max: 30 },
  seed: { min: 0, max: SEED_MAX },
  tileSize: { min: 256, max: 8192 },
  tileOverlap: { min: 0, max: 1024 },
} as const;

/** The refinement's tile side the server picks when none is given: a little above each base's training size. */
const CREATIVE_TILE_SIZES: Record<string, number> = { "sd-1": 768, "sd-2": 768, sdxl: 1024 };

/** The tile side a creative upscale with a main model of `base` uses when the form leaves it empty. */
export function defaultCreativeTileSize(base: string | undefined): number | null {
  return (base && CREATIVE_TILE_SIZES[base]) || null;
}

/** A tile-size input's value as the form keeps it: a number, or null when the field was cleared. */
export function tileSizeFromInput(value: string | number): number | null {
  return typeof value === "number" ? value : null;
}

/** The controls of the form that can show a problem; `general` is for the rest. */
export type UpscaleControl =
  | "image"
  | "model"
  | "scale"
  | "tileSize"
  | "tileOverlap"
  | "board"
  | "mainModel"
  | "prompt"
  | "creativity"
  | "tileControlnet"
  | "steps"
  | "cfgScale"
  | "scheduler"
  | "seed"
  | "creativeTileSize"
  | "creativeTileOverlap"
  | "general";

export interface RequestOptions {
  /** The board the result goes to; null for none. */
  board: string | null;
  /** Put the item at the front of the queue. */
  prepend: boolean;
}

/** Problems the form has before anything is sent: a missing image or model. */
export function missingParts(form: UpscaleForm): Partial<Record<UpscaleControl, string>> {
  const problems: Partial<Record<UpscaleControl, string>> = {};
  if (!form.image) problems.image = "Choose an image to upscale.";
  if (!form.model) problems.model = "Choose an upscaler model.";
  if (form.creative && !form.mainModel) problems.mainModel = "Choose a main model to refine with.";
  return problems;
}

export function buildUpscaleRequest(form: UpscaleForm, options: RequestOptions): UpscaleRequest {
  return {
    image: form.image ?? "",
    model: form.model ?? "",
    scale: form.scale === "model" ? 0 : form.scale,
    tile_size: form.tileSize,
    tile_overlap: form.tileOverlap,
    board_id: options.board,
    prepend: options.prepend,
    creative: form.creative ? creativePart(form) : null,
  };
}

function creativePart(form: UpscaleForm): NonNullable<UpscaleRequest["creative"]> {
  return {
    main_model: form.mainModel ?? "",
    prompt: form.prompt,
    negative_prompt: form.negativePrompt,
    creativity: form.creativity,
    steps: form.steps,
    cfg_scale: form.cfgScale,
    scheduler: form.scheduler,
    tile_overlap: form.creativeTileOverlap,
    ...(form.randomSeed ? {} : { seed: form.seed }),
    ...(form.creativeTileSize === null ? {} : { tile_size: form.creativeTileSize }),
    ...(form.tileControlnet ? { tile_controlnet: form.tileControlnet, structure: form.structure } : {}),
  };
}

const CONTROLS: Record<string, UpscaleControl> = {
  image: "image",
  model: "model",
  scale: "scale",
  tile_size: "tileSize",
  tile_overlap: "tileOverlap",
  board_id: "board",
};

/** The controls of the fields of `creative`. */
const CREATIVE_CONTROLS: Record<string, UpscaleControl> = {
  main_model: "mainModel",
  prompt: "prompt",
  negative_prompt: "prompt",
  creativity: "creativity",
  tile_controlnet: "tileControlnet",
  structure: "tileControlnet",
  steps: "steps",
  cfg_scale: "cfgScale",
  scheduler: "scheduler",
  seed: "seed",
  tile_size: "creativeTileSize",
  tile_overlap: "creativeTileOverlap",
};

/** The control a request field (a dotted path) belongs to. */
export function controlForField(field: string): UpscaleControl {
  const [first, second] = field.split(".");
  if (first === "creative") return CREATIVE_CONTROLS[second ?? ""] ?? "general";
  return CONTROLS[first ?? ""] ?? "general";
}

/** Server problems keyed by control, several messages joined. */
export function problemsByControl(fields: Record<string, string>): Partial<Record<UpscaleControl, string>> {
  const byControl: Partial<Record<UpscaleControl, string>> = {};
  for (const [field, message] of Object.entries(fields)) {
    const control = controlForField(field);
    const before = byControl[control];
    byControl[control] = before ? `${before}; ${message}` : message;
  }
  return byControl;
}

/**
 * Where the problems of a failed request go: those naming a control next to it, the rest (and errors that
 * name no field) into the one-line message of the notification.
 */
export function placeProblems(
  fields: Record<string, string>,
  general: string | null,
): { problems: Partial<Record<Exclude<UpscaleControl, "general">, string>>; message: string } {
  const { general: unplaced, ...problems } = problemsByControl(fields);
  return { problems, message: unplaced ?? general ?? Object.values(problems)[0] ?? "" };
}
