import { describe, expect, it } from "vitest";
import { boxForImage, snapBox, snapSide } from "./bbox";

describe("bbox", () => {
  it("snaps sides to the grid within the server's sizes", () => {
    expect(snapSide(509, 8)).toBe(512);
    expect(snapSide(20, 16)).toBe(64);
    expect(snapSide(9000, 16)).toBe(8192);
    expect(snapBox({ x: 1.4, y: -2.6, width: 100, height: 130 }, 16)).toEqual({ x: 1, y: -3, width: 96, height: 128 });
  });

  it("centres a box on a dropped image", () => {
    expect(boxForImage({ x: 0, y: 0, width: 300, height: 200 }, 8)).toEqual({ x: -2, y: 0, width: 304, height: 200 });
  });
});
