import { describe, expect, it } from "vitest";
import { importRequest, importSummary, type ImportResult } from "./transfer";

describe("importRequest", () => {
  it("reads Impasto's export and a bare list", () => {
    const exported = { style_presets: [{ name: "One", positive_prompt: "{prompt}, one", negative_prompt: "" }] };
    expect(importRequest(JSON.stringify(exported))).toEqual(exported);
    const invoke = [{ name: "Two", prompt: "two", negative_prompt: "" }];
    expect(importRequest(JSON.stringify(invoke))).toEqual({ style_presets: invoke });
  });

  it("refuses what is not a list of objects", () => {
    expect(() => importRequest("{nope")).toThrow("not JSON");
    expect(() => importRequest('{"presets": []}')).toThrow("no list");
    expect(() => importRequest('[{"name": "a"}, "b"]')).toThrow("Entry 2");
    expect(importRequest('[{"prompt": "nameless"}]')).toEqual({ style_presets: [{ prompt: "nameless" }] }); // the server reports it
  });
});

describe("importSummary", () => {
  const created = { id: "1", name: "Two", positive_prompt: "two", negative_prompt: "", type: "user" } as const;
  it("counts what was created and names what was skipped", () => {
    const result: ImportResult = { created: [created], skipped: [{ name: "One", reason: "taken" }] };
    expect(importSummary(result)).toBe("Imported 1 preset; skipped 1 preset: One (taken)");
    expect(importSummary({ created: [created, created], skipped: [] })).toBe("Imported 2 presets");
  });
});
