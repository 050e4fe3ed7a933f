/**
 * The settings of one form element in the form builder: a heading's or a text's words, a container's
 * direction, and a field's label, description and how it is drawn (a slider or a text area where the input
 * allows). Every change is saved in the workflow's form at once.
 */
import { Checkbox, SegmentedControl, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { isGraphNode } from "../lib/document";
import { componentsFor, type FieldElement, type FormNode } from "../lib/form";
import { type ElementPatch, updateElement } from "../lib/formEdit";
import { type NodeSchema, widgetFor } from "../lib/nodeSchema";
import { useEditorStore } from "../store/editorStore";

const COMPONENT_LABELS: Record<FieldElement["component"], string> = {
  default: "As the node draws it",
  slider: "Slider",
  textarea: "Text area",
  dropdown: "Dropdown",
};

function usePatch(id: string) {
  const changeForm = useEditorStore((state) => state.changeForm);
  return (patch: ElementPatch) =>
    changeForm((form) => updateElement(form, id, patch), `${id}.${Object.keys(patch).join()}`);
}

function FieldSettings({ element, schemas }: { element: FieldElement; schemas: Map<string, NodeSchema> }) {
  const patch = usePatch(element.id);
  const node = useEditorStore((state) => state.nodes.find((item) => item.id === element.node_id));
  const type = node && isGraphNode(node) ? node.data.type : "";
  const field = schemas.get(type)?.inputs.find((input) => input.name === element.field);
  const components = field ? componentsFor(field, widgetFor(field)) : ["default" as const];
  return (
    <Stack gap="xs">
      <TextInput
        size="xs"
        label="Label"
        placeholder={element.field}
        value={element.label}
        onChange={(event) => patch({ label: event.currentTarget.value })}
        data-testid={`form-label-${element.id}`}
      />
      <Textarea
        size="xs"
        label="Description"
        placeholder={field?.description}
        value={element.description ?? ""}
        onChange={(event) => patch({ description: event.currentTarget.value })}
        autosize
        minRows={2}
        data-testid={`form-description-${element.id}`}
      />
      <Checkbox
        size="xs"
        label="Show the description"
        checked={element.show_description}
        onChange={(event) => patch({ show_description: event.currentTarget.checked })}
      />
      <Select
        size="xs"
        label="Drawn as"
        data={components.map((value) => ({ value, label: COMPONENT_LABELS[value] }))}
        value={components.includes(element.component) ? element.component : "default"}
        onChange={(value) => value && patch({ component: value as FieldElement["component"] })}
        allowDeselect={false}
        comboboxProps={{ withinPortal: false }}
        data-testid={`form-component-${element.id}`}
      />
    </Stack>
  );
}

export function ElementSettings({ item, schemas }: { item: FormNode; schemas: Map<string, NodeSchema> }) {
  const patch = usePatch(item.id);
  switch (item.kind) {
    case "heading":
    case "text": {
      const Input = item.kind === "heading" ? TextInput : Textarea;
      return (
        <Input
          size="xs"
          label={item.kind === "heading" ? "Heading" : "Text"}
          value={item.text}
          onChange={(event) => patch({ text: event.currentTarget.value })}
          data-testid={`form-text-${item.id}`}
        />
      );
    }
    case "container":
      return (
        <SegmentedControl
          size="xs"
          value={item.layout}
          onChange={(value) => patch({ layout: value === "row" ? "row" : "column" })}
          data={[
            { value: "row", label: "Row" },
            { value: "column", label: "Column" },
          ]}
          data-testid={`form-layout-${item.id}`}
        />
      );
    case "field":
      return <FieldSettings element={item.element} schemas={schemas} />;
    case "divider":
      return null;
  }
}
