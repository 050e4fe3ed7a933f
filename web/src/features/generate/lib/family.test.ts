import { describe, expect, it } from "vitest";
import { familyCfg, familyControls, familyGuidance, familyOf, isKontext, sdOnlyHint } from "./family";

const sd1 = { base: "sd-1", variant: "normal", format: "diffusers" } as const;
const fluxDev = { base: "flux", variant: "dev", format: "diffusers" } as const;
const fluxSchnell = { base: "flux", variant: "schnell", format: "diffusers" } as const;
const kontext = { base: "flux", variant: "kontext", format: "diffusers" } as const;
const sd3 = { base: "sd-3", variant: null, format: "diffusers" } as const;

describe("familyControls", () => {
  it("shows Stable Diffusion's controls for SD models and unknown ones", () => {
    for (const model of [sd1, { ...sd1, base: "sdxl" as const }, null]) {
      expect(familyControls(model, 7)).toEqual({
        family: "sd",
        guidance: false,
        trueCfg: false,
        negativePrompt: true,
        sdOnly: true,
        t5Encoder: false,
        clipEmbed: false,
        referenceImages: "ip_adapter",
        reference: false,
        grid: 8,
      });
    }
  });

  it("gives FLUX dev guidance and true CFG, with the negative prompt only above CFG 1", () => {
    expect(familyControls(fluxDev, 1)).toEqual({
      family: "flux",
      guidance: true,
      trueCfg: true,
      negativePrompt: false,
      sdOnly: false,
      t5Encoder: false,
      clipEmbed: false,
      referenceImages: "flux_redux",
      reference: false,
      grid: 16,
    });
    expect(familyControls(fluxDev, 1.5).negativePrompt).toBe(true);
    expect(familyControls({ ...fluxDev, variant: "fill" }, 1).guidance).toBe(true);
  });

  it("offers a reference image to edit, with guidance, only for FLUX.1 Kontext", () => {
    expect(familyControls(kontext, 1)).toMatchObject({
      family: "flux",
      reference: true,
      guidance: true,
      trueCfg: true,
    });
    expect(familyControls({ ...kontext, format: "checkpoint" }, 1)).toMatchObject({ reference: true, t5Encoder: true });
    for (const model of [fluxDev, fluxSchnell, sd3, sd1, { ...sd1, variant: "kontext" as const }, null]) {
      expect(familyControls(model, 1).reference).toBe(false);
    }
    expect(isKontext(kontext)).toBe(true);
    expect(isKontext(fluxDev)).toBe(false);
  });

  it("starts Kontext at a guidance of 2.5 and FLUX dev at 3.5", () => {
    expect(familyGuidance(kontext)).toBe(2.5);
    expect(familyGuidance(fluxDev)).toBe(3.5);
    expect(familyGuidance(null)).toBe(3.5);
  });

  it("has no guidance for FLUX schnell", () => {
    expect(familyControls(fluxSchnell, 1)).toMatchObject({ guidance: false, trueCfg: true, sdOnly: false });
  });

  it("offers separate encoders only for transformer-only single files", () => {
    for (const format of ["checkpoint", "gguf"] as const) {
      expect(familyControls({ ...fluxDev, format }, 1)).toMatchObject({ t5Encoder: true, clipEmbed: true });
      expect(familyControls({ ...sd3, format }, 5)).toMatchObject({ t5Encoder: true, clipEmbed: false });
    }
    expect(familyControls({ ...sd1, format: "checkpoint" }, 7)).toMatchObject({ t5Encoder: false, clipEmbed: false });
  });

  it("keeps plain CFG and the negative prompt for SD 3.5, on a 16 px grid", () => {
    expect(familyControls(sd3, 1)).toEqual({
      family: "sd3",
      guidance: false,
      trueCfg: false,
      negativePrompt: true,
      sdOnly: false,
      t5Encoder: false,
      clipEmbed: false,
      referenceImages: null,
      reference: false,
      grid: 16,
    });
  });

  it("starts FLUX at CFG 1 and SD 3.5 at 5 when a record names no CFG", () => {
    expect([familyCfg("flux"), familyCfg("sd-3"), familyCfg("sd-1")]).toEqual([1, 5, undefined]);
    expect(familyOf("sdxl-refiner")).toBe("sd");
  });

  it("takes reference images through IP-Adapters for Stable Diffusion and FLUX Redux for FLUX", () => {
    const bases = ["sd-1", "sd-2", "sdxl", "flux", "sd-3"] as const;
    const allowed = bases.map((base) => familyControls({ ...sd1, base }, 7).referenceImages);
    expect(allowed).toEqual(["ip_adapter", "ip_adapter", "ip_adapter", "flux_redux", null]);
    expect(familyControls(kontext, 1).referenceImages).toBe("flux_redux");
    expect(sdOnlyHint("sd-3", "IP-Adapter reference images")).toBe(
      "IP-Adapter reference images work with SD 1.x, SD 2.x and SDXL models, not with SD 3 models.",
    );
  });

  it("names the family in the hint for hidden controls", () => {
    expect(sdOnlyHint("flux", "CLIP skip and seamless tiling")).toBe(
      "CLIP skip and seamless tiling work with SD 1.x, SD 2.x and SDXL models, not with FLUX models.",
    );
  });
});
