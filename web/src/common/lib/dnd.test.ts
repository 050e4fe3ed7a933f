import { describe, expect, it } from "vitest";
import { carriesFiles, carriesImages, droppedImages, IMAGES_MIME, setDraggedImages } from "./dnd";

class FakeTransfer {
  data = new Map<string, string>();
  effectAllowed = "none";
  get types(): string[] {
    return [...this.data.keys()];
  }
  setData(format: string, value: string) {
    this.data.set(format, value);
  }
  getData(format: string) {
    return this.data.get(format) ?? "";
  }
}

describe("image drags", () => {
  it("round-trips image names and offers a URL to other applications", () => {
    const transfer = new FakeTransfer();
    setDraggedImages(transfer, ["a.png", "b.png"], "http://127.0.0.1:9090");
    expect(carriesImages(transfer)).toBe(true);
    expect(droppedImages(transfer)).toEqual(["a.png", "b.png"]);
    expect(transfer.getData("text/uri-list")).toBe("http://127.0.0.1:9090/api/v1/images/a.png/full");
    expect(transfer.effectAllowed).toBe("copyMove");
  });

  it("ignores foreign or broken payloads", () => {
    const transfer = new FakeTransfer();
    expect(droppedImages(transfer)).toEqual([]);
    transfer.setData(IMAGES_MIME, "{not json");
    expect(droppedImages(transfer)).toEqual([]);
    transfer.setData(IMAGES_MIME, '["a.png", 3]');
    expect(droppedImages(transfer)).toEqual(["a.png"]);
  });

  it("tells desktop files from gallery images", () => {
    expect(carriesFiles({ types: ["Files"] })).toBe(true);
    expect(carriesImages({ types: ["Files"] })).toBe(false);
  });
});
