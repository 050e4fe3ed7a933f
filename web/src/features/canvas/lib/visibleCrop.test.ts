import { describe, expect, it } from "vitest";
import { mipLevel, visibleCrop } from "./visibleCrop";

describe("mipLevel", () => {
  it("draws full resolution from 100 % up and halves per halving of the zoom, down to 1/8", () => {
    expect([2, 1, 0.9, 0.5, 0.3, 0.25, 0.12, 0.05].map(mipLevel)).toEqual([0, 0, 0, 1, 1, 2, 3, 3]);
  });
});

describe("visibleCrop", () => {
  const bitmap = { x: -100, y: 50, width: 4096, height: 4096 };

  it("takes only the visible part at full resolution", () => {
    const part = visibleCrop(bitmap, { x: 0.5, y: 60.2, width: 300, height: 200 }, 0);
    expect(part?.crop).toEqual({ x: 100, y: 10, width: 301, height: 201 });
    expect(part?.dest).toEqual({ x: 0, y: 60, width: 301, height: 201 });
  });

  it("widens the crop to whole pixels of a reduced copy, keeping the destination in full pixels", () => {
    const part = visibleCrop(bitmap, { x: -95, y: 50, width: 10, height: 10 }, 3);
    expect(part?.crop).toEqual({ x: 0, y: 0, width: 2, height: 2 });
    expect(part?.dest).toEqual({ x: -100, y: 50, width: 16, height: 16 });
  });

  it("clips the last copy pixel of an odd-sized bitmap to the bitmap", () => {
    const odd = { x: 0, y: 0, width: 10, height: 6 };
    const part = visibleCrop(odd, { x: -50, y: -50, width: 200, height: 200 }, 2);
    expect(part?.crop).toEqual({ x: 0, y: 0, width: 3, height: 2 });
    expect(part?.dest).toEqual({ x: 0, y: 0, width: 10, height: 6 });
  });

  it("shows nothing when the bitmap is off screen", () => {
    expect(visibleCrop(bitmap, { x: 5000, y: 0, width: 100, height: 100 }, 0)).toBeNull();
  });
});
