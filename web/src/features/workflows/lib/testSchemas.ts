/** Node schemas shaped as `GET /api/v1/nodes` answers them, for the editor's unit tests. */
import { schemaMap } from "./nodeSchema";

const input = (type: string, extra: Record<string, unknown> = {}) => ({
  type,
  description: `a ${type}`,
  required: false,
  input: "any",
  ui: {},
  ...extra,
});
const output = (type: string) => ({ type, description: `a ${type}` });

export const RAW_SCHEMAS = [
  {
    type: "integer",
    title: "Integer",
    category: "primitives",
    tags: ["primitives", "integer"],
    inputs: { value: input("int", { default: 0, ui: { component: "number" } }) },
    outputs: { value: output("int") },
  },
  {
    type: "float_math",
    title: "Float Math",
    category: "math",
    tags: ["math"],
    inputs: { a: input("float"), b: input("float") },
    outputs: { value: output("float") },
  },
  {
    type: "string",
    title: "String",
    category: "primitives",
    tags: ["text"],
    inputs: { value: input("str", { ui: { component: "textarea" } }) },
    outputs: { value: output("str") },
  },
  {
    type: "denoise_latents",
    title: "Denoise Latents",
    category: "latents",
    tags: ["latents", "denoise", "generate"],
    inputs: {
      positive_conditioning: input("ConditioningField|list[ConditioningField]", {
        input: "connection",
        required: true,
      }),
      noise: input("LatentsField", { input: "connection" }),
      steps: input("int", { default: 10 }),
      cfg_scale: input("float|list[float]", { ui: { component: "number", step: 0.5 } }),
      scheduler: input("str", { ui: { component: "select", choice_labels: { euler: "Euler", ddim: "DDIM" } } }),
    },
    outputs: { latents: output("LatentsField") },
    json_schema: {
      properties: {
        steps: { type: "integer", minimum: 1, maximum: 200 },
        cfg_scale: { anyOf: [{ type: "number", exclusiveMinimum: 0 }, { type: "array" }] },
      },
    },
  },
  {
    type: "compel",
    title: "Prompt (SD 1.x / 2.x)",
    category: "conditioning",
    tags: ["prompt", "conditioning"],
    inputs: {
      prompt: input("str", { ui: { component: "textarea" } }),
      clip: input("CLIPField", { input: "connection" }),
    },
    outputs: { conditioning: output("ConditioningField") },
  },
  {
    type: "l2i",
    title: "Latents to Image",
    category: "latents",
    tags: ["decode", "vae"],
    inputs: { latents: input("LatentsField", { input: "connection" }) },
    outputs: { image: output("ImageField") },
  },
  {
    type: "save_image",
    title: "Save Image",
    category: "output",
    tags: ["output", "save"],
    inputs: {
      image: input("ImageField", { input: "connection", required: true }),
      board: input("str", { input: "direct" }),
    },
    outputs: { image: output("ImageField") },
  },
  {
    type: "main_model_loader",
    title: "Main Model (SD 1.x / 2.x)",
    category: "model",
    tags: ["model", "loader"],
    inputs: {
      model: input("ModelRef", {
        required: true,
        ui: { order: 0, model_types: ["main"], model_bases: ["sd-1", "sd-2"] },
      }),
    },
    outputs: { clip: output("CLIPField") },
  },
  {
    type: "iterate",
    title: "Iterate",
    category: "primitives",
    tags: [],
    inputs: { collection: input("list[any]") },
    outputs: { item: output("any"), index: output("int") },
  },
  {
    type: "collect",
    title: "Collect",
    category: "primitives",
    tags: [],
    inputs: { item: input("any", { input: "connection" }) },
    outputs: { collection: output("list[any]") },
  },
  {
    type: "int_list",
    title: "Integer List",
    category: "primitives",
    tags: [],
    inputs: {},
    outputs: { values: output("list[int]") },
  },
];

export const SCHEMAS = schemaMap(RAW_SCHEMAS);
