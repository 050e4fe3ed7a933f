import { describe, expect, it } from "vitest";
import {
  changesOf,
  cleanName,
  copyName,
  createBody,
  draftFromPrompts,
  draftOf,
  EMPTY_DRAFT,
  filterPresets,
  isDirty,
  type StylePreset,
} from "./draft";

function preset(name: string, positive = "{prompt}, ink", negative = "", type: "user" | "builtin" = "user") {
  return { id: name.toLowerCase(), name, positive_prompt: positive, negative_prompt: negative, type } as StylePreset;
}

describe("preset drafts", () => {
  it("round-trips a preset and creates with the server's clean name", () => {
    const ink = preset("Ink", "{prompt}, ink", "color");
    expect(draftOf(ink)).toEqual({ name: "Ink", positive: "{prompt}, ink", negative: "color" });
    expect(createBody({ name: "  My   Style ", positive: "{prompt}, x", negative: "" })).toEqual({
      name: "My Style",
      positive_prompt: "{prompt}, x",
      negative_prompt: "",
    });
    expect(cleanName(" \t ")).toBe("");
  });

  it("changes only what differs", () => {
    const ink = preset("Ink", "{prompt}, ink", "color");
    expect(changesOf(ink, { name: "Ink ", positive: "{prompt}, ink", negative: "color" })).toEqual({});
    expect(changesOf(ink, { name: "Ink 2", positive: "{prompt}, ink", negative: "" })).toEqual({
      name: "Ink 2",
      negative_prompt: "",
    });
    expect(isDirty(ink, draftOf(ink), draftOf(ink))).toBe(false);
    expect(isDirty(ink, { ...draftOf(ink), positive: "ink" }, draftOf(ink))).toBe(true);
    expect(isDirty(null, EMPTY_DRAFT, EMPTY_DRAFT)).toBe(false);
    expect(isDirty(null, { ...EMPTY_DRAFT, name: "x" }, EMPTY_DRAFT)).toBe(true);
  });

  it("drafts from the Generate prompts with the placeholder", () => {
    expect(draftFromPrompts("oil painting, warm light", "blurry")).toEqual({
      name: "",
      positive: "{prompt}, oil painting, warm light",
      negative: "{prompt}, blurry",
    });
    expect(draftFromPrompts("", "")).toEqual({ name: "", positive: "{prompt}", negative: "" });
  });

  it("names copies so they do not clash in any case", () => {
    expect(copyName("Anime", ["Anime"])).toBe("Anime (copy)");
    expect(copyName("Anime", ["Anime", "anime (COPY)", "Anime (copy 2)"])).toBe("Anime (copy 3)");
    expect(copyName("x".repeat(255), []).length).toBe(255);
  });

  it("filters by name or template in any case", () => {
    const presets = [
      preset("Anime", "anime of {prompt}", "", "builtin"),
      preset("Ink"),
      preset("Watercolor", "{prompt}, wet"),
    ];
    expect(filterPresets(presets, " INK ").map((p) => p.name)).toEqual(["Ink"]);
    expect(filterPresets(presets, "anime").map((p) => p.name)).toEqual(["Anime"]);
    expect(filterPresets(presets, "").length).toBe(3);
  });
});
