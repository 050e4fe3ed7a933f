import { describe, expect, it } from "vitest";
import { buildRequest, controlForField, problemsByControl } from "./buildRequest";
import { DEFAULT_FORM, type GenerateForm, newControlUnit } from "./form";
import { newReferenceUnit } from "./referenceImages";
import { DEFAULT_REFINER } from "./refiner";

const SDXL = { base: "sdxl", variant: null, format: "diffusers" } as const;
const FLUX_DEV = { base: "flux", variant: "dev", format: "diffusers" } as const;
const FLUX_SCHNELL = { base: "flux", variant: "schnell", format: "diffusers" } as const;
const SD3 = { base: "sd-3", variant: null, format: "diffusers" } as const;
const KONTEXT = { base: "flux", variant: "kontext", format: "diffusers" } as const;

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
    expect(buildRequest(refined, { board: null, prepend: false, model: SDXL }).refiner).toEqual({
      model: "ref",
      start: 0.5,
      steps: 10,
      cfg_scale: null,
      scheduler: null,
      positive_aesthetic_score: 6,
      negative_aesthetic_score: 2.5,
    });
    expect(buildRequest(refined, { board: null, prepend: false, model: { ...SDXL, base: "sd-1" } }).refiner).toBeNull();
    expect(buildRequest(refined, { board: null, prepend: false }).refiner).toBeNull();
    const off = { ...refined, refiner: { ...refined.refiner, enabled: false } };
    expect(buildRequest(off, { board: null, prepend: false, model: SDXL }).refiner).toBeNull();
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

describe("buildRequest per model family", () => {
  const flux: GenerateForm = {
    ...form,
    cfgScale: 1,
    guidance: 4.5,
    t5Encoder: "t5",
    clipEmbed: "clip",
    referenceImage: "photo.png",
    clipSkip: 2,
    seamlessX: true,
    seamlessY: true,
  };
  const familyKeys = ["guidance", "t5_encoder", "clip_embed", "reference_image"];

  it("sends Stable Diffusion requests without the FLUX and SD 3.5 fields", () => {
    for (const model of [SDXL, null, undefined]) {
      const request = buildRequest(flux, { board: null, prepend: false, model });
      expect(Object.keys(request).filter((key) => familyKeys.includes(key))).toEqual([]);
      expect(request).toMatchObject({ negative_prompt: "blurry", clip_skip: 2, seamless_x: true });
      expect(request.controlnets).toHaveLength(1);
    }
  });

  it("sends FLUX dev's guidance, and neutral values for what FLUX hides", () => {
    const request = buildRequest(flux, { board: null, prepend: false, model: FLUX_DEV });
    expect(request).toMatchObject({
      guidance: 4.5,
      cfg_scale: 1,
      negative_prompt: "",
      clip_skip: 0,
      seamless_x: false,
      seamless_y: false,
      controlnets: [],
      t2i_adapters: [],
    });
    expect(request).not.toHaveProperty("t5_encoder");
    expect(request).not.toHaveProperty("clip_embed");
    expect(
      buildRequest({ ...flux, cfgScale: 2 }, { board: null, prepend: false, model: FLUX_DEV }).negative_prompt,
    ).toBe("blurry");
  });

  it("sends a Kontext model's reference image, at its size unless asked otherwise or with an init image", () => {
    const options = { board: null, prepend: false, model: KONTEXT };
    const edit = buildRequest(flux, options);
    expect(edit).toMatchObject({ reference_image: "photo.png", guidance: 4.5, width: null, height: null });
    const sized = buildRequest({ ...flux, referenceSize: false }, options);
    expect(sized).toMatchObject({ reference_image: "photo.png", width: flux.width, height: flux.height });
    const img2img = buildRequest({ ...flux, initImage: "start.png" }, options);
    expect(img2img).toMatchObject({ reference_image: "photo.png", init_image: "start.png", width: flux.width });
    const plain = buildRequest({ ...flux, referenceImage: null }, options);
    expect(plain).not.toHaveProperty("reference_image");
    expect(plain).toMatchObject({ width: flux.width, height: flux.height });
    const dev = buildRequest(flux, { ...options, model: FLUX_DEV });
    expect(dev).not.toHaveProperty("reference_image");
    expect(dev).toMatchObject({ width: flux.width, height: flux.height });
  });

  it("sends no guidance for FLUX schnell", () => {
    expect(buildRequest(flux, { board: null, prepend: false, model: FLUX_SCHNELL })).not.toHaveProperty("guidance");
  });

  it("sends the chosen encoders for transformer-only files", () => {
    const gguf = buildRequest(flux, { board: null, prepend: false, model: { ...FLUX_DEV, format: "gguf" } });
    expect(gguf).toMatchObject({ t5_encoder: "t5", clip_embed: "clip" });
    const unchosen = { ...flux, t5Encoder: null, clipEmbed: null };
    const server = buildRequest(unchosen, {
      board: null,
      prepend: false,
      model: { ...FLUX_DEV, format: "checkpoint" },
    });
    expect(server).not.toHaveProperty("t5_encoder");
    expect(server).not.toHaveProperty("clip_embed");
    const sd3 = buildRequest(flux, { board: null, prepend: false, model: { ...SD3, format: "checkpoint" } });
    expect(sd3).toMatchObject({ t5_encoder: "t5", negative_prompt: "blurry", clip_skip: 0 });
    expect(sd3).not.toHaveProperty("clip_embed");
    expect(sd3).not.toHaveProperty("guidance");
  });

  it("maps the family's fields to their controls", () => {
    expect(controlForField("guidance", form)).toBe("guidance");
    expect(controlForField("t5_encoder", form)).toBe("t5Encoder");
    expect(controlForField("clip_embed", form)).toBe("clipEmbed");
    expect(controlForField("reference_image", form)).toBe("referenceImage");
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

describe("buildRequest reference images", () => {
  const style = { ...newReferenceUnit("look.png"), model: "ip-xl", weight: 0.5, method: "style" as const };
  const layout = {
    ...newReferenceUnit("pose.png"),
    model: "ip-xl",
    begin: 0.2,
    end: 0.8,
    method: "composition" as const,
  };
  const withRefs: GenerateForm = { ...form, referenceUnits: [style, layout] };

  it("sends each unit's image, adapter, weight, range and method in form order", () => {
    const request = buildRequest(withRefs, { board: null, prepend: false, model: SDXL });
    expect(request.reference_images).toEqual([
      { image: "look.png", model: "ip-xl", weight: 0.5, begin: 0, end: 1, method: "style" },
      { image: "pose.png", model: "ip-xl", weight: 1, begin: 0.2, end: 0.8, method: "composition" },
    ]);
  });

  it("leaves the field out without units, and for SD 3.5 models", () => {
    expect(buildRequest(form, { board: null, prepend: false, model: SDXL })).not.toHaveProperty("reference_images");
    expect(buildRequest(withRefs, { board: null, prepend: false, model: SD3 })).not.toHaveProperty("reference_images");
  });

  it("sends FLUX units through FLUX Redux: image influence and a weight from 0 to 1, every step, whole", () => {
    const redux = { ...newReferenceUnit("look.png"), model: "redux", weight: 1.6, imageInfluence: "low" as const };
    for (const model of [FLUX_DEV, KONTEXT]) {
      const request = buildRequest({ ...form, referenceUnits: [redux] }, { board: null, prepend: false, model });
      expect(request.reference_images).toEqual([
        { image: "look.png", model: "redux", weight: 1, begin: 0, end: 1, method: "full", image_influence: "low" },
      ]);
    }
    expect(controlForField("reference_images.0.image_influence", { ...form, referenceUnits: [redux] })).toBe(
      `reference:${redux.id}:influence`,
    );
  });

  it("sends a unit without an image or adapter empty, so the server names it", () => {
    const bare = { ...form, referenceUnits: [newReferenceUnit()] };
    const request = buildRequest(bare, { board: null, prepend: false });
    expect(request.reference_images).toEqual([{ image: "", model: "", weight: 1, begin: 0, end: 1, method: "full" }]);
  });

  it("routes a reference image's problems to its unit", () => {
    expect(controlForField("reference_images.1.model", withRefs)).toBe(`reference:${layout.id}:model`);
    expect(controlForField("reference_images.0.end", withRefs)).toBe(`reference:${style.id}:range`);
    expect(controlForField("reference_images.0.image", withRefs)).toBe(`reference:${style.id}:image`);
    expect(controlForField("reference_images.5.image", withRefs)).toBe("general");
    expect(controlForField("reference_image", withRefs)).toBe("referenceImage");
  });
});
