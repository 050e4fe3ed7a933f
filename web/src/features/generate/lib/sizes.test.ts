import { describe, expect, it } from "vitest";
import { aspectOf, gridFor, nativeSide, optimalSize, snap, swappedAspect, withHeight, withWidth } from "./sizes";

describe("sizes", () => {
  it("knows the native side of each base, preferring the record's own", () => {
    expect(nativeSide({ base: "sd-1", details: {} })).toBe(512);
    expect(nativeSide({ base: "sdxl", details: {} })).toBe(1024);
    expect(nativeSide({ base: "sd-1", details: { native_resolution: 64 } })).toBe(64);
    expect(nativeSide(null)).toBe(512);
  });

  it("snaps to the grid within bounds", () => {
    expect(snap(517, 8)).toBe(520);
    expect(snap(3, 8)).toBe(8);
    expect(snap(99999, 16)).toBe(8192);
    expect(gridFor("flux")).toBe(16);
    expect(gridFor("sd-3")).toBe(16);
    expect(gridFor("sdxl")).toBe(8);
  });

  it("keeps the native area at any aspect", () => {
    expect(optimalSize(1, 1024, 8)).toEqual({ width: 1024, height: 1024 });
    expect(optimalSize(16 / 9, 1024, 8)).toEqual({ width: 1368, height: 768 });
    expect(optimalSize(2 / 3, 512, 8)).toEqual({ width: 416, height: 624 });
    expect(optimalSize(1, 64, 8)).toEqual({ width: 64, height: 64 });
  });

  it("follows a locked ratio", () => {
    expect(withWidth({ width: 512, height: 512 }, 768, 4 / 3, 8)).toEqual({ width: 768, height: 576 });
    expect(withHeight({ width: 512, height: 512 }, 600, null, 8)).toEqual({ width: 512, height: 600 });
    expect(withHeight({ width: 512, height: 512 }, 576, 16 / 9, 8)).toEqual({ width: 1024, height: 576 });
  });

  it("swaps presets and recognises ratios", () => {
    expect(swappedAspect("16:9")).toBe("9:16");
    expect(swappedAspect("21:9")).toBe("free");
    expect(swappedAspect("1:1")).toBe("1:1");
    expect(aspectOf({ width: 1368, height: 768 })).toBe("16:9");
    expect(aspectOf({ width: 1000, height: 300 })).toBe("free");
  });
});
