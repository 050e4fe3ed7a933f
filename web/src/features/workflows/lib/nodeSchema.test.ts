import { describe, expect, it } from "vitest";
import { modelFits, readNodeSchema, typeColour, widgetFor } from "./nodeSchema";
import { SCHEMAS } from "./testSchemas";

const field = (type: string, name: string) => {
  const found = SCHEMAS.get(type)?.inputs.find((input) => input.name === name);
  if (!found) throw new Error(`no ${type}.${name}`);
  return found;
};

describe("node schemas", () => {
  it("orders inputs by the order hint, then as declared", () => {
    expect(SCHEMAS.get("denoise_latents")?.inputs.map((input) => input.name)).toEqual([
      "positive_conditioning",
      "noise",
      "steps",
      "cfg_scale",
      "scheduler",
    ]);
    expect(SCHEMAS.get("main_model_loader")?.inputs[0]?.name).toBe("model");
  });

  it("names the node type and what is wrong with a bad schema", () => {
    expect(() => readNodeSchema({ type: "x", inputs: { a: { description: "no type" } } })).toThrow(
      "node type 'x': field 'a' has no type",
    );
    expect(() => readNodeSchema({ title: "no type" })).toThrow("a node schema has no type");
  });

  it("gives numbers their bounds and step from the JSON schema and UI hints", () => {
    expect(widgetFor(field("denoise_latents", "steps"))).toEqual({
      kind: "number",
      integer: true,
      min: 1,
      max: 200,
      step: 1,
    });
    expect(widgetFor(field("denoise_latents", "cfg_scale"))).toEqual({
      kind: "number",
      integer: false,
      min: 0,
      max: undefined,
      step: 0.5,
    });
  });

  it("draws selects, prompts, booleans, models and images, and nothing for connection-only inputs", () => {
    expect(widgetFor(field("denoise_latents", "scheduler"))).toEqual({
      kind: "select",
      choices: [
        { value: "euler", label: "Euler" },
        { value: "ddim", label: "DDIM" },
      ],
    });
    expect(widgetFor(field("compel", "prompt"))).toMatchObject({ kind: "text", multiline: true });
    expect(widgetFor(field("save_image", "board"))).toMatchObject({ kind: "text", multiline: false });
    expect(widgetFor(field("main_model_loader", "model"))).toEqual({
      kind: "model",
      filter: { types: ["main"], bases: ["sd-1", "sd-2"], architectures: [] },
    });
    expect(widgetFor(field("compel", "clip"))).toEqual({ kind: "none" });
    expect(widgetFor({ ...field("float_math", "a"), type: "bool" })).toEqual({ kind: "boolean" });
    expect(widgetFor({ ...field("float_math", "a"), type: "ImageField" })).toEqual({ kind: "image" });
  });

  it("draws colours, boards and lists of numbers, strings or images", () => {
    const base = field("float_math", "a");
    expect(widgetFor({ ...base, type: "ColorField" })).toEqual({ kind: "colour" });
    expect(widgetFor({ ...field("save_image", "board"), ui: { component: "board" } })).toEqual({ kind: "board" });
    expect(widgetFor({ ...base, type: "list[str]" })).toEqual({ kind: "collection", item: "str" });
    expect(widgetFor({ ...base, type: "list[ImageField]" })).toEqual({ kind: "images" });
    expect(widgetFor({ ...base, type: "list[ImageField]", input: "connection" })).toEqual({ kind: "none" });
    expect(widgetFor({ ...base, type: "list[LatentsField]" })).toEqual({ kind: "none" });
  });

  it("lists only the models a model input takes", () => {
    const filter = { types: ["main"], bases: ["sd-1", "sd-2"], architectures: [] };
    expect(modelFits({ type: "main", base: "sd-1" }, filter)).toBe(true);
    expect(modelFits({ type: "main", base: "sdxl" }, filter)).toBe(false);
    expect(modelFits({ type: "lora", base: "sd-1" }, filter)).toBe(false);
    const encoder = { types: ["t5_encoder", "main"], bases: ["sd-3"], architectures: [] };
    expect(modelFits({ type: "t5_encoder", base: "any" }, encoder)).toBe(true);
    const hand = { types: ["preprocessor"], bases: [], architectures: ["openpose_hand"] };
    expect(modelFits({ type: "preprocessor", base: "any", details: { architecture: "openpose_hand" } }, hand)).toBe(
      true,
    );
    expect(modelFits({ type: "preprocessor", base: "any", details: { architecture: "hed" } }, hand)).toBe(false);
    expect(modelFits({ type: "preprocessor", base: "any" }, hand)).toBe(false);
    const unhinted = { types: [], bases: [], architectures: [] };
    expect(modelFits({ type: "vae", base: "flux" }, unhinted)).toBe(true);
  });

  it("colours a type and its lists alike, and unknown types stably", () => {
    expect(typeColour("ImageField")).toBe(typeColour("list[ImageField]"));
    expect(typeColour("SomethingField")).toBe(typeColour("SomethingField"));
    expect(typeColour("SomethingField")).not.toBe(typeColour("OtherField"));
  });
});
