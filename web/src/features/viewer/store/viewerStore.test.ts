import { describe, expect, it } from "vitest";
import { nextZoom } from "./viewerStore";

describe("nextZoom", () => {
  it("steps through the zoom levels from any factor", () => {
    expect(nextZoom(1, 1)).toBe(2);
    expect(nextZoom(1, -1)).toBe(0.5);
    expect(nextZoom(0.7, 1)).toBe(1);
    expect(nextZoom(0.7, -1)).toBe(0.5);
    expect(nextZoom(8, 1)).toBe(8);
    expect(nextZoom(0.25, -1)).toBe(0.25);
  });
});
