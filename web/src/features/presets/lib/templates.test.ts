import { describe, expect, it } from "vitest";
import { applyStyle, applyTemplate, hasPlaceholder, placeholderHint, templateFromPrompt } from "./templates";

describe("applyTemplate", () => {
  // The same cases as the server's tests of `apply_template`.
  it.each([
    ["{prompt}, oil painting", "a cat", "a cat, oil painting"],
    ["a photo of {prompt}, and {prompt} again", "a cat", "a photo of a cat, and a cat again"],
    ["oil painting", "a cat", "a cat, oil painting"],
    ["oil painting", "", "oil painting"],
    ["", "a cat", "a cat"],
    ["{prompt}, oil painting", "", "oil painting"],
    ["photo of {prompt}", "  ", "photo of"],
  ])("styles %j with %j as %j", (template, prompt, expected) => {
    expect(applyTemplate(template, prompt)).toBe(expected);
  });

  it("keeps a blank template's prompt and drops dangling commas on both ends", () => {
    expect(applyTemplate("   ", "a cat")).toBe("a cat");
    expect(applyTemplate(" , {prompt} ,, ", "")).toBe("");
    expect(applyTemplate("{prompt}", "")).toBe("");
    expect(applyTemplate("a {prompt} b", "")).toBe("a  b");
  });

  it("inserts the prompt literally", () => {
    expect(applyTemplate("{prompt}, ink", "cost $& more $1")).toBe("cost $& more $1, ink");
  });
});

describe("applyStyle", () => {
  it("styles both prompts with their templates", () => {
    expect(applyStyle({ positive: "{prompt}, watercolor", negative: "photo" }, "a cat", "blurry")).toEqual({
      positive: "a cat, watercolor",
      negative: "blurry, photo",
    });
  });
});

describe("templateFromPrompt", () => {
  it("puts the placeholder before the prompt's words", () => {
    expect(templateFromPrompt("oil, warm light, ")).toBe("{prompt}, oil, warm light");
    expect(templateFromPrompt(" , blurry")).toBe("{prompt}, blurry");
  });

  it("keeps a prompt that has the placeholder, and answers `empty` for an empty one", () => {
    expect(templateFromPrompt("photo of {prompt}")).toBe("photo of {prompt}");
    expect(templateFromPrompt("  ")).toBe("");
    expect(templateFromPrompt("", "{prompt}")).toBe("{prompt}");
    expect(hasPlaceholder("{prompt}, x")).toBe(true);
    expect(hasPlaceholder("{Prompt}")).toBe(false);
  });
});

describe("placeholderHint", () => {
  it("says what happens to a template without the placeholder", () => {
    expect(placeholderHint("watercolor")).toBe(
      "No {prompt} placeholder: the template is added after your prompt, following a comma.",
    );
    expect(placeholderHint(" ", "negative prompt")).toBe("An empty template leaves your negative prompt as it is.");
    expect(placeholderHint("{prompt}, watercolor")).toBeNull();
  });
});
