import { describe, expect, it } from "vitest";
import { applyModel, DEFAULT_FORM, lockedRatio, newControlUnit, randomSeed, SEED_MAX } from "./form";
import { newReferenceUnit } from "./referenceImages";
import { modelRecord } from "./testModels";

const sd1 = modelRecord({ key: "sd1", name: "SD1", base: "sd-1" });
const sdxl = modelRecord({
  key: "xl",
  name: "XL",
  base: "sdxl",
  default_settings: { steps: 25, cfg_scale: 6, scheduler: "dpmpp_2m_k" },
});
const demo = modelRecord({
  key: "demo",
  name: "Demo",
  default_settings: { width: 64, height: 64, steps: 20, cfg_scale: 5, scheduler: "dpmpp_2m" },
  details: { native_resolution: 64 },
});
const sd1Lora = modelRecord({ key: "l1", name: "L1", type: "lora" });
const anyLora = modelRecord({ key: "la", name: "LA", type: "lora", base: "any" });
const sd1Vae = modelRecord({ key: "v1", name: "V1", type: "vae" });
const sd1Control = modelRecord({ key: "c1", name: "C1", type: "controlnet" });
const sd1Adapter = modelRecord({ key: "ip1", name: "IP1", type: "ip_adapter" });
const fluxDev = modelRecord({
  key: "fd",
  name: "FLUX dev",
  base: "flux",
  variant: "dev",
  default_settings: { width: 1024, height: 1024, steps: 28, cfg_scale: 1, scheduler: "euler", guidance: 3 },
});
const fluxGguf = modelRecord({ key: "fg", name: "FLUX dev Q8", base: "flux", variant: "dev", format: "gguf" });
const sd3 = modelRecord({ key: "s3", name: "SD 3.5", base: "sd-3", format: "checkpoint" });
const kontext = modelRecord({ key: "fk", name: "FLUX Kontext", base: "flux", variant: "kontext", format: "gguf" });
const installed = [sd1, sdxl, demo, sd1Lora, anyLora, sd1Vae, sd1Control, sd1Adapter, fluxDev, fluxGguf, sd3, kontext];

describe("applyModel", () => {
  it("applies the model's default settings, size included", () => {
    const form = applyModel({ ...DEFAULT_FORM, aspect: "16:9", width: 912, height: 512 }, demo, installed);
    expect(form).toMatchObject({ model: "demo", width: 64, height: 64, aspect: "1:1", steps: 20, cfgScale: 5 });
    expect(form.scheduler).toBe("dpmpp_2m");
  });

  it("sizes for the base at the current aspect when the model has no size", () => {
    const form = applyModel({ ...DEFAULT_FORM, aspect: "16:9", width: 912, height: 512 }, sdxl, installed);
    expect(form).toMatchObject({ width: 1368, height: 768, steps: 25, cfgScale: 6, scheduler: "dpmpp_2m_k" });
  });

  it("keeps the current settings the model does not set", () => {
    const form = applyModel({ ...DEFAULT_FORM, steps: 12, cfgScale: 3.5, scheduler: "ddim" }, sd1, installed);
    expect(form).toMatchObject({ steps: 12, cfgScale: 3.5, scheduler: "ddim", width: 512, height: 512 });
  });

  it("lets go of parts made for another base", () => {
    const unit = { ...newControlUnit("controlnet"), model: "c1" };
    const reference = { ...newReferenceUnit("look.png"), model: "ip1" };
    const start = {
      ...DEFAULT_FORM,
      model: "sd1",
      vae: "v1",
      loras: [
        { key: "l1", weight: 0.8, enabled: true },
        { key: "la", weight: 1, enabled: true },
      ],
      controlUnits: [unit],
      referenceUnits: [reference],
    };
    const form = applyModel(start, sdxl, installed);
    expect(form.vae).toBeNull();
    expect(form.loras).toEqual([
      { key: "l1", weight: 0.8, enabled: false },
      { key: "la", weight: 1, enabled: true },
    ]);
    expect(form.controlUnits[0]?.model).toBeNull();
    expect(form.referenceUnits).toEqual([{ ...reference, model: null }]);
    expect(applyModel(start, sd1, installed).vae).toBe("v1");
    expect(applyModel(start, sd1, installed).referenceUnits).toEqual([reference]);
  });

  it("applies a FLUX model's guidance and size, and fits the scheduler to flow models", () => {
    const start = { ...DEFAULT_FORM, cfgScale: 7, scheduler: "dpmpp_2m_k", guidance: 6 };
    expect(applyModel(start, fluxDev, installed)).toMatchObject({
      width: 1024,
      height: 1024,
      cfgScale: 1,
      guidance: 3,
      scheduler: "euler",
    });
    // a record without settings: FLUX's true CFG starts off, guidance at FLUX dev's usual 3.5, 16 px sizes
    const bare = applyModel({ ...start, aspect: "16:9" }, fluxGguf, installed);
    expect(bare).toMatchObject({ cfgScale: 1, guidance: 3.5, scheduler: "euler", width: 1360, height: 768 });
    // Kontext without settings starts at its own lower guidance
    expect(applyModel(start, kontext, installed)).toMatchObject({ guidance: 2.5, cfgScale: 1 });
    const ownGuidance = { ...kontext, default_settings: { guidance: 2 } };
    expect(applyModel(start, ownGuidance, installed).guidance).toBe(2);
    expect(applyModel({ ...start, scheduler: "heun" }, sd3, installed)).toMatchObject({
      cfgScale: 5,
      scheduler: "heun",
    });
  });

  it("keeps chosen text encoders only for models that take them", () => {
    const start = { ...DEFAULT_FORM, t5Encoder: "t5", clipEmbed: "clip" };
    expect(applyModel(start, fluxGguf, installed)).toMatchObject({ t5Encoder: "t5", clipEmbed: "clip" });
    expect(applyModel(start, sd3, installed)).toMatchObject({ t5Encoder: "t5", clipEmbed: null });
    expect(applyModel(start, fluxDev, installed)).toMatchObject({ t5Encoder: null, clipEmbed: null });
    expect(applyModel(start, sd1, installed)).toMatchObject({ t5Encoder: null, clipEmbed: null });
  });
});

describe("form helpers", () => {
  it("follows the preset ratio, or the current one when locked on free", () => {
    expect(lockedRatio({ aspect: "3:2", aspectLocked: false, width: 1, height: 1 })).toBe(1.5);
    expect(lockedRatio({ aspect: "free", aspectLocked: false, width: 600, height: 300 })).toBeNull();
    expect(lockedRatio({ aspect: "free", aspectLocked: true, width: 600, height: 300 })).toBe(2);
  });

  it("draws seeds over the whole unsigned 32-bit range", () => {
    expect(randomSeed(() => 0)).toBe(0);
    expect(randomSeed(() => 0.999999999999)).toBe(SEED_MAX);
  });

  it("gives every control unit its own id", () => {
    expect(newControlUnit("controlnet").id).not.toBe(newControlUnit("controlnet").id);
  });
});
