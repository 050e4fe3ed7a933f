/**
 * IP-Adapter reference images of the Generate form: the units, their request entries, and recalling them
 * from metadata. An IP-Adapter steers Stable Diffusion's UNet with an image's CLIP embedding, so a unit
 * needs an installed adapter of the main model's base; FLUX and SD 3.5 take none (see `familyControls`).
 */
import type { Schemas } from "@/api/client";

type ModelRecord = Schemas["ModelRecord"];
type ModelRef = Schemas["ModelRef"];
export type ReferenceImageRequest = Schemas["ReferenceImageRequest"];
export type ReferenceMethod = ReferenceImageRequest["method"];

export interface ReferenceUnitForm {
  id: string;
  image: string | null;
  /** Key of the installed IP-Adapter. */
  model: string | null;
  weight: number;
  begin: number;
  end: number;
  method: ReferenceMethod;
}

export const REFERENCE_METHODS: { value: ReferenceMethod; label: string }[] = [
  { value: "full", label: "Full" },
  { value: "style", label: "Style" },
  { value: "composition", label: "Composition" },
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
  };
}

/**
 * The request entry of a unit. A missing image or model is sent empty, so the server's error names the
 * unit's control rather than the unit silently dropping out.
 */
export function referenceRequest(unit: ReferenceUnitForm): ReferenceImageRequest {
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
  return `reference:${unit.id}:model`;
}

function isMethod(value: unknown): value is ReferenceMethod {
  return REFERENCE_METHODS.some((method) => method.value === value);
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
    if (!model) notes.push(`The IP-Adapter ${describe(ref)} is not installed.`);
    const unit = newReferenceUnit(typeof record.image === "string" ? record.image : null);
    units.push({
      ...unit,
      model: model?.key ?? null,
      weight: numberOr(record.weight, unit.weight),
      begin: numberOr(record.begin, unit.begin),
      end: numberOr(record.end, unit.end),
      method: isMethod(record.method) ? record.method : unit.method,
    });
  }
  return { units, notes };
}
