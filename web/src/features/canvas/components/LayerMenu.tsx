/**
 * A layer's menu in the panel: reorder (for the keyboard, beside dragging the row), duplicate, merge down,
 * transform, fit to the box and delete. Every item is one undo step.
 */
import { ActionIcon, Menu } from "@mantine/core";
// Icons the studio's first load does not hold already, so that its bundle exports nothing more to this chunk.
import {
  IconArrowBarToDown,
  IconArrowBarToUp,
  IconArrowDown,
  IconArrowUp,
  IconArrowAutofitContent,
  IconCopyPlus,
  IconDotsVertical,
  IconStackPop,
  IconTransform,
  IconTrash,
} from "@tabler/icons-react";
import type { RefObject } from "react";
import type { CanvasEngine } from "../engine/engine";
import { duplicateLayer, fitLayerToBox, mergeDown } from "../engine/layerCommands";
import { currentBox } from "../hooks/useCanvasBox";
import { type CanvasLayer, removeLayer } from "../lib/document";
import { type LayerMove, moveLayer } from "../lib/layerOps";
import { change } from "../store/edits";

const MOVES: { move: LayerMove; label: string; icon: React.ReactNode }[] = [
  { move: "top", label: "Move to top", icon: <IconArrowBarToUp size={14} /> },
  { move: "up", label: "Move up", icon: <IconArrowUp size={14} /> },
  { move: "down", label: "Move down", icon: <IconArrowDown size={14} /> },
  { move: "bottom", label: "Move to bottom", icon: <IconArrowBarToDown size={14} /> },
];

export function LayerMenu({ layer, engine }: { layer: CanvasLayer; engine: RefObject<CanvasEngine | null> }) {
  const item = (label: string, testId: string, onClick: () => void, icon: React.ReactNode) => (
    <Menu.Item leftSection={icon} onClick={onClick} data-testid={`layer-menu-${testId}`}>
      {label}
    </Menu.Item>
  );
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          size="sm"
          variant="subtle"
          aria-label={`${layer.name} menu`}
          data-testid="layer-menu"
          onClick={(event) => event.stopPropagation()}
        >
          <IconDotsVertical size={14} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown onClick={(event) => event.stopPropagation()}>
        {MOVES.map(({ move, label, icon }) =>
          item(label, `move-${move}`, () => change((doc) => moveLayer(doc, layer.id, move)), icon),
        )}
        <Menu.Divider />
        {item("Duplicate", "duplicate", () => duplicateLayer(layer.id), <IconCopyPlus size={14} />)}
        {item("Merge down", "merge-down", () => mergeDown(layer.id), <IconStackPop size={14} />)}
        <Menu.Item
          leftSection={<IconTransform size={14} />}
          rightSection="⇧T"
          onClick={() => engine.current?.transform.start(layer.id)}
          data-testid="layer-menu-transform"
        >
          Transform
        </Menu.Item>
        {item("Fit to box", "fit", () => fitLayerToBox(layer.id, currentBox()), <IconArrowAutofitContent size={14} />)}
        <Menu.Divider />
        {item("Delete", "delete", () => change((doc) => removeLayer(doc, layer.id)), <IconTrash size={14} />)}
      </Menu.Dropdown>
    </Menu>
  );
}
