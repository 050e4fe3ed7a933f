import { describe, expect, it } from "vitest";
import { ApiError } from "@/api/errors";
import { presetProblems } from "./errors";

// Bodies as the server answers them.
describe("presetProblems", () => {
  it("puts a taken name next to the name", () => {
    const error = new ApiError(409, "duplicate_style_preset", "the style preset name 'ink' is taken by 'Ink'", {
      name: "ink",
    });
    expect(presetProblems(error)).toEqual({
      fields: { name: "the style preset name 'ink' is taken by 'Ink'" },
      general: null,
    });
  });

  it("maps request validation to its field without pydantic's prefix", () => {
    const error = new ApiError(422, "invalid_request", "invalid request: body.name: Value error, ...", [
      { loc: ["body", "name"], message: "Value error, the name must not be empty", type: "value_error" },
      { loc: ["body", "negative_prompt"], message: "String should have at most 10000 characters", type: "x" },
    ]);
    expect(presetProblems(error)).toEqual({
      fields: {
        name: "the name must not be empty",
        negative_prompt: "String should have at most 10000 characters",
      },
      general: null,
    });
  });

  it("shows a preset without templates at the positive template", () => {
    const created = new ApiError(422, "invalid_request", "invalid request: body: Value error, ...", [
      { loc: ["body"], message: "Value error, a style preset needs a positive or a negative template", type: "v" },
    ]);
    const changed = new ApiError(
      409,
      "style_preset_incomplete",
      "the changed style preset would not be valid: a style preset needs a positive or a negative template",
    );
    for (const error of [created, changed]) {
      expect(presetProblems(error).fields).toEqual({
        positive_prompt: "a style preset needs a positive or a negative template",
      });
    }
  });

  it("leaves other errors general", () => {
    const readOnly = new ApiError(409, "style_preset_read_only", "'Anime' is a built-in style preset", {
      id: "builtin-anime",
    });
    expect(presetProblems(readOnly)).toEqual({ fields: {}, general: "'Anime' is a built-in style preset" });
    expect(presetProblems(new TypeError("Failed to fetch"))).toEqual({ fields: {}, general: "Failed to fetch" });
    const other = new ApiError(422, "invalid_request", "invalid request: body.extra: Extra inputs", [
      { loc: ["body", "extra"], message: "Extra inputs are not permitted" },
    ]);
    expect(presetProblems(other).general).toBe("invalid request: body.extra: Extra inputs");
  });
});
