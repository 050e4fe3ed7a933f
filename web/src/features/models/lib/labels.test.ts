import { describe, expect, it } from "vitest";
import { baseLabel, groupByBase } from "./labels";

describe("model labels", () => {
  it("groups models by base in taxonomy order, names sorted", () => {
    const models = [
      { key: "3", name: "Zeta", base: "sdxl" },
      { key: "1", name: "Beta", base: "sd-1" },
      { key: "2", name: "Alpha", base: "sd-1" },
    ];
    expect(groupByBase(models)).toEqual([
      {
        group: "SD 1.x",
        items: [
          { value: "2", label: "Alpha" },
          { value: "1", label: "Beta" },
        ],
      },
      { group: "SDXL", items: [{ value: "3", label: "Zeta" }] },
    ]);
  });

  it("falls back to the raw name", () => {
    expect(baseLabel("flux")).toBe("FLUX");
    expect(baseLabel("future")).toBe("future");
  });
});
