/**
 * Errors from the server arrive as `{code, message, details}`. Validation errors name the offending
 * request field either as pydantic locations (`details: [{loc: ["body", "loras", 0, "weight"]}]`) or as
 * `details.field` (`"controlnets[1].begin"`); both are normalised to dotted paths (`loras.0.weight`) so the
 * form can put each message next to its control.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Builds the error from a response body, tolerating bodies that are not the usual shape. */
  static fromBody(status: number, body: unknown): ApiError {
    if (isRecord(body) && typeof body.message === "string") {
      const code = typeof body.code === "string" ? body.code : `http_${status}`;
      return new ApiError(status, code, body.message, body.details ?? null);
    }
    return new ApiError(status, `http_${status}`, `the server answered ${status}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `controlnets[1].begin` → `controlnets.1.begin`. */
export function normaliseFieldPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, ".$1").replace(/^\./, "");
}

export interface FieldProblems {
  /** Message per dotted request field. */
  fields: Record<string, string>;
  /** The message when no field could be named. */
  general: string | null;
}

/** The problems of an error, keyed by the request field they concern. */
export function fieldProblems(error: unknown): FieldProblems {
  if (!(error instanceof ApiError)) {
    return { fields: {}, general: error instanceof Error ? error.message : String(error) };
  }
  const fields: Record<string, string> = {};
  if (Array.isArray(error.details)) {
    for (const detail of error.details) {
      if (!isRecord(detail) || !Array.isArray(detail.loc)) continue;
      const loc = detail.loc.map(String);
      const path = (loc[0] === "body" ? loc.slice(1) : loc).join(".");
      if (path && !(path in fields)) fields[path] = String(detail.message ?? error.message);
    }
  } else if (isRecord(error.details) && typeof error.details.field === "string") {
    const path = normaliseFieldPath(error.details.field);
    fields[path] = stripFieldPrefix(error.message, error.details.field);
  }
  return { fields, general: Object.keys(fields).length ? null : error.message };
}

/** `"model: no installed model..."` → `"no installed model..."` (the control already names the field). */
function stripFieldPrefix(message: string, field: string): string {
  const prefix = `${field}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** A one-line description of any thrown value, for notifications. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
