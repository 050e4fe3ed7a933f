import { describe, expect, it } from "vitest";
import {
  DEFAULT_REFINER,
  describeRecalledRefiner,
  isRefinerModel,
  refinerControlForField,
  refinerProblemsChangedBy,
  refinerRequest,
  type RefinerForm,
} from "./refiner";
import { modelRecord } from "./testModels";

const on: RefinerForm = { ...DEFAULT_REFINER, enabled: true, model: "ref" };

describe("refinerRequest", () => {
  it("is sent only when switched on and the main model is SDXL", () => {
    expect(refinerRequest(DEFAULT_REFINER, "sdxl")).toBeNull();
    expect(refinerRequest(on, "sd-1")).toBeNull();
    expect(refinerRequest(on, "sdxl-refiner")).toBeNull();
    expect(refinerRequest(on, null)).toBeNull();
    expect(refinerRequest(on, undefined)).toBeNull();
  });

  it("sends the defaults with empty overrides (the base's settings)", () => {
    expect(refinerRequest(on, "sdxl")).toEqual({
      model: "ref",
      start: 0.8,
      steps: null,
      cfg_scale: null,
      scheduler: null,
      positive_aesthetic_score: 6,
      negative_aesthetic_score: 2.5,
    });
  });

  it("sends overrides, and an empty model for the server to name", () => {
    const form = { ...on, model: null, start: 0.6, steps: 12, cfgScale: 4.5, scheduler: "dpmpp_2m" };
    expect(refinerRequest(form, "sdxl")).toMatchObject({
      model: "",
      start: 0.6,
      steps: 12,
      cfg_scale: 4.5,
      scheduler: "dpmpp_2m",
    });
  });
});

describe("refiner controls", () => {
  it("maps request fields under refiner to their controls", () => {
    expect(refinerControlForField("model")).toBe("refiner:model");
    expect(refinerControlForField("start")).toBe("refiner:start");
    expect(refinerControlForField("cfg_scale")).toBe("refiner:cfgScale");
    expect(refinerControlForField("negative_aesthetic_score")).toBe("refiner:negativeAestheticScore");
    expect(refinerControlForField(undefined)).toBe("refiner:enabled");
    expect(refinerControlForField("odd")).toBe("refiner:enabled");
  });

  it("names the problems a change resolves; the switch's also by a new model", () => {
    expect(refinerProblemsChangedBy(["steps"])).toEqual(["refiner:steps"]);
    expect(refinerProblemsChangedBy(["model"]).sort()).toEqual(["refiner:enabled", "refiner:model"]);
  });

  it("recognises SDXL refiner models", () => {
    expect(isRefinerModel(modelRecord({ key: "r", name: "R", base: "sdxl-refiner" }))).toBe(true);
    expect(isRefinerModel(modelRecord({ key: "x", name: "X", base: "sdxl" }))).toBe(false);
    expect(isRefinerModel(modelRecord({ key: "l", name: "L", base: "sdxl-refiner", type: "lora" }))).toBe(false);
  });
});

describe("describeRecalledRefiner", () => {
  it("summarises the recorded refiner pass", () => {
    expect(describeRecalledRefiner({})).toBeNull();
    expect(
      describeRecalledRefiner({
        refiner_model: { name: "SDXL Refiner 1.0" },
        refiner_start: 0.8,
        refiner_steps: 30,
        refiner_cfg_scale: 7,
        refiner_scheduler: "euler",
        refiner_positive_aesthetic_score: 6,
        refiner_negative_aesthetic_score: 2.5,
      }),
    ).toBe("SDXL Refiner 1.0, start 0.8, 30 steps, CFG 7, euler, aesthetic 6 / 2.5");
    expect(describeRecalledRefiner({ refiner_model: { hash: "abcd1234" }, refiner_start: 0.7 })).toBe(
      "abcd1234, start 0.7",
    );
  });
});
