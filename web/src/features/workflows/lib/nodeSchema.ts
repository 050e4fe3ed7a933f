/**
 * The node types the server describes (`GET /api/v1/nodes`), read into typed records, and what the editor
 * draws for each input: a handle, a widget, or both. The endpoint answers free-form JSON (node packs add
 * their own types), so it is checked here once rather than trusted everywhere.
 */
import { type CollectionItem, collectionItem } from "./widgets";

export type InputMode = "any" | "connection" | "direct";

export interface UiHints {
  component?: string;
  order?: number;
  step?: number;
  slider_min?: number;
  slider_max?: number;
  choice_labels?: Record<string, string>;
  placeholder?: string;
  /** For a model input: the model types, bases and architectures it takes (absent: any). */
  model_types?: string[];
  model_bases?: string[];
  model_architectures?: string[];
}

export interface FieldSchema {
  name: string;
  type: string;
  description: string;
  required: boolean;
  input: InputMode;
  ui: UiHints;
  default?: unknown;
  /** The field's JSON schema (bounds, enums), when the node's schema has one. */
  json: Record<string, unknown>;
}

export interface NodeSchema {
  type: string;
  title: string;
  category: string;
  tags: string[];
  description: string;
  /** Inputs in display order (the `order` hint first, then as declared). */
  inputs: FieldSchema[];
  outputs: FieldSchema[];
}

export type Widget =
  | { kind: "number"; integer: boolean; min?: number; max?: number; step?: number }
  | { kind: "select"; choices: { value: string; label: string }[] }
  | { kind: "text"; multiline: boolean; placeholder?: string }
  | { kind: "boolean" }
  | { kind: "model"; filter: ModelFilter }
  | { kind: "image" }
  | { kind: "images" }
  | { kind: "colour" }
  | { kind: "board" }
  | { kind: "collection"; item: CollectionItem }
  | { kind: "none" };

/** Which installed models a model input lists; an empty list means any. */
export interface ModelFilter {
  types: string[];
  bases: string[];
  architectures: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");

function readField(name: string, value: unknown, properties: Json, output: boolean): FieldSchema {
  if (!isObject(value) || typeof value.type !== "string") {
    throw new Error(`field '${name}' has no type`);
  }
  const mode = output ? "connection" : text(value.input) || "any";
  if (mode !== "any" && mode !== "connection" && mode !== "direct") {
    throw new Error(`field '${name}' has an unknown input mode '${mode}'`);
  }
  const field: FieldSchema = {
    name,
    type: value.type,
    description: text(value.description),
    required: value.required === true,
    input: mode,
    ui: isObject(value.ui) ? (value.ui as UiHints) : {},
    json: isObject(properties[name]) ? (properties[name] as Json) : {},
  };
  if ("default" in value) field.default = value.default;
  return field;
}

function readFields(value: unknown, properties: Json, output: boolean): FieldSchema[] {
  if (!isObject(value)) return [];
  const fields = Object.entries(value).map(([name, field]) => readField(name, field, properties, output));
  const order = (field: FieldSchema) => field.ui.order ?? Number.MAX_SAFE_INTEGER;
  return fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => order(a.field) - order(b.field) || a.index - b.index)
    .map(({ field }) => field);
}

/** One node type from the server's answer; throws naming what is missing. */
export function readNodeSchema(value: unknown): NodeSchema {
  if (!isObject(value) || typeof value.type !== "string") throw new Error("a node schema has no type");
  const json = isObject(value.json_schema) ? value.json_schema : {};
  const properties = isObject(json.properties) ? json.properties : {};
  try {
    return {
      type: value.type,
      title: text(value.title) || value.type,
      category: text(value.category),
      tags: Array.isArray(value.tags) ? value.tags.filter((tag): tag is string => typeof tag === "string") : [],
      description: text(value.description),
      inputs: readFields(value.inputs, properties, false),
      outputs: readFields(value.outputs, properties, true),
    };
  } catch (error) {
    throw new Error(`node type '${value.type}': ${(error as Error).message}`, { cause: error });
  }
}

export function schemaMap(values: unknown[]): Map<string, NodeSchema> {
  return new Map(values.map(readNodeSchema).map((schema) => [schema.type, schema]));
}

/** The JSON schema of the value typed in: for an optional or a union, its first scalar option. */
function scalarSchema(json: Json): Json {
  const options = Array.isArray(json.anyOf) ? json.anyOf.filter(isObject) : [];
  const scalar = options.find((option) => ["integer", "number", "string", "boolean"].includes(text(option.type)));
  return scalar ? { ...json, ...scalar, anyOf: undefined } : json;
}

const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

function numberWidget(field: FieldSchema, json: Json, integer: boolean): Widget {
  const exclusiveMin = num(json.exclusiveMinimum);
  const exclusiveMax = num(json.exclusiveMaximum);
  const step = field.ui.step ?? (integer ? 1 : undefined);
  return {
    kind: "number",
    integer,
    min: num(json.minimum) ?? (exclusiveMin !== undefined && integer ? exclusiveMin + 1 : exclusiveMin),
    max: num(json.maximum) ?? (exclusiveMax !== undefined && integer ? exclusiveMax - 1 : exclusiveMax),
    step,
  };
}

function choicesOf(field: FieldSchema, json: Json): { value: string; label: string }[] {
  const labels = field.ui.choice_labels ?? {};
  const values = Array.isArray(json.enum) ? json.enum.map(String) : Object.keys(labels);
  return values.map((value) => ({ value, label: labels[value] ?? value }));
}

/** The scalar a union such as `float|list[float]` is typed in as (its first scalar member). */
export function editableType(type: string): string {
  const members = type.split("|");
  return members.find((member) => ["int", "float", "str", "bool"].includes(member)) ?? members[0] ?? type;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

function modelFilter(ui: UiHints): ModelFilter {
  return {
    types: strings(ui.model_types),
    bases: strings(ui.model_bases),
    architectures: strings(ui.model_architectures),
  };
}

/**
 * Whether an installed model fits a model input. Base-independent models (base `any`: text and image
 * encoders, upscalers) fit every base, as the server's loaders accept them.
 */
export function modelFits(
  model: { type: string; base: string; details?: Record<string, unknown> | null },
  filter: ModelFilter,
): boolean {
  if (filter.types.length > 0 && !filter.types.includes(model.type)) return false;
  if (filter.bases.length > 0 && model.base !== "any" && !filter.bases.includes(model.base)) return false;
  if (filter.architectures.length === 0) return true;
  const architecture = model.details?.architecture;
  return typeof architecture === "string" && filter.architectures.includes(architecture);
}

/** The widget that types a value into `field`; `none` for inputs that only take connections. */
export function widgetFor(field: FieldSchema): Widget {
  if (field.input === "connection" || field.ui.component === "hidden") return { kind: "none" };
  const json = scalarSchema(field.json);
  const type = editableType(field.type);
  if (field.ui.component === "image" || type === "ImageField") return { kind: "image" };
  if (type === "list[ImageField]") return { kind: "images" };
  if (type === "ModelRef") return { kind: "model", filter: modelFilter(field.ui) };
  if (field.ui.component === "color" || type === "ColorField") return { kind: "colour" };
  if (field.ui.component === "board") return { kind: "board" };
  const item = collectionItem(type);
  if (item) return { kind: "collection", item };
  const choices = choicesOf(field, json);
  if (field.ui.component === "select" || choices.length > 0) {
    if (choices.length > 0) return { kind: "select", choices };
  }
  if (type === "int") return numberWidget(field, json, true);
  if (type === "float") return numberWidget(field, json, false);
  if (type === "bool") return { kind: "boolean" };
  if (type === "str") {
    return { kind: "text", multiline: field.ui.component === "textarea", placeholder: field.ui.placeholder };
  }
  return { kind: "none" };
}

/** Whether an input gets a handle (everything but typed-only inputs). */
export const connectable = (field: FieldSchema): boolean => field.input !== "direct";

const FIXED_COLOURS: Record<string, string> = {
  int: "#4dabf7",
  float: "#74c0fc",
  str: "#69db7c",
  bool: "#ffd43b",
  any: "#adb5bd",
  ImageField: "#f783ac",
  LatentsField: "#da77f2",
  ConditioningField: "#ffa94d",
  UNetField: "#9775fa",
  CLIPField: "#63e6be",
  VAEField: "#ff8787",
  ModelRef: "#e599f7",
};

/** A stable colour for a socket type: fixed for the common ones, hashed from the name for the rest. */
export function typeColour(type: string): string {
  const base = type.startsWith("list[") ? type.slice(5, -1) : (type.split("|")[0] ?? type);
  const fixed = FIXED_COLOURS[base];
  if (fixed) return fixed;
  let hash = 0;
  for (const char of base) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 65% 62%)`;
}
