/**
 * Reference images of the Generate form: the units, their request entries, and recalling them from
 * metadata. An IP-Adapter steers Stable Diffusion's UNet with an image's CLIP embedding, so a unit needs an
 * installed adapter of the main model's base; for FLUX a FLUX Redux model turns the image into extra prompt
 * tokens, weakened by its image influence; SD 3.5 takes none (see `familyControls`).
 */
import type { Schemas } from "@/api/client";
import type { ReferenceKind } from "./family";

type ModelRecord = Schemas["ModelRecord"];
type ModelRef = Schemas["ModelRef"];
export type ReferenceImageRequest = Schemas["ReferenceImageRequest"];
export type ReferenceMethod = ReferenceImageRequest["method"];
export type ImageInfluence = NonNullable<ReferenceImageRequest["image_influence"]>;

export interface ReferenceUnitForm {
  id: string;
  image: string | null;
  /** Key of the installed IP-Adapter (or FLUX Redux model). */
  model: string | null;
  weight: number;
  begin: number;
  end: number;
  method: ReferenceMethod;
  /** FLUX Redux: how much of the reference the image follows. */
  imageInfluence: ImageInfluence;
}

export const REFERENCE_METHODS: { value: ReferenceMethod; label: string }[] = [
  { value: "full", label: "Full" },
  { value: "style", label: "Style" },
  { value: "composition", label: "Composition" },
];

export const IMAGE_INFLUENCES: { value: ImageInfluence; label: string }[] = [
  { value: "highest", label: "Highest" },
  { value: "high", label: "High" },
  { value: "medium", label: "Medium" },
  { value: "low", label: "Low" },
  { value: "lowest", label: "Lowest" },
];

let counter = 0;

export function newReferenceUnit(image: string | null = null): ReferenceUnitForm {
  counter += 1;
  return {
    id: `ref-${Date.now().toString(36)}-${counter}`,
    image,
    model: null,
    weight: 1,
    begin: 0,
    end: 1,
    method: "full",
    imageInfluence: "highest",
  };
}

/**
 * The request entry of a unit. A missing image or model is sent empty, so the server's error names the
 * unit's control rather than the unit silently dropping out.
 */
export function referenceRequest(unit: ReferenceUnitForm, kind: ReferenceKind = "ip_adapter"): ReferenceImageRequest {
  if (kind === "flux_redux") {
    return {
      image: unit.image ?? "",
      model: unit.model ?? "",
      weight: Math.min(1, Math.max(0, unit.weight)),
      begin: 0,
      end: 1,
      method: "full",
      image_influence: unit.imageInfluence,
    };
  }
  return {
    image: unit.image ?? "",
    model: unit.model ?? "",
    weight: unit.weight,
    begin: unit.begin,
    end: unit.end,
    method: unit.method,
  };
}

/** The control of a `reference_images.<index>.<field>` problem: `reference:<unit id>:<aspect>`. */
export function referenceControl(units: ReferenceUnitForm[], index: string | undefined, field?: string): string {
  const unit = units[Number(index)];
  if (!unit) return "general";
  if (field === "begin" || field === "end") return `reference:${unit.id}:range`;
  if (field === "image" || field === "weight" || field === "method") return `reference:${unit.id}:${field}`;
  if (field === "image_influence") return `reference:${unit.id}:influence`;
  return `reference:${unit.id}:model`;
}

function isMethod(value: unknown): value is ReferenceMethod {
  return REFERENCE_METHODS.some((method) => method.value === value);
}

function isInfluence(value: unknown): value is ImageInfluence {
  return IMAGE_INFLUENCES.some((influence) => influence.value === value);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function asModelRef(value: unknown): ModelRef | null {
  if (typeof value === "string") return { name: value };
  const record = asRecord(value);
  if (!record) return null;
  const text = (key: string) => (typeof record[key] === "string" ? (record[key] as string) : null);
  return { key: text("key"), name: text("name"), hash: text("hash") };
}

/**
 * The units that metadata's `extra.reference_images` records (the image, the adapter as a model reference,
 * the settings); adapters that are not installed are reported and the unit kept without a model.
 */
export function recallReferenceUnits(
  recorded: unknown,
  find: (ref: ModelRef | null) => ModelRecord | null,
  describe: (ref: ModelRef | null) => string,
): { units: ReferenceUnitForm[]; notes: string[] } {
  const units: ReferenceUnitForm[] = [];
  const notes: string[] = [];
  for (const entry of Array.isArray(recorded) ? recorded : []) {
    const record = asRecord(entry);
    if (!record) continue;
    const ref = asModelRef(record.model);
    const model = find(ref);
    if (!model) notes.push(`The reference model ${describe(ref)} is not installed.`);
    const unit = newReferenceUnit(typeof record.image === "string" ? record.image : null);
    units.push({
      ...unit,
      model: model?.key ?? null,
      weight: numberOr(record.weight, unit.weight),
      begin: numberOr(record.begin, unit.begin),
      end: numberOr(record.end, unit.end),
      method: isMethod(record.method) ? record.method : unit.method,
      imageInfluence: isInfluence(record.image_influence) ? record.image_influence : unit.imageInfluence,
    });
  }
  return { units, notes };
}
