import { beforeEach, describe, expect, it } from "vitest";
import { modelRecord } from "../lib/testModels";
import { rememberCaret } from "../lib/promptCaret";
import { useGenerateStore } from "./generateStore";

const demo = modelRecord({
  key: "demo",
  name: "Demo",
  default_settings: { width: 64, height: 64, steps: 20, cfg_scale: 5, scheduler: "dpmpp_2m" },
  details: { native_resolution: 64 },
});
const sdxl = modelRecord({ key: "xl", name: "XL", base: "sdxl" });

const store = () => useGenerateStore.getState();

beforeEach(() => store().reset());

describe("generate store", () => {
  it("applies a model's defaults when it is chosen", () => {
    store().chooseModel(demo, [demo]);
    expect(store()).toMatchObject({
      model: "demo",
      width: 64,
      height: 64,
      steps: 20,
      cfgScale: 5,
      scheduler: "dpmpp_2m",
    });
  });

  it("sizes with presets, lock and swap", () => {
    store().setAspect("16:9", sdxl);
    expect(store()).toMatchObject({ aspect: "16:9", width: 1368, height: 768 });
    store().setWidth(1024, "sdxl");
    expect(store()).toMatchObject({ width: 1024, height: 576 });
    store().swapSize();
    expect(store()).toMatchObject({ aspect: "9:16", width: 576, height: 1024 });
    store().setAspect("free", sdxl);
    store().setHeight(1000, "sdxl");
    expect(store()).toMatchObject({ width: 576, height: 1000 });
    store().toggleLock();
    store().setWidth(288, "sdxl");
    expect(store()).toMatchObject({ width: 288, height: 504 });
  });

  it("optimizes the size for the model at the current aspect", () => {
    store().setAspect("4:3", null);
    store().optimizeSize(demo);
    expect(store()).toMatchObject({ width: 72, height: 56, aspect: "4:3" });
  });

  it("clears a control's problem when that control changes, and only then", () => {
    store().setProblems({ cfgScale: "too high", width: "not a multiple of 8", seamless: "x", "lora:l1": "gone" }, null);
    store().update({ cfgScale: 7 });
    expect(Object.keys(store().problems).sort()).toEqual(["lora:l1", "seamless", "width"]);
    store().setHeight(512, "sd-1");
    store().update({ seamlessX: true });
    store().removeLora("l1");
    expect(store().problems).toEqual({});
  });

  it("changes refiner settings, clearing only the problems of what changed", () => {
    store().setProblems({ "refiner:model": "not a refiner", "refiner:start": "too late", steps: "x" }, null);
    store().setRefiner({ enabled: true, start: 0.5 });
    expect(store().refiner).toMatchObject({ enabled: true, start: 0.5, model: null, positiveAestheticScore: 6 });
    expect(Object.keys(store().problems).sort()).toEqual(["refiner:model", "steps"]);
    store().setRefiner({ model: "ref" });
    expect(Object.keys(store().problems)).toEqual(["steps"]);
    store().setProblems({ "refiner:steps": "x" }, null);
    store().update({ refiner: { ...store().refiner, steps: 4 } });
    expect(store().problems).toEqual({});
  });

  it("keeps the refiner settings when the model changes", () => {
    store().setRefiner({ enabled: true, model: "ref" });
    store().chooseModel(demo, [demo]);
    expect(store().refiner).toMatchObject({ enabled: true, model: "ref" });
  });

  it("manages LoRAs without duplicates", () => {
    store().addLora("l1", 0.75);
    store().addLora("l1", 0.5);
    store().setLora("l1", { weight: 0.3 });
    expect(store().loras).toEqual([{ key: "l1", weight: 0.3, enabled: true }]);
    store().removeLora("l1");
    expect(store().loras).toEqual([]);
  });

  it("manages control units by id", () => {
    const id = store().addControlUnit("t2i_adapter", "x.png");
    store().updateControlUnit(id, { weight: 0.5 });
    expect(store().controlUnits).toMatchObject([{ id, kind: "t2i_adapter", image: "x.png", weight: 0.5 }]);
    store().removeControlUnit(id);
    expect(store().controlUnits).toEqual([]);
  });

  it("manages reference images by id, clearing their problems when they change", () => {
    const id = store().addReferenceUnit("look.png");
    store().setProblems({ [`reference:${id}:model`]: "not installed", cfgScale: "too high" }, null);
    store().updateReferenceUnit(id, { model: "ip1", method: "style" });
    expect(store().referenceUnits).toMatchObject([{ id, image: "look.png", model: "ip1", method: "style", weight: 1 }]);
    expect(store().problems).toEqual({ cfgScale: "too high" });
    store().removeReferenceUnit(id);
    expect(store().referenceUnits).toEqual([]);
  });

  it("inserts into a prompt at the remembered caret, else at the end", () => {
    store().update({ prompt: "a cat", negativePrompt: "" });
    store().insertIntoPrompt("negativePrompt", "blurry");
    expect(store().negativePrompt).toBe("blurry");
    rememberCaret("prompt", 1, 1);
    store().insertIntoPrompt("prompt", "<style>");
    expect(store().prompt).toBe("a, <style>, cat");
    store().insertIntoPrompt("prompt", "pixel");
    expect(store().prompt).toBe("a, <style>, pixel, cat");
  });

  it("reuses the last seed and turns random seeds off", () => {
    store().reuseLastSeed();
    expect(store().randomSeed).toBe(true);
    store().rememberSeeds([1234, 1235]);
    store().reuseLastSeed();
    expect(store()).toMatchObject({ seed: 1234, randomSeed: false });
  });
});
