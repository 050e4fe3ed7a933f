import { describe, expect, it } from "vitest";
import { applyMatrix, fitMatrix, type Matrix, opaqueBounds, transformedBounds } from "./transform";

describe("transform arithmetic", () => {
  it("bounds a scaled and a rotated image on whole pixels", () => {
    expect(transformedBounds([2, 0, 0, 2, 10, 5], 8, 4)).toEqual({ x: 10, y: 5, width: 16, height: 8 });
    const quarter: Matrix = [
      Math.cos(Math.PI / 2),
      Math.sin(Math.PI / 2),
      -Math.sin(Math.PI / 2),
      Math.cos(Math.PI / 2),
      20,
      0,
    ];
    expect(transformedBounds(quarter, 8, 4)).toEqual({ x: 16, y: 0, width: 4, height: 8 });
    expect(transformedBounds([1, 0, 0, 1, 0.5, 0], 2, 2)).toEqual({ x: 0, y: 0, width: 3, height: 2 });
    const corner = applyMatrix(quarter, 8, 0);
    expect([Math.round(corner.x), Math.round(corner.y)]).toEqual([20, 8]);
  });

  it("fits an image in the box keeping its aspect, centred", () => {
    expect(fitMatrix({ width: 10, height: 5 }, { x: 0, y: 0, width: 40, height: 40 })).toEqual([4, 0, 0, 4, 0, 10]);
    expect(fitMatrix({ width: 10, height: 20 }, { x: 100, y: 0, width: 40, height: 20 })).toEqual([1, 0, 0, 1, 115, 0]);
  });

  it("finds the pixels with some alpha, or none", () => {
    const data = new Uint8ClampedArray(5 * 4 * 4);
    expect(opaqueBounds(data, 5, 4)).toBeNull();
    data[(1 * 5 + 3) * 4 + 3] = 1;
    data[(2 * 5 + 1) * 4 + 3] = 255;
    expect(opaqueBounds(data, 5, 4)).toEqual({ x: 1, y: 1, width: 3, height: 2 });
  });
});
