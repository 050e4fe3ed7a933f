/**
 * The typed HTTP client. Every request and response type comes from `schema.d.ts`, which is generated
 * from the server's OpenAPI document; nothing here declares a DTO by hand.
 */
import createClient from "openapi-fetch";
import { ApiError } from "./errors";
import type { components, paths } from "./schema";
import { signInIfRefused } from "./session";

export type Schemas = components["schemas"];

export const api = createClient<paths>({ baseUrl: "" });
api.use({
  onResponse({ response }) {
    signInIfRefused(response);
    return undefined;
  },
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an openapi-fetch call, or an ApiError carrying the server's `{code, message, details}`. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok || error !== undefined) {
    throw ApiError.fromBody(response.status, error);
  }
  return data as T;
}

/** POSTs multipart form data (openapi-fetch serializes JSON only) and parses the JSON answer. */
export async function postForm<T>(url: string, form: FormData): Promise<T> {
  const response = await fetch(url, { method: "POST", body: form });
  signInIfRefused(response);
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw ApiError.fromBody(response.status, body);
  return body as T;
}
