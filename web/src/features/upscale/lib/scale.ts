/**
 * The scale of an upscale and the size it makes: the choices offered for an image and a model (the
 * model's own factor, or a final multiple up to 16), limited to what the server can store.
 */

/** Largest final size multiple the server accepts. */
export const MAX_SCALE = 16;
/** Largest side of a stored image, in pixels. */
export const MAX_SIDE = 16384;
/** Most pixels of a stored image. */
export const MAX_PIXELS = 8192 * 8192;
/** Final multiples offered besides the model's own factor. */
export const FACTORS = [2, 3, 4, 8, 16] as const;

export interface Size {
  width: number;
  height: number;
}

/** "model" runs at the model's own factor; a number is the final size as a multiple of the image's. */
export type ScaleChoice = "model" | number;

export interface ScaleOption {
  value: string;
  label: string;
}

export interface ScalePlan {
  /** Options that make an image the server can store, the model's own factor first. */
  options: ScaleOption[];
  /** The choice that will be sent: the chosen one, or the model's own factor where that is not offered. */
  choice: ScaleChoice;
  /** The final multiple; null for the model's own factor while no model is chosen. */
  factor: number | null;
  /** The size of the result, once the image's size is known. */
  result: Size | null;
  /** Why this image cannot be upscaled with this model, if it cannot. */
  problem: string | null;
}

/** The factor an upscaler model enlarges by (its `details.scale`), 1 where it is not known. */
export function modelScale(details: Record<string, unknown> | null | undefined): number {
  const scale = Number(details?.scale);
  return Number.isInteger(scale) && scale >= 1 ? scale : 1;
}

/**
 * Whether an installed `upscaler` model enlarges images: spandrel also loads inpainting models such as
 * LaMa, installed as the same type with `details.purpose` "Inpainting", which keep the size.
 */
export function enlarges(details: Record<string, unknown> | null | undefined): boolean {
  return details?.purpose !== "Inpainting";
}

export function scaled(size: Size, factor: number): Size {
  return { width: Math.max(1, Math.round(size.width * factor)), height: Math.max(1, Math.round(size.height * factor)) };
}

export function fits(size: Size): boolean {
  return size.width <= MAX_SIDE && size.height <= MAX_SIDE && size.width * size.height <= MAX_PIXELS;
}

export function formatSize(size: Size): string {
  return `${size.width} × ${size.height}`;
}

export function choiceValue(choice: ScaleChoice): string {
  return choice === "model" ? "model" : String(choice);
}

export function parseChoice(value: string): ScaleChoice {
  const factor = Number(value);
  return value !== "model" && Number.isFinite(factor) && factor > 0 && factor <= MAX_SCALE ? factor : "model";
}

function tooLarge(what: string, size: Size): string {
  const most = Math.sqrt(MAX_PIXELS);
  return `${what} would be ${formatSize(size)} px; at most ${MAX_SIDE} px a side and ${most} × ${most} px in all.`;
}

/**
 * The options for an image of `source` size and a model of factor `native` (null: not known yet), and what
 * `chosen` makes. The model always runs at its own factor first, so that size must fit as well.
 */
export function planScale(source: Size | null, native: number | null, chosen: ScaleChoice): ScalePlan {
  const allowed = (factor: number) => source === null || fits(scaled(source, factor));
  const factors: number[] = FACTORS.filter((factor) => factor !== native && factor <= MAX_SCALE && allowed(factor));
  const options = [
    { value: "model", label: native === null ? "model" : `model (x${native})` },
    ...factors.map((factor) => ({ value: String(factor), label: `${factor}x` })),
  ];
  const choice: ScaleChoice = typeof chosen === "number" && factors.includes(chosen) ? chosen : "model";
  const factor = choice === "model" ? native : choice;
  const result = source && factor !== null ? scaled(source, factor) : null;
  let problem: string | null = null;
  if (source && native !== null && !fits(scaled(source, native))) {
    problem = `${tooLarge(`The model's x${native} result`, scaled(source, native))} Use a smaller image or a model with a smaller factor.`;
  } else if (result && !fits(result)) {
    problem = tooLarge("The result", result);
  }
  return { options, choice, factor, result, problem };
}
