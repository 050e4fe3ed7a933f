import { describe, expect, it } from "vitest";
import { alphaSummary, canvasMode, hasPaint, maskToGrey } from "./mode";

const px = (...alphas: number[]) => alphas.flatMap((alpha) => [9, 9, 9, alpha]);

describe("canvas mode", () => {
  it("reads transparency as the server does", () => {
    expect(alphaSummary(px(0, 0))).toBe("empty");
    expect(alphaSummary(px(255, 255))).toBe("opaque");
    expect(alphaSummary(px(255, 0))).toBe("partial");
    expect(alphaSummary(px(255, 254))).toBe("partial");
    expect(alphaSummary([])).toBe("empty");
  });

  it("picks the mode from transparency and the mask", () => {
    expect(canvasMode("empty", true)).toBe("txt2img");
    expect(canvasMode("partial", false)).toBe("outpaint");
    expect(canvasMode("partial", true)).toBe("outpaint");
    expect(canvasMode("opaque", false)).toBe("img2img");
    expect(canvasMode("opaque", true)).toBe("inpaint");
  });

  it("turns mask paint into a greyscale mask", () => {
    expect(hasPaint(px(0, 0))).toBe(false);
    expect(hasPaint(px(0, 1))).toBe(true);
    expect(Array.from(maskToGrey(px(0, 128, 255)))).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });
});
