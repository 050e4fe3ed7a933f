import { describe, expect, it } from "vitest";
import type { Schemas } from "@/api/client";
import { filterModels, isInstallable, relativePath, sortEntries } from "./scan";

const identity: Schemas["ModelIdentity"] = {
  base: "sd-1",
  format: "diffusers",
  name: "m",
  path: "/s/m",
  size: 1,
  type: "main",
};

describe("scan results", () => {
  const entries: Schemas["ScanEntry"][] = [
    { path: "/s/z-broken", error: "unrecognised", error_code: "unrecognised_model" },
    { path: "/s/b-installed", identity, installed_key: "k" },
    { path: "/s/c-new", identity },
    { path: "/s/a-new", identity },
  ];

  it("installs only identified, not yet installed entries", () => {
    expect(entries.map(isInstallable)).toEqual([false, false, true, true]);
  });

  it("sorts installable entries first", () => {
    expect(sortEntries(entries).map((entry) => entry.path)).toEqual([
      "/s/a-new",
      "/s/c-new",
      "/s/b-installed",
      "/s/z-broken",
    ]);
  });

  it("shows paths relative to the folder", () => {
    expect(relativePath("/s/models/Lora/x.safetensors", "/s")).toBe("models/Lora/x.safetensors");
    expect(relativePath("/elsewhere/x", "/s/")).toBe("/elsewhere/x");
  });
});

describe("filterModels", () => {
  const models = [
    { name: "Impasto Shapes (demo)", description: "tiny 64 px", type: "main", base: "sd-1" },
    { name: "Pixel Art", description: "", type: "lora", base: "sdxl" },
  ];

  it("filters by type, base and every search word", () => {
    expect(filterModels(models, { type: "lora", base: null, search: "" }).map((m) => m.name)).toEqual(["Pixel Art"]);
    expect(filterModels(models, { type: null, base: "sd-1", search: "" }).map((m) => m.name)).toEqual([
      "Impasto Shapes (demo)",
    ]);
    expect(filterModels(models, { type: null, base: null, search: "shapes tiny" })).toHaveLength(1);
    expect(filterModels(models, { type: null, base: null, search: "shapes pixel" })).toHaveLength(0);
  });
});
