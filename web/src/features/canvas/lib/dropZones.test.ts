import { describe, expect, it } from "vitest";
import { DROP_ZONES, dropTargetAt, dropZoneLayout, hexColor, imageToMask } from "./dropZones";

describe("drop zones", () => {
  const layout = dropZoneLayout(1000, 600);

  it("lays the layer kinds side by side along the stage's bottom", () => {
    expect(layout.map((zone) => zone.target)).toEqual(DROP_ZONES.map((zone) => zone.target));
    for (const [left, right] of layout.slice(0, -1).map((zone, i) => [zone, layout[i + 1]] as const)) {
      expect(left.rect.x + left.rect.width).toBeLessThan(right?.rect.x ?? 0);
    }
    const last = layout[layout.length - 1];
    expect((last?.rect.x ?? 0) + (last?.rect.width ?? 0)).toBeCloseTo(988);
    expect(layout[0]?.rect).toMatchObject({ y: 468, height: 120 }); // 600 - 12 - 120
  });

  it("chooses the zone under the drop, else a raster layer", () => {
    const control = layout[0]?.rect;
    const global = layout[3]?.rect;
    if (!control || !global) throw new Error("no zones");
    expect(dropTargetAt(layout, { x: control.x + 5, y: control.y + 5 })).toBe("control");
    expect(dropTargetAt(layout, { x: global.x + global.width - 1, y: 580 })).toBe("global_reference");
    expect(dropTargetAt(layout, { x: 500, y: 400 })).toBe("raster");
    expect(dropTargetAt(layout, { x: 5, y: 500 })).toBe("raster"); // the margin left of the first zone
    expect(dropTargetAt(layout, { x: 100, y: 100 })).toBe("raster"); // the box's usual corner
  });

  it("wraps into two columns on a narrow stage", () => {
    const narrow = dropZoneLayout(300, 600);
    expect(narrow.map((zone) => [zone.rect.x, zone.rect.y])).toEqual([
      [12, 448],
      [154, 448],
      [12, 522],
      [154, 522],
    ]);
    expect(narrow[0]?.rect.width).toBe(134);
    expect(dropTargetAt(narrow, { x: 200, y: 560 })).toBe("global_reference");
  });

  it("has no zones on a stage too narrow for them", () => {
    expect(dropZoneLayout(20, 600)).toEqual([]);
    expect(dropTargetAt([], { x: 1, y: 1 })).toBe("raster");
  });
});

describe("imageToMask", () => {
  it("masks by luminance when the image is opaque", () => {
    const data = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255]);
    imageToMask(data, [10, 20, 30]);
    expect(Array.from(data)).toEqual([10, 20, 30, 255, 10, 20, 30, 0, 10, 20, 30, 76]);
  });

  it("masks by alpha when the image has transparency", () => {
    const data = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 0, 9, 9, 9, 128]);
    imageToMask(data, [1, 2, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 255, 1, 2, 3, 0, 1, 2, 3, 128]);
  });

  it("reads hex colours", () => {
    expect(hexColor("#ff5a5a")).toEqual([255, 90, 90]);
  });
});
