import { describe, expect, it } from "vitest";
import { fitView, MAX_SCALE, MIN_SCALE, toStage, wheelFactor, zoomAt } from "./view";

describe("view", () => {
  it("zooms around the pointer", () => {
    const view = { x: 10, y: 20, scale: 1 };
    const pointer = { x: 110, y: 70 };
    const before = toStage(view, pointer);
    const zoomed = zoomAt(view, pointer, 2);
    expect(zoomed.scale).toBe(2);
    expect(toStage(zoomed, pointer)).toEqual(before);
  });

  it("keeps the scale between 10 % and 2000 %", () => {
    expect(zoomAt({ x: 0, y: 0, scale: 19 }, { x: 0, y: 0 }, 2).scale).toBe(MAX_SCALE);
    expect(zoomAt({ x: 0, y: 0, scale: 0.11 }, { x: 0, y: 0 }, 0.5).scale).toBe(MIN_SCALE);
    expect(wheelFactor(-3)).toBeGreaterThan(1);
    expect(wheelFactor(3)).toBeLessThan(1);
  });

  it("fits a rectangle centred with a margin", () => {
    const view = fitView({ x: 100, y: 100, width: 200, height: 100 }, 464, 464, 32);
    expect(view.scale).toBe(2);
    expect(toStage(view, { x: 232, y: 232 })).toEqual({ x: 200, y: 150 });
  });
});
