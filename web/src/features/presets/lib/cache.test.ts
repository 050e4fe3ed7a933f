import { describe, expect, it } from "vitest";
import { withoutPreset, withPreset } from "./cache";
import type { StylePreset } from "./draft";

function preset(id: string, name: string, type: "user" | "builtin" = "user"): StylePreset {
  return { id, name, positive_prompt: "{prompt}", negative_prompt: "", type };
}

describe("preset list cache", () => {
  const list = { presets: [preset("b1", "Photographic", "builtin"), preset("u1", "beta"), preset("u2", "Delta")] };

  it("adds and renames in the server's order", () => {
    expect(withPreset(list, preset("u3", "Alpha"))?.presets.map((p) => p.id)).toEqual(["b1", "u3", "u1", "u2"]);
    expect(withPreset(list, preset("u2", "Aardvark"))?.presets.map((p) => p.name)).toEqual([
      "Photographic",
      "Aardvark",
      "beta",
    ]);
    expect(withPreset(undefined, preset("u3", "Alpha"))).toBeUndefined();
  });

  it("removes by id", () => {
    expect(withoutPreset(list, "u1")?.presets.map((p) => p.id)).toEqual(["b1", "u2"]);
  });
});
