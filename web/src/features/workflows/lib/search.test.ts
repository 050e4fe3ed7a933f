import { describe, expect, it } from "vitest";
import { searchNodes } from "./search";
import { SCHEMAS } from "./testSchemas";

const types = (query: string) => searchNodes(SCHEMAS.values(), query).map((schema) => schema.type);

describe("palette search", () => {
  it("finds by title, type, category and tag", () => {
    expect(types("denoise")[0]).toBe("denoise_latents");
    expect(types("l2i")[0]).toBe("l2i");
    expect(types("conditioning")).toEqual(["compel"]);
    expect(types("vae")[0]).toBe("l2i");
  });

  it("matches letters in order and needs every word", () => {
    expect(types("dnslt")).toContain("denoise_latents");
    expect(types("save output")).toEqual(["save_image"]);
    expect(types("save zebra")).toEqual([]);
  });

  it("ranks prefixes above letters in order", () => {
    expect(types("int")[0]).toBe("integer");
  });

  it("lists everything by title for an empty query", () => {
    const all = searchNodes(SCHEMAS.values(), "  ");
    expect(all).toHaveLength(SCHEMAS.size);
    expect(all[0]?.title).toBe("Collect");
  });
});
