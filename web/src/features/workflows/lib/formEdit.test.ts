import { describe, expect, it } from "vitest";
import { withFormField } from "./form";
import { addElement, emptyForm, moveElement, parentOf, removeElement, updateElement } from "./formEdit";

const children = (form: ReturnType<typeof emptyForm>, id: string) => {
  const element = form.elements[id];
  return element?.type === "container" ? element.children : undefined;
};

/** root: [heading-1, container-1: [denoise.steps], noise.width] */
function built() {
  let form = withFormField(undefined, "denoise", "steps");
  form = withFormField(form, "noise", "width");
  const heading = addElement(form, { type: "heading", text: "Size" });
  const row = addElement(heading.form, { type: "container", layout: "row" });
  form = moveElement(row.form, heading.id, "root", 0);
  form = moveElement(form, row.id, "root", 1);
  return moveElement(form, "denoise.steps", row.id, 0);
}

describe("the form builder's changes", () => {
  it("adds elements at the end of the root, or of a container, making a form when there is none", () => {
    const { form, id } = addElement(null, { type: "heading", text: "Prompt" });
    expect(id).toBe("heading-1");
    expect(children(form, "root")).toEqual(["heading-1"]);
    const inside = addElement(
      addElement(form, { type: "container", layout: "row" }).form,
      { type: "divider" },
      "container-1",
    );
    expect(children(inside.form, "container-1")).toEqual(["divider-1"]);
    expect(inside.form.elements["divider-1"]).toEqual({ id: "divider-1", type: "divider" });
  });

  it("moves elements within a container and into another", () => {
    const form = built();
    expect(children(form, "root")).toEqual(["heading-1", "container-1", "noise.width"]);
    expect(children(form, "container-1")).toEqual(["denoise.steps"]);
    const later = moveElement(form, "heading-1", "root", 3);
    expect(children(later, "root")).toEqual(["container-1", "noise.width", "heading-1"]);
    expect(parentOf(moveElement(form, "noise.width", "container-1", 0), "noise.width")?.id).toBe("container-1");
  });

  it("never moves a container into itself or the root anywhere", () => {
    const form = built();
    const nested = addElement(form, { type: "container", layout: "column" }, "container-1");
    expect(moveElement(nested.form, "container-1", nested.id, 0)).toBe(nested.form);
    expect(moveElement(form, "root", "container-1", 0)).toBe(form);
  });

  it("deletes an element, and a container with what it holds", () => {
    const form = removeElement(built(), "container-1");
    expect(Object.keys(form.elements).sort()).toEqual(["heading-1", "noise.width", "root"]);
    expect(children(form, "root")).toEqual(["heading-1", "noise.width"]);
    expect(() => removeElement(form, "root")).toThrow("root");
  });

  it("changes an element's settings", () => {
    const form = updateElement(built(), "denoise.steps", {
      label: "Steps",
      component: "slider",
      description: "More is finer",
    });
    expect(form.elements["denoise.steps"]).toMatchObject({
      label: "Steps",
      component: "slider",
      description: "More is finer",
    });
    expect(updateElement(form, "container-1", { layout: "column" }).elements["container-1"]).toMatchObject({
      layout: "column",
    });
  });
});
