import { describe, expect, it } from "vitest";
import { buildRequest, controlForField, problemsByControl } from "./buildRequest";
import { DEFAULT_FORM, type GenerateForm, newControlUnit } from "./form";
import { DEFAULT_REFINER } from "./refiner";

const canny = { ...newControlUnit("controlnet", "a.png"), model: "cn", preprocessor: "canny" as const };
const off = { ...newControlUnit("controlnet", "b.png"), model: "cn2", enabled: false };
const adapter = { ...newControlUnit("t2i_adapter", "c.png"), model: "t2i", weight: 0.6, begin: 0.1, end: 0.9 };
const form: GenerateForm = {
  ...DEFAULT_FORM,
  prompt: "a red circle",
  negativePrompt: "blurry",
  model: "m",
  width: 64,
  height: 96,
  steps: 20,
  cfgScale: 5,
  scheduler: "dpmpp_2m",
  seed: 42,
  randomSeed: false,
  count: 3,
  loras: [
    { key: "skip", weight: 1, enabled: false },
    { key: "l1", weight: 0.7, enabled: true },
  ],
  controlUnits: [off, canny, adapter],
};

describe("buildRequest", () => {
  it("sends every parameter explicitly", () => {
    const request = buildRequest(form, { board: "b1", prepend: false });
    expect(request).toMatchObject({
      prompt: "a red circle",
      negative_prompt: "blurry",
      model: "m",
      width: 64,
      height: 96,
      steps: 20,
      cfg_scale: 5,
      scheduler: "dpmpp_2m",
      seed: 42,
      count: 3,
      init_image: null,
      strength: null,
      board: "b1",
      prepend: false,
      hires_fix: null,
      loras: [{ model: "l1", weight: 0.7 }],
    });
  });

  it("leaves the seed to the server when it is random", () => {
    expect(buildRequest({ ...form, randomSeed: true }, { board: null, prepend: true })).toMatchObject({
      seed: null,
      prepend: true,
      board: null,
    });
  });

  it("sends strength only with an init image, and hires fix only without one", () => {
    const hires = { ...form, hiresFix: { enabled: true, scale: 1.5, strength: 0.4 } };
    expect(buildRequest(hires, { board: null, prepend: false }).hires_fix).toEqual({ scale: 1.5, strength: 0.4 });
    const withModel = { ...form, hiresFix: { enabled: true, scale: 2, strength: 0.4, upscaler: "esrgan-key" } };
    expect(buildRequest(withModel, { board: null, prepend: false }).hires_fix).toEqual({
      scale: 2,
      strength: 0.4,
      upscaler: "esrgan-key",
    });
    const img2img = buildRequest({ ...hires, initImage: "i.png", strength: 0.3 }, { board: null, prepend: false });
    expect(img2img).toMatchObject({ init_image: "i.png", strength: 0.3, hires_fix: null });
  });

  it("sends the refiner only when it is on and the model is SDXL", () => {
    const refined = { ...form, refiner: { ...DEFAULT_REFINER, enabled: true, model: "ref", start: 0.5, steps: 10 } };
    expect(buildRequest(refined, { board: null, prepend: false, modelBase: "sdxl" }).refiner).toEqual({
      model: "ref",
      start: 0.5,
      steps: 10,
      cfg_scale: null,
      scheduler: null,
      positive_aesthetic_score: 6,
      negative_aesthetic_score: 2.5,
    });
    expect(buildRequest(refined, { board: null, prepend: false, modelBase: "sd-1" }).refiner).toBeNull();
    expect(buildRequest(refined, { board: null, prepend: false }).refiner).toBeNull();
    const off = { ...refined, refiner: { ...refined.refiner, enabled: false } };
    expect(buildRequest(off, { board: null, prepend: false, modelBase: "sdxl" }).refiner).toBeNull();
  });

  it("splits enabled control units by kind", () => {
    const request = buildRequest(form, { board: null, prepend: false });
    expect(request.controlnets).toEqual([
      {
        model: "cn",
        image: "a.png",
        preprocessor: "canny",
        preprocessor_options: {},
        weight: 1,
        begin: 0,
        end: 1,
        resize_mode: "just_resize",
        control_mode: "balanced",
      },
    ]);
    expect(request.t2i_adapters).toMatchObject([{ model: "t2i", image: "c.png", weight: 0.6, begin: 0.1, end: 0.9 }]);
  });
});

describe("controlForField", () => {
  it("maps plain fields to their controls", () => {
    expect(controlForField("cfg_scale", form)).toBe("cfgScale");
    expect(controlForField("init_image", form)).toBe("initImage");
    expect(controlForField("hires_fix.scale", form)).toBe("hiresFix");
    expect(controlForField("nonsense", form)).toBe("general");
  });

  it("maps refiner fields to the refiner's controls", () => {
    expect(controlForField("refiner.model", form)).toBe("refiner:model");
    expect(controlForField("refiner.start", form)).toBe("refiner:start");
    expect(controlForField("refiner.steps", form)).toBe("refiner:steps");
    expect(controlForField("refiner.scheduler", form)).toBe("refiner:scheduler");
    expect(controlForField("refiner.positive_aesthetic_score", form)).toBe("refiner:positiveAestheticScore");
    expect(controlForField("refiner", form)).toBe("refiner:enabled");
    expect(
      problemsByControl(
        { "refiner.model": "'x' is a sdxl main model, not an SDXL refiner", hires_fix: "cannot be combined" },
        form,
      ),
    ).toEqual({ "refiner:model": "'x' is a sdxl main model, not an SDXL refiner", hiresFix: "cannot be combined" });
  });

  it("maps list entries by their position among the enabled ones", () => {
    expect(controlForField("loras.0.model", form)).toBe("lora:l1");
    expect(controlForField("controlnets.0.begin", form)).toBe(`control:${canny.id}:range`);
    expect(controlForField("t2i_adapters.0.model", form)).toBe(`control:${adapter.id}:model`);
    expect(controlForField("controlnets.5.model", form)).toBe("general");
  });

  it("joins several messages for one control", () => {
    expect(problemsByControl({ width: "too small", seamless_x: "a", seamless_y: "b" }, form)).toEqual({
      width: "too small",
      seamless: "a; b",
    });
  });
});
