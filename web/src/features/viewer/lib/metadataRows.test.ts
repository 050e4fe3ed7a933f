import { describe, expect, it } from "vitest";
import { metadataRows } from "./metadataRows";

describe("metadataRows", () => {
  it("lists the parameters that are present, in form order", () => {
    const rows = metadataRows({
      positive_prompt: "a red circle",
      negative_prompt: "",
      model: { name: "Impasto Shapes (demo)" },
      loras: [{ name: "Pixel", weight: 0.5 }],
      seed: 42,
      steps: 20,
      cfg_scale: 5,
      scheduler: null,
      sampler: "DPM++ 2M Karras",
      width: 64,
      height: 64,
      seamless_x: true,
      control: [],
    });
    expect(rows.map((row) => [row.field, row.value])).toEqual([
      ["prompt", "a red circle"],
      ["model", "Impasto Shapes (demo)"],
      ["loras", "Pixel (0.5)"],
      ["seed", "42"],
      ["steps", "20"],
      ["cfgScale", "5"],
      ["scheduler", "DPM++ 2M Karras (not recognised)"],
      ["size", "64 × 64"],
      ["seamless", "x"],
    ]);
  });

  it("shows FLUX's distilled guidance after the CFG scale", () => {
    const rows = metadataRows({ cfg_scale: 1, guidance: 3.5, steps: 28 });
    expect(rows.map((row) => [row.field, row.label, row.value])).toEqual([
      ["steps", "Steps", "28"],
      ["cfgScale", "CFG scale", "1"],
      ["guidance", "Guidance", "3.5"],
    ]);
  });

  it("shows the separate text encoders and a Kontext edit's reference image", () => {
    const rows = metadataRows({
      model: { name: "FLUX Kontext" },
      t5_encoder: { name: "t5xxl" },
      clip_embed: { name: "clip_l" },
      reference_image: "photo.png",
    });
    expect(rows.map((row) => [row.field, row.label, row.value])).toEqual([
      ["model", "Model", "FLUX Kontext"],
      ["encoders", "Text encoders", "t5xxl, clip_l"],
      ["referenceImage", "Reference image", "photo.png"],
    ]);
  });

  it("names schedulers by their labels", () => {
    const rows = metadataRows({ scheduler: "dpmpp_2m_k" }, [{ value: "dpmpp_2m_k", label: "DPM++ 2M Karras" }]);
    expect(rows).toEqual([{ field: "scheduler", label: "Scheduler", value: "DPM++ 2M Karras" }]);
    expect(metadataRows({ scheduler: "new_one" })[0]?.value).toBe("new_one");
  });

  it("summarises a refiner pass in one row", () => {
    const rows = metadataRows(
      {
        refiner_model: { name: "SDXL Refiner 1.0" },
        refiner_start: 0.8,
        refiner_steps: 30,
        refiner_scheduler: "euler",
      },
      [{ value: "euler", label: "Euler" }],
    );
    expect(rows).toEqual([
      { field: "refiner", label: "Refiner", value: "SDXL Refiner 1.0, start 0.8, 30 steps, Euler" },
    ]);
  });

  it("shows nothing for an image without parameters", () => {
    expect(metadataRows({})).toEqual([]);
  });
});
