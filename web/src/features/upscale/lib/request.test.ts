import { describe, expect, it } from "vitest";
import {
  buildUpscaleRequest,
  controlForField,
  DEFAULT_UPSCALE_FORM,
  defaultCreativeTileSize,
  missingParts,
  placeProblems,
  problemsByControl,
  tileSizeFromInput,
  type UpscaleForm,
} from "./request";

const form: UpscaleForm = {
  ...DEFAULT_UPSCALE_FORM,
  image: "a.png",
  model: "esrgan",
  scale: "model",
  tileSize: 256,
  tileOverlap: 16,
};

describe("buildUpscaleRequest", () => {
  it("sends the model's own factor as 0", () => {
    expect(buildUpscaleRequest(form, { board: "b1", prepend: true })).toEqual({
      image: "a.png",
      model: "esrgan",
      scale: 0,
      tile_size: 256,
      tile_overlap: 16,
      board_id: "b1",
      prepend: true,
      creative: null,
    });
  });

  it("sends the creative refinement when it is switched on, the structure only with a tile ControlNet", () => {
    const creative = { ...form, creative: true, mainModel: "sd1", prompt: "a lake", negativePrompt: "blur" };
    expect(buildUpscaleRequest({ ...creative, creativity: 0.5 }, { board: null, prepend: false }).creative).toEqual({
      main_model: "sd1",
      prompt: "a lake",
      negative_prompt: "blur",
      creativity: 0.5,
      steps: 20,
      cfg_scale: 7,
      scheduler: "euler",
      tile_overlap: 128,
    });
    const held = buildUpscaleRequest(
      { ...creative, tileControlnet: "tile", structure: 0.9 },
      { board: null, prepend: false },
    );
    expect(held.creative).toMatchObject({ tile_controlnet: "tile", structure: 0.9, creativity: 0.35 });
  });

  it("sends the refinement's sampling and tiles, a fixed seed only when it is not random", () => {
    const creative: UpscaleForm = {
      ...form,
      creative: true,
      mainModel: "xl",
      steps: 30,
      cfgScale: 4.5,
      scheduler: "dpmpp_2m",
      seed: 1234,
      randomSeed: false,
      creativeTileSize: 1152,
      creativeTileOverlap: 64,
    };
    const sent = buildUpscaleRequest(creative, { board: null, prepend: false });
    expect(sent.creative).toMatchObject({
      main_model: "xl",
      steps: 30,
      cfg_scale: 4.5,
      scheduler: "dpmpp_2m",
      seed: 1234,
      tile_size: 1152,
      tile_overlap: 64,
    });
    expect(sent.tile_size).toBe(256); // the upscaler's own tiles are separate
    const random = buildUpscaleRequest(
      { ...creative, randomSeed: true, creativeTileSize: null },
      { board: null, prepend: false },
    );
    expect(random.creative).not.toHaveProperty("seed");
    expect(random.creative).not.toHaveProperty("tile_size");
  });

  it("sends a chosen multiple and no board", () => {
    const request = buildUpscaleRequest({ ...form, scale: 2 }, { board: null, prepend: false });
    expect(request).toMatchObject({ scale: 2, board_id: null, prepend: false });
  });
});

describe("missingParts", () => {
  it("asks for an image and a model", () => {
    expect(Object.keys(missingParts(DEFAULT_UPSCALE_FORM)).sort()).toEqual(["image", "model"]);
    expect(missingParts(form)).toEqual({});
    expect(missingParts({ ...form, creative: true })).toEqual({ mainModel: "Choose a main model to refine with." });
  });
});

describe("problems", () => {
  it("maps request fields to controls", () => {
    expect(controlForField("image")).toBe("image");
    expect(controlForField("model")).toBe("model");
    expect(controlForField("scale")).toBe("scale");
    expect(controlForField("board_id")).toBe("board");
    expect(controlForField("tile_size")).toBe("tileSize");
    expect(controlForField("tile_overlap")).toBe("tileOverlap");
    expect(controlForField("prepend")).toBe("general");
    expect(controlForField("")).toBe("general");
    expect(controlForField("creative.main_model")).toBe("mainModel");
    expect(controlForField("creative.negative_prompt")).toBe("prompt");
    expect(controlForField("creative.structure")).toBe("tileControlnet");
    expect(controlForField("creative.steps")).toBe("steps");
    expect(controlForField("creative.cfg_scale")).toBe("cfgScale");
    expect(controlForField("creative.scheduler")).toBe("scheduler");
    expect(controlForField("creative.seed")).toBe("seed");
    expect(controlForField("creative.tile_size")).toBe("creativeTileSize");
    expect(controlForField("creative.tile_overlap")).toBe("creativeTileOverlap");
    expect(controlForField("creative.unknown")).toBe("general");
  });

  it("joins several messages for one control", () => {
    expect(problemsByControl({ image: "missing", "image.x": "odd", scale: "too large" })).toEqual({
      image: "missing; odd",
      scale: "too large",
    });
  });

  it("places field problems next to controls and the rest in the notification", () => {
    expect(placeProblems({ scale: "too large" }, null)).toEqual({
      problems: { scale: "too large" },
      message: "too large",
    });
    expect(placeProblems({ scale: "too large", prepend: "not a bool" }, null)).toEqual({
      problems: { scale: "too large" },
      message: "not a bool",
    });
    expect(placeProblems({}, "the queue is full")).toEqual({ problems: {}, message: "the queue is full" });
  });
});

describe("creative tiles", () => {
  it("names the tile side the server picks for each base when the form leaves it empty", () => {
    expect(defaultCreativeTileSize("sd-1")).toBe(768);
    expect(defaultCreativeTileSize("sd-2")).toBe(768);
    expect(defaultCreativeTileSize("sdxl")).toBe(1024);
    expect(defaultCreativeTileSize("flux")).toBeNull();
    expect(defaultCreativeTileSize(undefined)).toBeNull();
  });

  it("keeps a cleared tile size as empty", () => {
    expect(tileSizeFromInput(896)).toBe(896);
    expect(tileSizeFromInput("")).toBeNull();
  });
});
