import { describe, expect, it } from "vitest";
import { PIXEL_GRID_SCALE, pixelGridLines } from "./pixelGrid";

describe("pixelGridLines", () => {
  it("draws nothing below the grid's zoom", () => {
    expect(pixelGridLines({ x: 0, y: 0, scale: PIXEL_GRID_SCALE - 0.5 }, 800, 600)).toBeNull();
  });

  it("puts a line on every pixel edge of the visible area only", () => {
    // At 10x with the stage's origin 25 px right and 5 px up of the screen's corner, the screen shows
    // stage x from -2.5 to 5.5 and y from 0.5 to 3.5: edges -3..6 and 0..4.
    const lines = pixelGridLines({ x: 25, y: -5, scale: 10 }, 80, 30);
    expect(lines?.xs).toEqual([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
    expect(lines?.ys).toEqual([0, 1, 2, 3, 4]);
    expect(lines?.area).toEqual({ x: -3, y: 0, width: 9, height: 4 });
  });

  it("follows pan and zoom", () => {
    const panned = pixelGridLines({ x: -1000, y: -2000, scale: 20 }, 40, 20);
    expect(panned?.xs).toEqual([50, 51, 52]);
    expect(panned?.ys).toEqual([100, 101]);
  });

  it("gives nothing for an empty screen", () => {
    expect(pixelGridLines({ x: 0, y: 0, scale: 16 }, 0, 100)).toBeNull();
  });
});
