import { describe, expect, it } from "vitest";
import { imageQuery, pagesFor } from "./useGallery";

describe("gallery queries", () => {
  it("filters by board, view and search", () => {
    expect(imageQuery("all", "images", "")).toEqual({ category: ["general"] });
    expect(imageQuery("none", "assets", " cat ")).toEqual({
      board_id: "none",
      category: ["control", "mask", "user", "other"],
      search: "cat",
    });
  });

  it("fetches only the pages covering the rows in view", () => {
    expect(pagesFor(0, 10)).toEqual([0]);
    expect(pagesFor(95, 205)).toEqual([0, 1, 2]);
    expect(pagesFor(250, 260, 100)).toEqual([2]);
    expect(pagesFor(0, -1)).toEqual([]);
  });
});
