/** Human names for the model taxonomy. */
export const BASE_LABELS: Record<string, string> = {
  "sd-1": "SD 1.x",
  "sd-2": "SD 2.x",
  sdxl: "SDXL",
  "sdxl-refiner": "SDXL Refiner",
  "sd-3": "SD 3",
  flux: "FLUX",
  any: "Any base",
};

export const TYPE_LABELS: Record<string, string> = {
  main: "Main model",
  vae: "VAE",
  lora: "LoRA",
  embedding: "Textual inversion",
  controlnet: "ControlNet",
  t2i_adapter: "T2I-Adapter",
  ip_adapter: "IP-Adapter",
  clip_vision: "CLIP Vision",
  siglip: "SigLIP vision encoder",
  flux_redux: "FLUX Redux",
  t5_encoder: "T5 encoder",
  clip_embed: "CLIP text encoder",
  upscaler: "Upscaler",
  preprocessor: "Preprocessor",
};

export function baseLabel(base: string): string {
  return BASE_LABELS[base] ?? base;
}

export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** Select data grouped by base, bases in taxonomy order and names sorted within each. */
export function groupByBase<T extends { key: string; name: string; base: string }>(
  models: T[],
): { group: string; items: { value: string; label: string }[] }[] {
  const order = Object.keys(BASE_LABELS);
  const bases = [...new Set(models.map((model) => model.base))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return bases.map((base) => ({
    group: baseLabel(base),
    items: models
      .filter((model) => model.base === base)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((model) => ({ value: model.key, label: model.name })),
  }));
}
