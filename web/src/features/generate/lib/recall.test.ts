import { describe, expect, it } from "vitest";
import { DEFAULT_FORM } from "./form";
import { findModel, type RecallParameters, recallPatch } from "./recall";
import { DEFAULT_REFINER } from "./refiner";
import { modelRecord } from "./testModels";

const main = modelRecord({ key: "k-main", name: "Impasto Shapes (demo)", hash: "sha256:abcdef0123456789" });
const lora = modelRecord({ key: "k-lora", name: "Pixel Art", type: "lora" });
const vae = modelRecord({ key: "k-vae", name: "ft-mse", type: "vae" });
const control = modelRecord({ key: "k-cn", name: "canny", type: "controlnet" });
const refinerModel = modelRecord({ key: "k-ref", name: "SDXL Refiner 1.0", base: "sdxl-refiner" });
const xl = modelRecord({ key: "k-xl", name: "Tiny XL", base: "sdxl" });
const ipAdapter = modelRecord({ key: "k-ip", name: "ip-adapter_sd15", type: "ip_adapter" });
const redux = modelRecord({ key: "k-redux", name: "flux1-redux-dev", type: "flux_redux", base: "flux" });
const installed = [main, lora, vae, control, refinerModel, xl, ipAdapter, redux];

const params: RecallParameters = {
  positive_prompt: "a red circle",
  negative_prompt: "blurry",
  model: { name: "impasto shapes (DEMO)" },
  vae: null,
  loras: [
    { name: "Pixel Art", weight: 0.6 },
    { name: "Missing", weight: 1 },
  ],
  seed: 42,
  steps: 20,
  cfg_scale: 5,
  scheduler: "euler_a",
  width: 64,
  height: 64,
  strength: 0.5,
  clip_skip: 1,
  control: [
    { kind: "controlnet", model: { key: "k-cn" }, weight: 0.8, processor: "canny_edge_detection", image_name: "x.png" },
  ],
  init_image: "i.png",
  source: "a1111",
  extra: {},
  unread: [],
};

describe("findModel", () => {
  it("matches by key, full or short hash, then name", () => {
    expect(findModel({ key: "k-main" }, "main", installed)).toBe(main);
    expect(findModel({ hash: "sha256:abcdef0123456789" }, "main", installed)).toBe(main);
    expect(findModel({ hash: "abcdef01" }, "main", installed)).toBe(main);
    expect(findModel({ name: "PIXEL ART" }, "lora", installed)).toBe(lora);
    expect(findModel({ name: "Pixel Art" }, "main", installed)).toBeNull();
    expect(findModel(null, "main", installed)).toBeNull();
  });
});

describe("recallPatch", () => {
  it("recalls everything but the init image, with notes on what is missing", () => {
    const { patch, notes } = recallPatch(params, installed);
    expect(patch).toMatchObject({
      prompt: "a red circle",
      negativePrompt: "blurry",
      model: "k-main",
      vae: null,
      loras: [{ key: "k-lora", weight: 0.6, enabled: true }],
      seed: 42,
      randomSeed: false,
      steps: 20,
      cfgScale: 5,
      scheduler: "euler_a",
      width: 64,
      height: 64,
      aspect: "1:1",
      strength: 0.5,
      clipSkip: 1,
      hiresFix: { enabled: false },
    });
    expect(patch.initImage).toBeUndefined();
    expect(patch.controlUnits).toMatchObject([
      { kind: "controlnet", model: "k-cn", weight: 0.8, preprocessor: "canny", image: "x.png", begin: 0, end: 1 },
    ]);
    expect(notes).toEqual(["The LoRA 'Missing' is not installed."]);
  });

  it("recalls single fields", () => {
    expect(recallPatch(params, installed, ["seed"]).patch).toEqual({ seed: 42, randomSeed: false });
    expect(recallPatch({ ...params, guidance: 4 }, installed, ["guidance"]).patch).toEqual({ guidance: 4 });
    expect(recallPatch(params, installed, ["guidance"]).patch).toEqual({});
    expect(recallPatch({ ...params, guidance: 2.5 }, installed).patch.guidance).toBe(2.5);
    expect(recallPatch(params, installed, ["initImage"]).patch).toEqual({ initImage: "i.png" });
    expect(recallPatch({ ...params, hires_scale: 2, hires_strength: 0.3 }, installed, ["hires"]).patch).toEqual({
      hiresFix: { enabled: true, scale: 2, strength: 0.3, upscaler: null },
    });
  });

  it("recalls the hires upscaler by name, and falls back to latents when it is not installed", () => {
    const esrgan = { ...main, key: "esrgan", name: "Real-ESRGAN x4plus", type: "upscaler" as const };
    const hires = { ...params, hires_scale: 2, hires_strength: 0.3 };
    const named = recallPatch({ ...hires, hires_upscaler: "real-esrgan X4plus" }, [...installed, esrgan], ["hires"]);
    expect(named.patch).toEqual({ hiresFix: { enabled: true, scale: 2, strength: 0.3, upscaler: "esrgan" } });
    const latent = recallPatch({ ...hires, hires_upscaler: "Latent (bicubic)" }, [esrgan], ["hires"]);
    expect(latent.patch).toEqual({ hiresFix: { enabled: true, scale: 2, strength: 0.3, upscaler: null } });
    expect(latent.notes).toEqual([]);
    const missing = recallPatch({ ...hires, hires_upscaler: "4x-UltraSharp" }, installed, ["hires"]);
    expect(missing.patch).toEqual({ hiresFix: { enabled: true, scale: 2, strength: 0.3, upscaler: null } });
    expect(missing.notes).toEqual(["The hires upscaler '4x-UltraSharp' is not installed; the latents are scaled."]);
  });

  it("recalls separate text encoders, clearing them when the image names none", () => {
    const t5 = modelRecord({ key: "k-t5", name: "t5xxl", type: "t5_encoder", base: "any" });
    const clip = modelRecord({ key: "k-clip", name: "clip_l", type: "clip_embed", base: "any" });
    const flux = { ...params, t5_encoder: { name: "T5XXL" }, clip_embed: { key: "k-clip" } };
    expect(recallPatch(flux, [...installed, t5, clip], ["encoders"])).toEqual({
      patch: { t5Encoder: "k-t5", clipEmbed: "k-clip" },
      notes: [],
    });
    expect(recallPatch(flux, installed, ["encoders"])).toEqual({
      patch: { t5Encoder: null, clipEmbed: null },
      notes: ["The T5 encoder 'T5XXL' is not installed.", "The CLIP-L encoder 'k-clip' is not installed."],
    });
    expect(recallPatch(params, installed).patch).toMatchObject({ t5Encoder: null, clipEmbed: null });
  });

  it("recalls a Kontext edit's reference image with everything else", () => {
    const edit = { ...params, reference_image: "photo.png" };
    expect(recallPatch(edit, installed).patch.referenceImage).toBe("photo.png");
    expect(recallPatch(edit, installed, ["referenceImage"]).patch).toEqual({ referenceImage: "photo.png" });
    expect(recallPatch(params, installed).patch.referenceImage).toBeNull();
  });

  it("reports a model that is not installed and keeps the current one", () => {
    const { patch, notes } = recallPatch({ ...params, model: { name: "SDXL 1.0" } }, installed, ["model"]);
    expect(patch).toEqual({});
    expect(notes).toEqual(["The model 'SDXL 1.0' is not installed."]);
  });
});

describe("recalling the refiner", () => {
  const refined: RecallParameters = {
    ...params,
    model: { key: "k-xl" },
    steps: 30,
    cfg_scale: 7,
    scheduler: "euler",
    refiner_model: { name: "SDXL Refiner 1.0" },
    refiner_start: 0.7,
    refiner_steps: 30,
    refiner_cfg_scale: 5,
    refiner_scheduler: "euler",
    refiner_positive_aesthetic_score: 6.5,
    refiner_negative_aesthetic_score: 2,
  };

  it("switches the refiner on with its settings; overrides equal to the base's stay empty", () => {
    const { patch, notes } = recallPatch(refined, installed);
    expect(patch.model).toBe("k-xl");
    expect(patch.refiner).toEqual({
      enabled: true,
      model: "k-ref",
      start: 0.7,
      steps: null,
      cfgScale: 5,
      scheduler: null,
      positiveAestheticScore: 6.5,
      negativeAestheticScore: 2,
    });
    expect(notes).toEqual(["The LoRA 'Missing' is not installed."]);
  });

  it("recalls the refiner alone, defaults for what the image does not say", () => {
    const sparse = { refiner_model: { hash: "blake3:k-ref" }, refiner_start: 0.85 };
    expect(recallPatch(sparse, installed, ["refiner"]).patch).toEqual({
      refiner: { ...DEFAULT_REFINER, enabled: true, model: "k-ref", start: 0.85 },
    });
  });

  it("matches only SDXL refiners, and notes one that is not installed", () => {
    const wrong = { ...refined, refiner_model: { name: "Tiny XL" } };
    const { patch, notes } = recallPatch(wrong, installed, ["refiner"]);
    expect(patch.refiner).toMatchObject({ enabled: true, model: null, start: 0.7 });
    expect(notes).toEqual(["The SDXL refiner 'Tiny XL' is not installed."]);
  });

  it("switches the refiner off for an image made without one, keeping its settings", () => {
    const current = { ...DEFAULT_FORM, refiner: { ...DEFAULT_REFINER, enabled: true, model: "k-ref", start: 0.6 } };
    expect(recallPatch(params, installed, ["refiner"], current).patch).toEqual({
      refiner: { ...current.refiner, enabled: false },
    });
  });
});

describe("recalling reference images", () => {
  const recorded = [
    {
      image: "look.png",
      model: { key: "gone", name: "ip-adapter_sd15" },
      weight: 0.4,
      begin: 0.1,
      end: 0.9,
      method: "style",
    },
    { image: "pose.png", model: { name: "ip-adapter-plus_sd15" }, method: "nonsense" },
  ];

  it("rebuilds the units from extra.reference_images, reporting adapters that are not installed", () => {
    const result = recallPatch({ ...params, extra: { reference_images: recorded } }, installed, ["referenceImages"]);
    const units = result.patch.referenceUnits ?? [];
    expect(units.map(({ id: _id, ...unit }) => unit)).toEqual([
      {
        image: "look.png",
        model: "k-ip",
        weight: 0.4,
        begin: 0.1,
        end: 0.9,
        method: "style",
        imageInfluence: "highest",
      },
      { image: "pose.png", model: null, weight: 1, begin: 0, end: 1, method: "full", imageInfluence: "highest" },
    ]);
    expect(result.notes).toEqual(["The reference model 'ip-adapter-plus_sd15' is not installed."]);
  });

  it("rebuilds FLUX Redux units with their image influence", () => {
    const flux = [{ image: "look.png", model: { name: "flux1-redux-dev" }, weight: 0.7, image_influence: "low" }];
    const result = recallPatch({ ...params, extra: { reference_images: flux } }, installed, ["referenceImages"]);
    const [unit] = result.patch.referenceUnits ?? [];
    expect(unit).toMatchObject({ image: "look.png", model: "k-redux", weight: 0.7, imageInfluence: "low" });
    expect(result.notes).toEqual([]);
  });

  it("clears the units when the metadata records none", () => {
    expect(recallPatch(params, installed).patch.referenceUnits).toEqual([]);
  });
});
