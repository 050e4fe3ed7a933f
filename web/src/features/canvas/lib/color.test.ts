import { describe, expect, it } from "vitest";
import { compositeColor, parseHex, type Rgba, toHex } from "./color";

const RED: Rgba = [255, 0, 0, 255];
const BLUE: Rgba = [0, 0, 255, 255];

describe("colours", () => {
  it("reads and writes hex colours", () => {
    expect(parseHex("#3b82f6")).toEqual([59, 130, 246, 255]);
    expect(parseHex("#f00", 0.5)).toEqual([255, 0, 0, 128]);
    expect(toHex(59, 130, 246)).toBe("#3b82f6");
    expect(() => parseHex("blue")).toThrow(/"blue" is not a #rrggbb colour/);
  });

  it("sees the top layer where it is opaque, blends where it is not, and nothing where nothing is painted", () => {
    const red = { rgba: RED, opacity: 1 };
    expect(compositeColor([red, { rgba: BLUE, opacity: 1 }])).toBe("#0000ff");
    expect(compositeColor([red, { rgba: BLUE, opacity: 0.5 }])).toBe("#800080");
    expect(compositeColor([{ rgba: [9, 9, 9, 0], opacity: 1 }])).toBeNull();
    expect(compositeColor([])).toBeNull();
  });
});
