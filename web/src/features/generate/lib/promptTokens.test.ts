import { describe, expect, it } from "vitest";
import { embeddingsIn, hasDynamicSyntax, insertAt, tokenizePrompt, type TokenKind } from "./promptTokens";

function kinds(prompt: string): [TokenKind, string][] {
  return tokenizePrompt(prompt).tokens.map((token) => [token.kind, token.text]);
}

describe("tokenizePrompt", () => {
  it("marks word weights but not hyphenated words", () => {
    expect(kinds("a cat++ and a red-green dog-")).toEqual([
      ["text", "a cat"],
      ["weight", "++"],
      ["text", " and a red-green dog"],
      ["weight", "-"],
    ]);
  });

  it("marks groups with numeric and +/- weights", () => {
    expect(kinds("(a red hat)1.3 ((cat)1.2)+")).toEqual([
      ["paren", "("],
      ["text", "a red hat"],
      ["paren", ")"],
      ["weight", "1.3"],
      ["text", " "],
      ["paren", "("],
      ["paren", "("],
      ["text", "cat"],
      ["paren", ")"],
      ["weight", "1.2"],
      ["paren", ")"],
      ["weight", "+"],
    ]);
  });

  it("marks blends with their strings and arguments", () => {
    expect(kinds('("a cat", "a dog").blend(1, 0.5)')).toEqual([
      ["paren", "("],
      ["string", '"a cat"'],
      ["text", ", "],
      ["string", '"a dog"'],
      ["paren", ")"],
      ["function", ".blend"],
      ["paren", "("],
      ["text", "1, 0.5"],
      ["paren", ")"],
    ]);
  });

  it("marks dynamic prompts, wildcards, embeddings and escapes", () => {
    expect(kinds("{2$$red|blue} __colors/warm__ <my-style> \\(literal\\)")).toEqual([
      ["dynamic", "{"],
      ["text", "2"],
      ["dynamic", "$$"],
      ["text", "red"],
      ["dynamic", "|"],
      ["text", "blue"],
      ["dynamic", "}"],
      ["text", " "],
      ["wildcard", "__colors/warm__"],
      ["text", " "],
      ["embedding", "<my-style>"],
      ["text", " "],
      ["escape", "\\("],
      ["text", "literal"],
      ["escape", "\\)"],
    ]);
  });

  it("keeps | outside braces as text", () => {
    expect(kinds("a | b")).toEqual([["text", "a | b"]]);
  });

  it("reports unbalanced brackets and marks them", () => {
    const open = tokenizePrompt("{red|blue");
    expect(open.problems).toEqual(["'{' at position 1 is never closed"]);
    expect(open.tokens[0]).toMatchObject({ kind: "error", text: "{" });
    const close = tokenizePrompt("cat)");
    expect(close.problems).toEqual(["')' at position 4 has no matching '('"]);
    const crossed = tokenizePrompt("({a)}");
    expect(crossed.problems.length).toBeGreaterThan(0);
  });

  it("always joins back into the prompt", () => {
    const prompts = ["", "plain", "((x)1.1", "{a|(b}c)", "__x", "<a b>", "\\", 'a++ {1-2$$x|y} "q', "ünï+ cödé-"];
    for (const prompt of prompts) {
      const { tokens } = tokenizePrompt(prompt);
      expect(tokens.map((token) => token.text).join("")).toBe(prompt);
      for (const token of tokens) expect(prompt.slice(token.start, token.start + token.text.length)).toBe(token.text);
    }
  });
});

describe("prompt helpers", () => {
  it("lists embeddings and detects dynamic syntax", () => {
    expect(embeddingsIn("a <style-a> and <b>")).toEqual(["style-a", "b"]);
    expect(hasDynamicSyntax("a {red|blue} cat")).toBe(true);
    expect(hasDynamicSyntax("a __color__ cat")).toBe(true);
    expect(hasDynamicSyntax("a (red)1.2 cat")).toBe(false);
  });

  it("inserts with separators where needed", () => {
    expect(insertAt("a cat", "<style>", 5)).toEqual({ text: "a cat, <style>", caret: 14 });
    expect(insertAt("", "pixel art", 0)).toEqual({ text: "pixel art", caret: 9 });
    expect(insertAt("a cat, ", "pixel art", 7)).toEqual({ text: "a cat, pixel art", caret: 16 });
    expect(insertAt("a dog", "big", 2)).toEqual({ text: "a big, dog", caret: 5 });
    expect(insertAt("a cat", "dog", 2, 5)).toEqual({ text: "a dog", caret: 5 });
    expect(insertAt("a cat", "<style>", 1)).toEqual({ text: "a, <style>, cat", caret: 10 });
    expect(insertAt("a cat ", "x", 5)).toEqual({ text: "a cat, x ", caret: 8 });
  });
});
