import { describe, expect, it } from "vitest";
import { clampPage, INITIAL_FILTERS, listQuery, pageCount, withFilter, withSort } from "./library";

describe("library listing", () => {
  it("asks the list route for the filters set, empty ones left out", () => {
    expect(listQuery(INITIAL_FILTERS, 10)).toEqual({
      search: null,
      category: null,
      tag: null,
      order_by: "name",
      descending: false,
      offset: 0,
      limit: 10,
    });
    const set = { ...INITIAL_FILTERS, search: "  sdxl ", category: "user" as const, tags: ["flux"], page: 2 };
    expect(listQuery(set, 10)).toMatchObject({ search: "sdxl", category: "user", tag: ["flux"], offset: 20 });
  });

  it("sorts dates newest first and names from A, and goes back to the first page on any change", () => {
    const later = { ...INITIAL_FILTERS, page: 3 };
    expect(withSort(later, "opened_at")).toMatchObject({ orderBy: "opened_at", descending: true, page: 0 });
    expect(withSort(later, "name")).toMatchObject({ orderBy: "name", descending: false, page: 0 });
    expect(withFilter(later, { category: "default" }).page).toBe(0);
  });

  it("counts pages and keeps the page inside them when workflows go away", () => {
    expect([pageCount(0, 10), pageCount(10, 10), pageCount(11, 10)]).toEqual([1, 1, 2]);
    expect(clampPage(2, 20, 10)).toBe(1);
    expect(clampPage(0, 0, 10)).toBe(0);
    expect(clampPage(1, 30, 10)).toBe(1);
  });
});
