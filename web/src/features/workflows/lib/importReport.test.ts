import { describe, expect, it } from "vitest";
import { describeProblem, importSummary, isImageFile } from "./importReport";

describe("importSummary", () => {
  it("is green when nothing was left out", () => {
    const summary = importSummary("Tiny", { source: "invokeai", schema_version: "4.0.0", problems: [] });
    expect(summary).toEqual({ color: "green", title: "Workflow imported", message: "Imported “Tiny” from InvokeAI." });
  });

  it("lists the first problems and counts the rest", () => {
    const problems = Array.from({ length: 6 }, (_, index) => ({
      part: "node" as const,
      reason: `no Impasto node for 'n${index}'`,
      node_id: `n${index}`,
    }));
    const summary = importSummary("Big", { source: "invokeai", schema_version: "3.0.0", problems });
    expect(summary.color).toBe("yellow");
    expect(summary.title).toBe("Imported “Big” from InvokeAI; 6 things were left out");
    expect(summary.message.split("\n")).toEqual([
      "n0: no Impasto node for 'n0'",
      "n1: no Impasto node for 'n1'",
      "n2: no Impasto node for 'n2'",
      "n3: no Impasto node for 'n3'",
      "…and 2 more.",
    ]);
  });
});

describe("describeProblem", () => {
  it("names an edge, a field or a form element", () => {
    expect(describeProblem({ part: "edge", reason: "gone", edge: "a.x -> b.y", node_id: "a" })).toBe(
      "a.x -> b.y: gone",
    );
    expect(describeProblem({ part: "field", reason: "lost", node_id: "n", field: "f" })).toBe("n.f: lost");
    expect(describeProblem({ part: "form", reason: "odd", element_id: "e1" })).toBe("e1: odd");
    expect(describeProblem({ part: "workflow", reason: "no contact" })).toBe("no contact");
  });
});

describe("isImageFile", () => {
  it("tells images from JSON files", () => {
    expect(isImageFile({ name: "made.png", type: "image/png" })).toBe(true);
    expect(isImageFile({ name: "made.PNG", type: "" })).toBe(true);
    expect(isImageFile({ name: "flow.json", type: "application/json" })).toBe(false);
  });
});
