/**
 * The workflow's form (the linear view): a tree of containers, headings, text, dividers and node fields
 * under a root container. Read here into a tree safe to draw (unknown ids and loops dropped), and changed
 * when the user adds a node's field from the graph.
 */
import type { WorkflowDocument } from "./document";
import type { FieldSchema, Widget } from "./nodeSchema";

export type WorkflowForm = NonNullable<WorkflowDocument["form"]>;
type Element = WorkflowForm["elements"][string];
export type FieldElement = Extract<Element, { type: "field" }>;

export type FormNode =
  | { kind: "container"; id: string; layout: "row" | "column"; children: FormNode[] }
  | { kind: "heading"; id: string; text: string }
  | { kind: "text"; id: string; text: string }
  | { kind: "divider"; id: string }
  | { kind: "field"; id: string; element: FieldElement };

const ROOT_ID = "root";

/** The form as a tree from its root; null when the workflow has none or its root is not a container. */
export function formTree(form: WorkflowDocument["form"]): FormNode | null {
  if (!form) return null;
  const seen = new Set<string>();
  const read = (id: string): FormNode | null => {
    const element = form.elements[id];
    if (!element || seen.has(id)) return null;
    seen.add(id);
    switch (element.type) {
      case "container": {
        const children = (element.children ?? []).map(read).filter((child): child is FormNode => child !== null);
        return { kind: "container", id, layout: element.layout ?? "column", children };
      }
      case "heading":
        return { kind: "heading", id, text: element.text };
      case "text":
        return { kind: "text", id, text: element.text };
      case "divider":
        return { kind: "divider", id };
      case "field":
        return { kind: "field", id, element };
    }
  };
  const root = read(form.root_id);
  return root?.kind === "container" ? root : null;
}

/** Whether the form shows a node's field. */
export function formHasField(form: WorkflowDocument["form"], nodeId: string, field: string): boolean {
  return Object.values(form?.elements ?? {}).some(
    (element) => element.type === "field" && element.node_id === nodeId && element.field === field,
  );
}

/** The form with a node's field added at the end of its root (a new form when there is none). */
export function withFormField(form: WorkflowDocument["form"], nodeId: string, field: string): WorkflowForm {
  const base: WorkflowForm = form ?? {
    root_id: ROOT_ID,
    elements: { [ROOT_ID]: { id: ROOT_ID, type: "container", layout: "column", children: [] } },
  };
  if (formHasField(base, nodeId, field)) return base;
  let id = `${nodeId}.${field}`;
  for (let n = 2; id in base.elements; n += 1) id = `${nodeId}.${field}_${n}`;
  const root = base.elements[base.root_id];
  if (root?.type !== "container") throw new Error(`the form's root '${base.root_id}' is not a container`);
  const element: FieldElement = {
    id,
    type: "field",
    node_id: nodeId,
    field,
    label: "",
    description: "",
    show_description: true,
    component: "default",
  };
  return {
    ...base,
    elements: {
      ...base.elements,
      [id]: element,
      [root.id]: { ...root, children: [...(root.children ?? []), id] },
    },
  };
}

/** The range a slider covers for a number input: the slider hints, else the bounds; null without both. */
export function sliderRange(field: FieldSchema, widget: Widget): { min: number; max: number; step: number } | null {
  if (widget.kind !== "number") return null;
  const min = field.ui.slider_min ?? widget.min;
  const max = field.ui.slider_max ?? widget.max;
  if (min === undefined || max === undefined || max <= min) return null;
  return { min, max, step: widget.step ?? (widget.integer ? 1 : (max - min) / 100) };
}

/** How the form may draw an input: also as a slider for a bounded number, as a text area for text. */
export function componentsFor(field: FieldSchema, widget: Widget): FieldElement["component"][] {
  if (sliderRange(field, widget)) return ["default", "slider"];
  if (widget.kind === "text") return ["default", "textarea"];
  return ["default"];
}
