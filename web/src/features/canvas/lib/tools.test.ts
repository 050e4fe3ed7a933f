import { describe, expect, it } from "vitest";
import { MAX_BRUSH, stepBrushSize } from "./tools";

describe("brush size steps", () => {
  it("grows and shrinks by about a tenth, at least a pixel, within bounds", () => {
    expect(stepBrushSize(24, 1)).toBe(26);
    expect(stepBrushSize(5, -1)).toBe(4);
    expect(stepBrushSize(1, -1)).toBe(1);
    expect(stepBrushSize(MAX_BRUSH, 1)).toBe(MAX_BRUSH);
  });
});
