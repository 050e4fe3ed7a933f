import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, settingsFields, workSize } from "./settings";

describe("canvas generation settings", () => {
  it("generates at the box's size, the manual size, or the native area for a small box", () => {
    const box = { width: 256, height: 128 };
    expect(workSize(box, DEFAULT_SETTINGS, 512 * 512, 8)).toEqual(box);
    const manual = { ...DEFAULT_SETTINGS, scale: "manual" as const, scaledWidth: 640, scaledHeight: 320 };
    expect(workSize(box, manual, 512 * 512, 8)).toEqual({ width: 640, height: 320 });
    const auto = { ...DEFAULT_SETTINGS, scale: "auto" as const };
    expect(workSize(box, auto, 512 * 512, 8)).toEqual({ width: 728, height: 360 });
    expect(workSize({ width: 1024, height: 1024 }, auto, 512 * 512, 8)).toEqual({ width: 1024, height: 1024 });
  });

  it("sends the infill only when the box is partly transparent, and the manual size only when manual", () => {
    expect(settingsFields(DEFAULT_SETTINGS, "opaque")).toEqual({
      infill: null,
      scale_before_processing: "none",
      scaled_width: null,
      scaled_height: null,
    });
    const manual = { ...DEFAULT_SETTINGS, infill: "tile" as const, scale: "manual" as const };
    expect(settingsFields(manual, "partial")).toEqual({
      infill: { method: "tile" },
      scale_before_processing: "manual",
      scaled_width: 512,
      scaled_height: 512,
    });
  });
});
