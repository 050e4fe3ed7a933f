import { describe, expect, it } from "vitest";
import { findModel, type RecallParameters, recallPatch } from "./recall";
import { modelRecord } from "./testModels";

const main = modelRecord({ key: "k-main", name: "Impasto Shapes (demo)", hash: "sha256:abcdef0123456789" });
const lora = modelRecord({ key: "k-lora", name: "Pixel Art", type: "lora" });
const vae = modelRecord({ key: "k-vae", name: "ft-mse", type: "vae" });
const control = modelRecord({ key: "k-cn", name: "canny", type: "controlnet" });
const installed = [main, lora, vae, control];

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
    expect(recallPatch(params, installed, ["initImage"]).patch).toEqual({ initImage: "i.png" });
    expect(recallPatch({ ...params, hires_scale: 2, hires_strength: 0.3 }, installed, ["hires"]).patch).toEqual({
      hiresFix: { enabled: true, scale: 2, strength: 0.3 },
    });
  });

  it("reports a model that is not installed and keeps the current one", () => {
    const { patch, notes } = recallPatch({ ...params, model: { name: "SDXL 1.0" } }, installed, ["model"]);
    expect(patch).toEqual({});
    expect(notes).toEqual(["The model 'SDXL 1.0' is not installed."]);
  });
});
