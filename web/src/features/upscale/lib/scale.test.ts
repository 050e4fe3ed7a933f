import { describe, expect, it } from "vitest";
import { choiceValue, enlarges, fits, formatSize, modelScale, parseChoice, planScale, scaled } from "./scale";

const labels = (plan: ReturnType<typeof planScale>) => plan.options.map((option) => option.label);

describe("modelScale", () => {
  it("reads the factor from the model's details", () => {
    expect(modelScale({ scale: 4, architecture: "ESRGAN" })).toBe(4);
    expect(modelScale({ scale: "2" })).toBe(2);
  });

  it("falls back to 1 where the factor is missing or not a positive whole number", () => {
    expect(modelScale(undefined)).toBe(1);
    expect(modelScale({})).toBe(1);
    expect(modelScale({ scale: 0 })).toBe(1);
    expect(modelScale({ scale: 2.5 })).toBe(1);
  });
});

describe("sizes", () => {
  it("scales and rounds like the server", () => {
    expect(scaled({ width: 512, height: 384 }, 4)).toEqual({ width: 2048, height: 1536 });
    expect(scaled({ width: 3, height: 1 }, 0.1)).toEqual({ width: 1, height: 1 });
  });

  it("fits at most 16384 px a side and 8192 × 8192 px in all", () => {
    expect(fits({ width: 16384, height: 4096 })).toBe(true);
    expect(fits({ width: 16385, height: 10 })).toBe(false);
    expect(fits({ width: 8192, height: 8193 })).toBe(false);
  });

  it("formats a size", () => {
    expect(formatSize({ width: 512, height: 768 })).toBe("512 × 768");
  });
});

describe("choices", () => {
  it("round-trips through the segmented control's values", () => {
    expect(parseChoice(choiceValue("model"))).toBe("model");
    expect(parseChoice(choiceValue(3))).toBe(3);
    expect(parseChoice("17")).toBe("model");
    expect(parseChoice("nonsense")).toBe("model");
  });
});

describe("planScale", () => {
  it("offers the model's factor and the other multiples up to 16", () => {
    const plan = planScale({ width: 64, height: 64 }, 4, "model");
    expect(labels(plan)).toEqual(["model (x4)", "2x", "3x", "8x", "16x"]);
    expect(plan.result).toEqual({ width: 256, height: 256 });
    expect(plan.problem).toBeNull();
  });

  it("makes the chosen multiple", () => {
    const plan = planScale({ width: 512, height: 256 }, 4, 2);
    expect(plan.choice).toBe(2);
    expect(plan.factor).toBe(2);
    expect(plan.result).toEqual({ width: 1024, height: 512 });
  });

  it("leaves out multiples whose result would be too large", () => {
    const plan = planScale({ width: 2048, height: 1024 }, 2, "model");
    expect(labels(plan)).toEqual(["model (x2)", "3x", "4x"]);
  });

  it("falls back to the model's factor when the chosen multiple is not offered", () => {
    expect(planScale({ width: 2048, height: 2048 }, 2, 16).choice).toBe("model");
    expect(planScale({ width: 64, height: 64 }, 4, 4)).toMatchObject({ choice: "model", factor: 4 });
  });

  it("knows no size for the model's own factor while no model is chosen", () => {
    const plan = planScale({ width: 64, height: 64 }, null, "model");
    expect(labels(plan)).toEqual(["model", "2x", "3x", "4x", "8x", "16x"]);
    expect(plan).toMatchObject({ choice: "model", factor: null, result: null, problem: null });
    expect(planScale({ width: 64, height: 64 }, null, 3).result).toEqual({ width: 192, height: 192 });
  });

  it("offers every multiple while the image's size is not known", () => {
    const plan = planScale(null, 2, 8);
    expect(labels(plan)).toEqual(["model (x2)", "3x", "4x", "8x", "16x"]);
    expect(plan).toMatchObject({ choice: 8, factor: 8, result: null, problem: null });
  });

  it("explains when even the model's own result is too large", () => {
    const plan = planScale({ width: 5000, height: 4000 }, 4, 2);
    expect(plan.problem).toContain("20000 × 16000");
    expect(plan.problem).toContain("smaller image");
    expect(labels(plan)).toEqual(["model (x4)"]);
  });
});

describe("enlarges", () => {
  it("keeps upscalers and leaves out inpainting models such as LaMa", () => {
    expect(enlarges({ scale: 4, purpose: "SR" })).toBe(true);
    expect(enlarges(undefined)).toBe(true);
    expect(enlarges({ scale: 1, purpose: "Inpainting" })).toBe(false);
  });
});
