import { describe, expect, it } from "vitest";
import { droppedKind, firstDropped, importOutcome, parseWorkflowText, workflowInChunks } from "./workflowDrop";

const file = (name: string, type: string) => ({ name, type }) as File;

describe("dropped workflows", () => {
  it("tells workflow files from images and from anything else", () => {
    expect(droppedKind(file("flow.JSON", ""))).toBe("workflow");
    expect(droppedKind(file("x", "application/json"))).toBe("workflow");
    expect(droppedKind(file("a.png", "image/png"))).toBe("image");
    expect(droppedKind(file("a.gif", "image/gif"))).toBeNull();
  });

  it("takes a workflow file before an image of the same drop", () => {
    expect(firstDropped([file("a.png", "image/png"), file("w.json", "")])?.name).toBe("w.json");
    expect(firstDropped([file("a.txt", "text/plain")])).toBeNull();
  });

  it("refuses text that is not one JSON object, saying why", () => {
    expect(parseWorkflowText('{"name": "x"}')).toEqual({ name: "x" });
    expect(() => parseWorkflowText("[1]")).toThrow("one JSON object");
    expect(() => parseWorkflowText("{nope")).toThrow(/^not JSON/);
  });

  it("finds the workflow an image carries", () => {
    expect(workflowInChunks({ impasto_workflow: '{"name": "w"}' })).toEqual({ name: "w" });
    expect(workflowInChunks({ parameters: "a cat" })).toBeNull();
  });

  it("reads the stored record, or a record with a report of what the import changed", () => {
    expect(importOutcome({ id: "abc", name: "Mine" })).toEqual({ id: "abc", name: "Mine", notes: [] });
    const answer = {
      workflow: { id: "x1", name: "Converted" },
      report: { warnings: ["dropped node foo", { message: "m" }] },
    };
    expect(importOutcome(answer)).toEqual({ id: "x1", name: "Converted", notes: ["dropped node foo", "m"] });
    expect(() => importOutcome({ detail: "?" })).toThrow("names no workflow");
  });
});
