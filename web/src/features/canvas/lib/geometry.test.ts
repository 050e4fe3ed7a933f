import { describe, expect, it } from "vitest";
import { contains, coverRect, GROW_STEP, intersect, strokeBounds } from "./geometry";

describe("geometry", () => {
  it("bounds a stroke with its width", () => {
    expect(strokeBounds([10, 10, 30, 20], 10)).toEqual({ x: 4, y: 4, width: 32, height: 22 });
    expect(strokeBounds([], 10).width).toBe(0);
  });

  it("grows a bitmap in steps only when the paint leaves it", () => {
    const current = { x: 0, y: 0, width: GROW_STEP, height: GROW_STEP };
    expect(coverRect(current, { x: 10, y: 10, width: 20, height: 20 })).toBe(current);
    const grown = coverRect(current, { x: -5, y: 250, width: 20, height: 20 });
    expect(grown).toEqual({ x: -GROW_STEP, y: 0, width: 2 * GROW_STEP, height: 2 * GROW_STEP });
    expect(contains(grown, current)).toBe(true);
    expect(coverRect(null, { x: 1, y: 1, width: 2, height: 2 })).toEqual({ x: 0, y: 0, width: 256, height: 256 });
  });

  it("intersects rectangles", () => {
    expect(intersect({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 5, width: 10, height: 10 })).toEqual({
      x: 5,
      y: 5,
      width: 5,
      height: 5,
    });
    expect(intersect({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 5, height: 5 })).toBeNull();
  });
});
