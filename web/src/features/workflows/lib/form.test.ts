import { describe, expect, it } from "vitest";
import { componentsFor, formHasField, formTree, sliderRange, withFormField, type WorkflowForm } from "./form";
import { widgetFor } from "./nodeSchema";
import { SCHEMAS } from "./testSchemas";

const FORM: WorkflowForm = {
  root_id: "root",
  elements: {
    root: { id: "root", type: "container", layout: "column", children: ["title", "row", "missing", "root"] },
    title: { id: "title", type: "heading", text: "Make a shape" },
    row: { id: "row", type: "container", layout: "row", children: ["p", "line", "help"] },
    p: {
      id: "p",
      type: "field",
      node_id: "prompt",
      field: "value",
      label: "Prompt",
      description: "",
      show_description: true,
      component: "textarea",
    },
    line: { id: "line", type: "divider" },
    help: { id: "help", type: "text", text: "Describe it" },
  },
};

describe("workflow form", () => {
  it("reads the tree from the root, dropping unknown ids and loops", () => {
    const tree = formTree(FORM);
    expect(tree?.kind).toBe("container");
    if (tree?.kind !== "container") return;
    expect(tree.children.map((child) => child.kind)).toEqual(["heading", "container"]);
    const row = tree.children[1];
    expect(row?.kind === "container" && row.layout).toBe("row");
    expect(row?.kind === "container" && row.children.map((child) => child.kind)).toEqual(["field", "divider", "text"]);
    expect(formTree(null)).toBeNull();
    expect(formTree({ root_id: "title", elements: FORM.elements })).toBeNull();
  });

  it("adds a node's field at the end of the root once, creating a form when there is none", () => {
    const added = withFormField(FORM, "seed", "value");
    expect(formHasField(added, "seed", "value")).toBe(true);
    expect(added.elements.root).toMatchObject({ children: ["title", "row", "missing", "root", "seed.value"] });
    expect(withFormField(added, "seed", "value")).toBe(added);
    expect(formHasField(FORM, "seed", "value")).toBe(false);
    const fresh = withFormField(undefined, "seed", "value");
    expect(formTree(fresh)).toMatchObject({ kind: "container", children: [{ kind: "field", id: "seed.value" }] });
  });
});

describe("how the form may draw an input", () => {
  const input = (type: string, name: string) => {
    const field = SCHEMAS.get(type)?.inputs.find((candidate) => candidate.name === name);
    if (!field) throw new Error(`${type}.${name}`);
    return { field, widget: widgetFor(field) };
  };

  it("offers a slider for a number with both bounds, over them", () => {
    const { field, widget } = input("denoise_latents", "steps");
    expect(componentsFor(field, widget)).toEqual(["default", "slider"]);
    expect(sliderRange(field, widget)).toEqual({ min: 1, max: 200, step: 1 });
    expect(sliderRange({ ...field, ui: { slider_min: 5, slider_max: 50 } }, widget)).toEqual({
      min: 5,
      max: 50,
      step: 1,
    });
  });

  it("offers no slider for an unbounded number, and a text area for text", () => {
    const cfg = input("denoise_latents", "cfg_scale");
    expect(sliderRange(cfg.field, cfg.widget)).toBeNull();
    expect(componentsFor(cfg.field, cfg.widget)).toEqual(["default"]);
    const text = input("string", "value");
    expect(componentsFor(text.field, text.widget)).toEqual(["default", "textarea"]);
  });
});
