import { describe, expect, it } from "vitest";
import { blankItem, collectionItem, colourToCss, cssToColour, readCollection, readColour } from "./widgets";

describe("colours", () => {
  it("reads the server's objects and hex strings", () => {
    expect(readColour({ r: 10, g: 20, b: 30, a: 128 })).toEqual({ r: 10, g: 20, b: 30, a: 128 });
    expect(readColour("#ff000080")).toEqual({ r: 255, g: 0, b: 0, a: 128 });
    expect(readColour("#00ff00")).toEqual({ r: 0, g: 255, b: 0, a: 255 });
    expect(readColour(undefined)).toEqual({ r: 0, g: 0, b: 0, a: 255 });
  });

  it("goes to a picker's rgba() text and back", () => {
    expect(colourToCss({ r: 255, g: 0, b: 0, a: 128 })).toBe("rgba(255, 0, 0, 0.502)");
    expect(cssToColour("rgba(255, 0, 0, 0.502)")).toEqual({ r: 255, g: 0, b: 0, a: 128 });
    expect(cssToColour("rgb(1, 2, 3)")).toEqual({ r: 1, g: 2, b: 3, a: 255 });
    expect(cssToColour("red")).toBeNull();
  });
});

describe("collections", () => {
  it("knows the lists it can type in", () => {
    expect(collectionItem("list[int]")).toBe("int");
    expect(collectionItem("list[str]")).toBe("str");
    expect(collectionItem("list[ImageField]")).toBeNull();
    expect(collectionItem("int")).toBeNull();
  });

  it("reads only items of the list's type, and starts new rows blank", () => {
    expect(readCollection([1, "x", 2.5], "float")).toEqual([1, 2.5]);
    expect(readCollection("nope", "str")).toEqual([]);
    expect(blankItem("str")).toBe("");
    expect(blankItem("int")).toBe(0);
  });
});
