/** A one-line summary of what differs between a batch's items (their batch values: seeds, prompts...). */
import type { Schemas } from "@/api/client";
import { isRecord } from "@/api/errors";

export function fieldSummary(values: Schemas["FieldValue"][], maxLength = 80): string {
  const seen = new Map<string, string>();
  for (const { field, value } of values) {
    if (!seen.has(field)) seen.set(field, typeof value === "string" ? `“${value}”` : JSON.stringify(value));
  }
  const text = [...seen].map(([field, value]) => `${field} ${value}`).join(" · ");
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** Every stored image an item's outputs name (in order, once each). */
export function outputImages(result: unknown): string[] {
  const names: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      if (typeof value.image_name === "string" && !names.includes(value.image_name)) names.push(value.image_name);
      Object.values(value).forEach(visit);
    }
  };
  visit(isRecord(result) ? result.outputs : null);
  return names;
}
