/**
 * Changes the form builder makes to a workflow's form: adding headings, text, dividers and row or column
 * containers, editing an element's settings, deleting it (a container with what it holds) and moving it
 * to another place, in the same container or another. Each returns a new form; the form is a tree, so a
 * container is never moved into itself.
 */
import type { FieldElement, WorkflowForm } from "./form";

type Element = WorkflowForm["elements"][string];
type Container = Extract<Element, { type: "container" }>;
export type NewElement =
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "divider" }
  | { type: "container"; layout: "row" | "column" };
/** The settings of an element the builder edits (not its id, kind or children). */
export type ElementPatch =
  | { text: string }
  | { layout: "row" | "column" }
  | Partial<Pick<FieldElement, "label" | "description" | "show_description" | "component">>;

export const ROOT_ID = "root";

/** An empty form: a root column. */
export function emptyForm(): WorkflowForm {
  return {
    root_id: ROOT_ID,
    elements: { [ROOT_ID]: { id: ROOT_ID, type: "container", layout: "column", children: [] } },
  };
}

/** An id for a new element of kind `type`, not yet used in the form. */
export function newElementId(form: WorkflowForm, type: string): string {
  let n = 1;
  while (`${type}-${n}` in form.elements) n += 1;
  return `${type}-${n}`;
}

function container(form: WorkflowForm, id: string): Container {
  const element = form.elements[id];
  if (element?.type !== "container") throw new Error(`the form has no container '${id}'`);
  return element;
}

/** The container that holds `id`, or null for the root and unknown ids. */
export function parentOf(form: WorkflowForm, id: string): Container | null {
  for (const element of Object.values(form.elements)) {
    if (element.type === "container" && (element.children ?? []).includes(id)) return element;
  }
  return null;
}

/** `id` and every element under it. */
function subtree(form: WorkflowForm, id: string): string[] {
  const element = form.elements[id];
  const children = element?.type === "container" ? (element.children ?? []) : [];
  return [id, ...children.flatMap((child) => subtree(form, child))];
}

const withChildren = (element: Container, children: string[]): Container => ({ ...element, children });

/** The form with a new element at the end of `parentId` (the root by default); returns the new id too. */
export function addElement(
  base: WorkflowForm | null | undefined,
  element: NewElement,
  parentId?: string,
): { form: WorkflowForm; id: string } {
  const form = base ?? emptyForm();
  const parent = container(form, parentId ?? form.root_id);
  const id = newElementId(form, element.type);
  const added = { ...element, id } as Element;
  const elements = {
    ...form.elements,
    [id]: added,
    [parent.id]: withChildren(parent, [...(parent.children ?? []), id]),
  };
  return { form: { ...form, elements }, id };
}

/** The form with an element's settings changed. */
export function updateElement(form: WorkflowForm, id: string, patch: ElementPatch): WorkflowForm {
  const element = form.elements[id];
  if (!element) throw new Error(`the form has no element '${id}'`);
  return { ...form, elements: { ...form.elements, [id]: { ...element, ...patch } as Element } };
}

/** The form without an element and, for a container, what it holds. The root stays. */
export function removeElement(form: WorkflowForm, id: string): WorkflowForm {
  if (id === form.root_id) throw new Error("the form's root cannot be deleted");
  const gone = new Set(subtree(form, id));
  const elements: WorkflowForm["elements"] = {};
  for (const [key, element] of Object.entries(form.elements)) {
    if (gone.has(key)) continue;
    elements[key] =
      element.type === "container"
        ? withChildren(
            element,
            (element.children ?? []).filter((c) => !gone.has(c)),
          )
        : element;
  }
  return { ...form, elements };
}

/**
 * The form with `id` moved into the container `parentId` at `index` (counted among the children as they
 * are before the move); unchanged when the move would put a container inside itself.
 */
export function moveElement(form: WorkflowForm, id: string, parentId: string, index: number): WorkflowForm {
  if (id === form.root_id || subtree(form, id).includes(parentId)) return form;
  const from = parentOf(form, id);
  const target = container(form, parentId);
  if (!from) throw new Error(`no container holds the element '${id}'`);
  const children = [...(target.children ?? [])];
  const old = children.indexOf(id);
  const at = old >= 0 && old < index ? index - 1 : index;
  const kept = children.filter((child) => child !== id);
  kept.splice(Math.max(0, Math.min(at, kept.length)), 0, id);
  const elements = { ...form.elements };
  if (from.id !== target.id)
    elements[from.id] = withChildren(
      from,
      (from.children ?? []).filter((c) => c !== id),
    );
  elements[target.id] = withChildren(target, kept);
  return { ...form, elements };
}
