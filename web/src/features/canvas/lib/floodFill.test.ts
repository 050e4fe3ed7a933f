import { describe, expect, it } from "vitest";
import type { Rgba } from "./color";
import { floodMask, paintMask, type Pixels } from "./floodFill";

/** A picture from rows of characters: "." transparent, "#" opaque black, "r" opaque red, "s" red at half alpha. */
function picture(rows: string[]): Pixels {
  const colors: Record<string, Rgba> = {
    ".": [0, 0, 0, 0],
    "#": [0, 0, 0, 255],
    r: [255, 0, 0, 255],
    s: [250, 0, 0, 128],
  };
  const width = rows[0]?.length ?? 0;
  const data = new Uint8ClampedArray(width * rows.length * 4);
  rows.forEach((row, y) => [...row].forEach((ch, x) => data.set(colors[ch] ?? [0, 0, 0, 0], (y * width + x) * 4)));
  return { data, width, height: rows.length };
}

function maskRows(mask: Uint8Array, width: number): string[] {
  const rows: string[] = [];
  for (let at = 0; at < mask.length; at += width) rows.push([...mask.slice(at, at + width)].join(""));
  return rows;
}

describe("flood fill", () => {
  it("fills the enclosed area only, four-connected (a diagonal gap does not leak)", () => {
    const pixels = picture(["......", ".####.", ".#..#.", ".#..#.", ".###..", "......"]);
    expect(maskRows(floodMask(pixels, 2, 2, 0), 6)).toEqual([
      "000000",
      "000000",
      "001100",
      "001100",
      "000000",
      "000000",
    ]);
  });

  it("fills the outside around a shape and leaves it alone", () => {
    const pixels = picture(["....", ".##.", "...."]);
    expect(maskRows(floodMask(pixels, 0, 0, 0), 4)).toEqual(["1111", "1001", "1111"]);
  });

  it("takes neighbours within the tolerance and not beyond", () => {
    const pixels = picture(["rs.", "rs.", "rr."]);
    expect(maskRows(floodMask(pixels, 0, 0, 0), 3)).toEqual(["100", "100", "110"]);
    expect(maskRows(floodMask(pixels, 0, 0, 60), 3)).toEqual(["110", "110", "110"]);
    expect(maskRows(floodMask(pixels, 0, 0, 100), 3)).toEqual(["111", "111", "111"]);
  });

  it("fills nothing from a seed outside the pixels", () => {
    expect([...floodMask(picture([".."]), 5, 0, 50)]).toEqual([0, 0]);
  });

  it("paints the colour over the masked pixels, blending with what is below", () => {
    const pixels = picture(["#.", ".r"]);
    paintMask(pixels, Uint8Array.from([1, 1, 0, 0]), [0, 0, 255, 255]);
    expect([...pixels.data.slice(0, 8)]).toEqual([0, 0, 255, 255, 0, 0, 255, 255]);
    paintMask(pixels, Uint8Array.from([0, 0, 1, 1]), [0, 0, 255, 128]);
    expect([...pixels.data.slice(8, 12)]).toEqual([0, 0, 255, 128]);
    expect([...pixels.data.slice(12, 16)]).toEqual([127, 0, 128, 255]);
  });
});
