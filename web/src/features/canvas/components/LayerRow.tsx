/**
 * One layer's row in the panel: select, show/hide, lock, rename, its menu and delete. The grip drags the
 * row (HTML5 drag and drop) onto another row, landing above or below it as the pointer's half shows.
 */
import { ActionIcon, Box, Group, TextInput } from "@mantine/core";
import { IconEye, IconEyeOff, IconGripVertical, IconLock, IconLockOpen, IconTrash } from "@tabler/icons-react";
import { type RefObject, useState } from "react";
import type { CanvasEngine } from "../engine/engine";
import { type CanvasLayer, removeLayer, updateLayer } from "../lib/document";
import { dropLayer } from "../lib/layerOps";
import { useCanvasStore } from "../store/canvasStore";
import { change } from "../store/edits";
import { LayerMenu } from "./LayerMenu";

/** Layer drags carry the layer's id under this type, so the stage's image drop ignores them. */
const LAYER_MIME = "application/x-impasto-layer";

/** The colour a mask-like layer paints in, beside its name. */
function Swatch({ layer }: { layer: CanvasLayer }) {
  if (layer.kind !== "inpaint_mask" && layer.kind !== "regional_guidance") return null;
  return <Box w={10} h={10} style={{ borderRadius: 2, background: layer.color, flex: "none" }} />;
}

function IconButton(props: { label: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <ActionIcon
      size="sm"
      variant="subtle"
      aria-label={props.label}
      onClick={props.onClick}
      data-testid={`layer-${props.label.toLowerCase().replace(/ /g, "-")}`}
    >
      {props.children}
    </ActionIcon>
  );
}

/** Where a dragged layer would land on this row: above it, below it, or not here. */
type DropSide = "above" | "below" | null;

function useLayerDrop(layerId: string) {
  const [side, setSide] = useState<DropSide>(null);
  const sideOf = (event: React.DragEvent<HTMLElement>): DropSide => {
    const bounds = event.currentTarget.getBoundingClientRect();
    return event.clientY < bounds.top + bounds.height / 2 ? "above" : "below";
  };
  return {
    side,
    onDragOver: (event: React.DragEvent<HTMLElement>) => {
      if (!event.dataTransfer.types.includes(LAYER_MIME)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      setSide(sideOf(event));
    },
    onDragLeave: (event: React.DragEvent<HTMLElement>) => {
      // Entering one of the row's own buttons is no leaving.
      if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setSide(null);
    },
    onDrop: (event: React.DragEvent<HTMLElement>) => {
      const dragged = event.dataTransfer.getData(LAYER_MIME);
      setSide(null);
      if (!dragged) return;
      event.preventDefault();
      change((doc) => dropLayer(doc, dragged, layerId, sideOf(event) === "above"));
    },
  };
}

function Grip({ layerId }: { layerId: string }) {
  const start = (event: React.DragEvent<HTMLElement>) => {
    event.dataTransfer.setData(LAYER_MIME, layerId);
    event.dataTransfer.effectAllowed = "move";
    const row = event.currentTarget.closest("[data-testid=canvas-layer]");
    if (row) event.dataTransfer.setDragImage(row, 8, 8);
  };
  return (
    <Box
      draggable
      onDragStart={start}
      aria-label="Drag to reorder"
      data-testid="layer-grip"
      style={{ cursor: "grab", display: "flex", color: "var(--mantine-color-dimmed)" }}
    >
      <IconGripVertical size={14} />
    </Box>
  );
}

export function LayerRow(props: { layer: CanvasLayer; selected: boolean; engine: RefObject<CanvasEngine | null> }) {
  const { layer, selected } = props;
  const select = useCanvasStore((state) => state.select);
  const drop = useLayerDrop(layer.id);
  const line = "2px solid var(--mantine-color-blue-5)";
  return (
    <Group
      gap={2}
      wrap="nowrap"
      p={4}
      onClick={() => select(layer.id)}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
      data-testid="canvas-layer"
      data-layer-id={layer.id}
      data-kind={layer.kind}
      data-selected={selected}
      style={{
        borderRadius: 4,
        cursor: "pointer",
        background: selected ? "var(--mantine-color-dark-5)" : undefined,
        borderTop: drop.side === "above" ? line : "2px solid transparent",
        borderBottom: drop.side === "below" ? line : "2px solid transparent",
      }}
    >
      <Grip layerId={layer.id} />
      <IconButton
        label={layer.visible ? "Hide" : "Show"}
        onClick={() => change((d) => updateLayer(d, layer.id, { visible: !layer.visible }))}
      >
        {layer.visible ? <IconEye size={14} /> : <IconEyeOff size={14} />}
      </IconButton>
      <IconButton
        label={layer.locked ? "Unlock" : "Lock"}
        onClick={() => change((d) => updateLayer(d, layer.id, { locked: !layer.locked }))}
      >
        {layer.locked ? <IconLock size={14} /> : <IconLockOpen size={14} />}
      </IconButton>
      <Swatch layer={layer} />
      <TextInput
        size="xs"
        variant="unstyled"
        style={{ flex: 1 }}
        defaultValue={layer.name}
        key={layer.name}
        aria-label="Layer name"
        onBlur={(event) =>
          event.currentTarget.value.trim() &&
          event.currentTarget.value !== layer.name &&
          change((d) => updateLayer(d, layer.id, { name: event.currentTarget.value.trim() }))
        }
      />
      <LayerMenu layer={layer} engine={props.engine} />
      <IconButton label="Delete" onClick={() => change((d) => removeLayer(d, layer.id))}>
        <IconTrash size={14} />
      </IconButton>
    </Group>
  );
}
