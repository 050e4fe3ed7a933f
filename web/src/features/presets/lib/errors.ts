/**
 * Server errors of a preset save → the editor field that shows them. A taken name answers 409 with the
 * name in `details`; a name or template the request validation refuses names its field; a preset without
 * any template is refused as a whole (422 without a field, or 409 when a change would empty the one
 * template a stored preset has), which the templates show. Anything else (a read-only or vanished preset,
 * a server fault, no connection) is general and goes to a notification.
 */
import { ApiError, fieldProblems, isRecord } from "@/api/errors";

export type PresetField = "name" | "positive_prompt" | "negative_prompt";

export interface PresetProblems {
  fields: Partial<Record<PresetField, string>>;
  general: string | null;
}

const FIELDS: readonly string[] = ["name", "positive_prompt", "negative_prompt"] satisfies PresetField[];

/** `"Value error, the name must not be empty"` → `"the name must not be empty"`. */
function plain(message: string): string {
  return message.replace(/^Value error, /, "");
}

/** Problems that concern the preset as a whole: a request-level validation error, or a change refused. */
function wholePresetProblem(error: ApiError): string | null {
  if (error.code === "style_preset_incomplete") {
    return error.message.replace(/^the changed style preset would not be valid: /, "");
  }
  if (error.code !== "invalid_request" || !Array.isArray(error.details)) return null;
  for (const detail of error.details) {
    if (isRecord(detail) && Array.isArray(detail.loc) && detail.loc.length === 1 && detail.loc[0] === "body") {
      return plain(String(detail.message ?? error.message));
    }
  }
  return null;
}

export function presetProblems(error: unknown): PresetProblems {
  if (!(error instanceof ApiError)) return { fields: {}, general: fieldProblems(error).general };
  if (error.code === "duplicate_style_preset") return { fields: { name: error.message }, general: null };
  const fields: Partial<Record<PresetField, string>> = {};
  const whole = wholePresetProblem(error);
  if (whole) fields.positive_prompt = whole;
  for (const [path, message] of Object.entries(fieldProblems(error).fields)) {
    if (FIELDS.includes(path)) fields[path as PresetField] ??= plain(message);
  }
  return Object.keys(fields).length ? { fields, general: null } : { fields, general: error.message };
}
