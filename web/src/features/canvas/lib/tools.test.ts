import { describe, expect, it } from "vitest";
import {
  activeTool,
  DEFAULT_BRUSH,
  dragRect,
  MAX_BRUSH,
  pressureSize,
  restoreBrush,
  softness,
  stepBrushSize,
  TOOLS,
  toolTip,
} from "./tools";

describe("brush size steps", () => {
  it("grows and shrinks by about a tenth, at least a pixel, within bounds", () => {
    expect(stepBrushSize(24, 1)).toBe(26);
    expect(stepBrushSize(5, -1)).toBe(4);
    expect(stepBrushSize(1, -1)).toBe(1);
    expect(stepBrushSize(MAX_BRUSH, 1)).toBe(MAX_BRUSH);
  });
});

describe("tools", () => {
  it("has one distinct key per tool, shown in its tooltip", () => {
    expect(new Set(TOOLS.map((tool) => tool.key)).size).toBe(TOOLS.length);
    const rect = TOOLS.find((tool) => tool.id === "rect");
    expect(rect && toolTip(rect)).toBe("Rectangle, Shift draws a square (U)");
  });

  it("picks colours while Alt is held with the brush, rectangle and fill only", () => {
    expect(activeTool("brush", true)).toBe("picker");
    expect(activeTool("fill", true)).toBe("picker");
    expect(activeTool("rect", false)).toBe("rect");
    expect(activeTool("eraser", true)).toBe("eraser");
  });
});

describe("rectangle drags", () => {
  it("takes either corner first and rounds to pixels", () => {
    expect(dragRect({ x: 10.4, y: 20 }, { x: 2, y: 5.6 }, false)).toEqual({ x: 2, y: 6, width: 8, height: 14 });
  });

  it("keeps a square's sides equal, towards the pointer", () => {
    expect(dragRect({ x: 10, y: 10 }, { x: 4, y: 30 }, true)).toEqual({ x: -10, y: 10, width: 20, height: 20 });
    expect(dragRect({ x: 10, y: 10 }, { x: 10, y: 10 }, true)).toEqual({ x: 10, y: 10, width: 0, height: 0 });
  });
});

describe("brush dynamics", () => {
  it("scales the size by a pen's pressure, never below a pixel", () => {
    expect(pressureSize(40, null)).toBe(40);
    expect(pressureSize(40, 0.25)).toBe(10);
    expect(pressureSize(40, 0)).toBe(1);
    expect(pressureSize(40, 2)).toBe(40);
  });

  it("blurs nothing at full hardness and more the softer the brush", () => {
    expect(softness(20, 100)).toEqual({ coreWidth: 20, blur: 0 });
    expect(softness(24, 0)).toEqual({ coreWidth: 12, blur: 4 });
    expect(softness(24, 50)).toEqual({ coreWidth: 18, blur: 2 });
  });
});

describe("restored brush", () => {
  it("keeps every valid stored setting", () => {
    const stored = { size: 80, color: "#ff0000", opacity: 0.5, hardness: 30, pressure: false, tolerance: 42 };
    expect(restoreBrush(stored)).toEqual(stored);
  });

  it("takes the default for each missing, mistyped or out-of-range setting", () => {
    const stored = { size: 9000, color: "", opacity: 0, hardness: "hard", pressure: 1, tolerance: 42 };
    expect(restoreBrush(stored)).toEqual({ ...DEFAULT_BRUSH, tolerance: 42 });
    expect(restoreBrush({ size: Number.NaN })).toEqual(DEFAULT_BRUSH);
  });

  it("starts from the defaults without a stored brush", () => {
    expect(restoreBrush(undefined)).toEqual(DEFAULT_BRUSH);
    expect(restoreBrush("not a brush")).toEqual(DEFAULT_BRUSH);
  });
});
