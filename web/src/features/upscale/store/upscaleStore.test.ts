import { beforeEach, describe, expect, it } from "vitest";
import { currentUpscaleForm, useUpscaleStore, withoutResolved } from "./upscaleStore";

describe("withoutResolved", () => {
  it("drops the problems a change resolves, the scale's with the image or the model", () => {
    const problems = { image: "gone", scale: "too large", tileSize: "too big" };
    expect(withoutResolved(problems, ["image"])).toEqual({ tileSize: "too big" });
    expect(withoutResolved(problems, ["tileOverlap"])).toBe(problems);
  });
});

describe("useUpscaleStore", () => {
  beforeEach(() => useUpscaleStore.setState({ image: null, model: null, scale: "model", problems: {} }));

  it("updates the form and clears the problems of what changed", () => {
    const store = useUpscaleStore.getState();
    store.setProblems({ model: "not an upscaler", board: "no such board" });
    store.update({ model: "esrgan", scale: 2 });
    expect(useUpscaleStore.getState().problems).toEqual({ board: "no such board" });
    expect(currentUpscaleForm()).toMatchObject({ image: null, model: "esrgan", scale: 2 });
  });

  it("clears a main model's problems when another is chosen", () => {
    const store = useUpscaleStore.getState();
    store.setProblems({ mainModel: "not SD", tileControlnet: "wrong base", image: "gone" });
    store.update({ mainModel: "sd1" });
    expect(useUpscaleStore.getState().problems).toEqual({ image: "gone" });
    expect(currentUpscaleForm()).toMatchObject({ mainModel: "sd1", creative: false, creativity: 0.35 });
  });

  it("clears an overlap problem when the refinement's tile size or main model changes", () => {
    const store = useUpscaleStore.getState();
    store.setProblems({ creativeTileOverlap: "must be below the tile size 768", seed: "too large" });
    store.update({ creativeTileSize: 1024 });
    expect(useUpscaleStore.getState().problems).toEqual({ seed: "too large" });
    store.setProblems({ creativeTileOverlap: "must be below the tile size 768" });
    store.update({ mainModel: "xl" });
    expect(useUpscaleStore.getState().problems).toEqual({});
    store.setProblems({ seed: "too large" });
    store.update({ randomSeed: true });
    expect(useUpscaleStore.getState().problems).toEqual({});
    expect(currentUpscaleForm()).toMatchObject({ creativeTileSize: 1024, steps: 20, scheduler: "euler" });
  });
});
