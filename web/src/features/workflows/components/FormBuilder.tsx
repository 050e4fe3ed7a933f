/**
 * The form builder's chrome around the linear view: buttons that add headings, text, dividers, rows and
 * columns, and a frame around each element with a handle to drag it to another place (before the element
 * it is dropped on, or at the end of a container), its settings and a delete button. Node fields come from
 * the graph, through the + beside each input.
 */
import { ActionIcon, Box, Button, Group, Popover, Text } from "@mantine/core";
import { IconGripVertical, IconSettings, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { FormNode } from "../lib/form";
import { addElement, moveElement, type NewElement, parentOf, removeElement } from "../lib/formEdit";
import type { NodeSchema } from "../lib/nodeSchema";
import { useEditorStore } from "../store/editorStore";
import { ElementSettings } from "./ElementSettings";

const DRAG_TYPE = "application/x-impasto-form-element";

const ADDABLE: { key: string; label: string; element: NewElement }[] = [
  { key: "heading", label: "Heading", element: { type: "heading", text: "Heading" } },
  { key: "text", label: "Text", element: { type: "text", text: "Text" } },
  { key: "divider", label: "Divider", element: { type: "divider" } },
  { key: "row", label: "Row", element: { type: "container", layout: "row" } },
  { key: "column", label: "Column", element: { type: "container", layout: "column" } },
];

export function AddElementBar() {
  const changeForm = useEditorStore((state) => state.changeForm);
  return (
    <Group gap={4}>
      <Text size="xs" c="dimmed">
        Add
      </Text>
      {ADDABLE.map(({ key, label, element }) => (
        <Button
          key={key}
          size="compact-xs"
          variant="default"
          onClick={() => changeForm((form) => addElement(form, element).form, `add:${key}`)}
          data-testid={`form-add-${key}`}
        >
          {label}
        </Button>
      ))}
    </Group>
  );
}

/** Moves the dragged element (named in the drag's data) into `parentId` at `index`. */
function dropInto(event: React.DragEvent, parentId: string, index: number): void {
  const moved = event.dataTransfer.getData(DRAG_TYPE);
  if (!moved) return;
  event.preventDefault();
  event.stopPropagation();
  useEditorStore.getState().changeForm((form) => moveElement(form, moved, parentId, index), "move");
}

const acceptDrag = (event: React.DragEvent) => {
  if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
  event.preventDefault();
  event.stopPropagation();
};

/** The place at the end of a container where a dragged element lands as its last child. */
export function DropZone({ parentId, count }: { parentId: string; count: number }) {
  return (
    <Box
      p={4}
      onDragOver={acceptDrag}
      onDrop={(event) => dropInto(event, parentId, count)}
      style={{ border: "1px dashed var(--mantine-color-dark-3)", borderRadius: 4, minWidth: 60 }}
      data-testid={`form-drop-${parentId}`}
    >
      <Text size="xs" c="dimmed" ta="center">
        Drop here
      </Text>
    </Box>
  );
}

interface ElementFrameProps {
  item: FormNode;
  schemas: Map<string, NodeSchema>;
  children: ReactNode;
}

export function ElementFrame({ item, schemas, children }: ElementFrameProps) {
  const changeForm = useEditorStore((state) => state.changeForm);
  const onDrop = (event: React.DragEvent) => {
    const form = useEditorStore.getState().base.form;
    const parent = form ? parentOf(form, item.id) : null;
    if (parent) dropInto(event, parent.id, (parent.children ?? []).indexOf(item.id));
  };
  return (
    <Box
      draggable
      onDragStart={(event) => {
        event.stopPropagation();
        event.dataTransfer.setData(DRAG_TYPE, item.id);
        event.dataTransfer.effectAllowed = "move";
      }}
      onDragOver={acceptDrag}
      onDrop={onDrop}
      p={6}
      style={{ border: "1px solid var(--mantine-color-dark-4)", borderRadius: 6, flex: 1 }}
      data-testid={`form-frame-${item.id}`}
    >
      <Group gap={4} justify="space-between" mb={4} wrap="nowrap">
        <Group gap={4} wrap="nowrap">
          <IconGripVertical size={14} style={{ cursor: "grab" }} data-testid={`form-grip-${item.id}`} />
          <Text size="xs" c="dimmed">
            {item.kind === "container" ? item.layout : item.kind}
          </Text>
        </Group>
        <Group gap={2} wrap="nowrap">
          {item.kind !== "divider" && (
            <Popover width={280} position="bottom-end" withinPortal shadow="md">
              <Popover.Target>
                <ActionIcon size="xs" variant="subtle" aria-label="Settings" data-testid={`form-settings-${item.id}`}>
                  <IconSettings size={14} />
                </ActionIcon>
              </Popover.Target>
              <Popover.Dropdown>
                <ElementSettings item={item} schemas={schemas} />
              </Popover.Dropdown>
            </Popover>
          )}
          <ActionIcon
            size="xs"
            variant="subtle"
            color="red"
            aria-label="Delete"
            onClick={() => changeForm((form) => removeElement(form, item.id), `delete:${item.id}`)}
            data-testid={`form-delete-${item.id}`}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      </Group>
      {children}
    </Box>
  );
}
