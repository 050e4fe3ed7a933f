import { describe, expect, it } from "vitest";
import { isPackUrl, packNameProblem, suggestedPackName } from "./packs";

describe("node pack names", () => {
  it("suggests the repository's or the zip's name", () => {
    expect(suggestedPackName("https://github.com/someone/comfy-nodes.git")).toBe("comfy-nodes");
    expect(suggestedPackName("https://example.com/a/b/my pack/?x=1")).toBe("my-pack");
    expect(suggestedPackName("C:\\downloads\\nodes-main.zip")).toBe("nodes-main");
    expect(suggestedPackName("file:///repos/with%20space")).toBe("with-space");
    expect(suggestedPackName("")).toBe("");
  });

  it("says what is wrong with a name", () => {
    expect(packNameProblem("good_name-2")).toBeNull();
    expect(packNameProblem("")).toMatch("Give");
    expect(packNameProblem("../up")).toMatch("letters");
    expect(packNameProblem("_hidden")).toMatch("starting");
  });

  it("takes http(s) and file URLs only", () => {
    expect(isPackUrl("https://github.com/a/b.git")).toBe(true);
    expect(isPackUrl("file:///tmp/repo")).toBe(true);
    expect(isPackUrl("ssh://host/x.git")).toBe(false);
    expect(isPackUrl("https://host")).toBe(false);
  });
});
