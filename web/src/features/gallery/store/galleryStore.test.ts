import { beforeEach, describe, expect, it } from "vitest";
import { ALL_BOARDS, targetBoard, useGalleryStore } from "./galleryStore";

const store = () => useGalleryStore.getState();
const names = ["a", "b", "c", "d"];

beforeEach(() => {
  store().selectBoard(ALL_BOARDS);
  store().focus(null);
});

describe("gallery store", () => {
  it("focuses the clicked image and extends the selection with shift", () => {
    store().click("b", names, { shift: false, toggle: false });
    store().click("d", names, { shift: true, toggle: false });
    expect(store().selection.names).toEqual(["b", "c", "d"]);
    expect(store().focused).toBe("d");
  });

  it("keeps the focus when ctrl-click removes an image from the selection", () => {
    store().click("a", names, { shift: false, toggle: false });
    store().click("c", names, { shift: false, toggle: true });
    store().click("c", names, { shift: false, toggle: true });
    expect(store().selection.names).toEqual(["a"]);
    expect(store().focused).toBe("c");
  });

  it("forgets deleted images", () => {
    store().click("a", names, { shift: false, toggle: false });
    store().click("b", names, { shift: false, toggle: true });
    store().forget(["b", "x"]);
    expect(store().selection.names).toEqual(["a"]);
    expect(store().focused).toBeNull();
  });

  it("clears the selection on a board switch", () => {
    store().selectAll(names);
    store().selectBoard("board-1");
    expect(store().selection.names).toEqual([]);
    expect(store().boardId).toBe("board-1");
  });

  it("sends new images to real boards only", () => {
    expect(targetBoard("all")).toBeNull();
    expect(targetBoard("none")).toBeNull();
    expect(targetBoard("b1")).toBe("b1");
  });
});
