/** Model records for tests, shaped exactly like the server's (the generated type checks them). */
import type { Schemas } from "@/api/client";

type ModelRecord = Schemas["ModelRecord"];

export function modelRecord(overrides: Partial<ModelRecord> & Pick<ModelRecord, "key" | "name">): ModelRecord {
  return {
    base: "sd-1",
    type: "main",
    format: "diffusers",
    path: `/models/${overrides.key}`,
    hash: `blake3:${overrides.key}`,
    size: 1,
    source: "/x",
    source_type: "path",
    owned: true,
    description: "",
    trigger_words: [],
    default_settings: null,
    details: {},
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    ...overrides,
  };
}
