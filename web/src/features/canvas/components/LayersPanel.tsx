/** The layers, top first: add, select, rename, show/hide, lock, reorder, delete; the selected one's settings. */
import { ActionIcon, Button, Group, ScrollArea, Stack, Text, TextInput } from "@mantine/core";
import {
  IconArrowDown,
  IconArrowUp,
  IconEye,
  IconEyeOff,
  IconLock,
  IconLockOpen,
  IconTrash,
} from "@tabler/icons-react";
import {
  addLayer,
  type CanvasDocument,
  type CanvasLayer,
  findLayer,
  newMaskLayer,
  newRasterLayer,
  nextLayerName,
  removeLayer,
  shiftLayer,
  updateLayer,
} from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";
import { LayerSettings } from "./LayerSettings";

function change(edit: (doc: CanvasDocument) => CanvasDocument): void {
  const store = useCanvasStore.getState();
  store.change(edit(store.doc));
}

function LayerRow({ layer, selected }: { layer: CanvasLayer; selected: boolean }) {
  const select = useCanvasStore((state) => state.select);
  const icon = (label: string, onClick: () => void, node: React.ReactNode) => (
    <ActionIcon
      size="sm"
      variant="subtle"
      aria-label={label}
      onClick={onClick}
      data-testid={`layer-${label.toLowerCase().replace(/ /g, "-")}`}
    >
      {node}
    </ActionIcon>
  );
  return (
    <Group
      gap={2}
      wrap="nowrap"
      p={4}
      onClick={() => select(layer.id)}
      data-testid="canvas-layer"
      data-layer-id={layer.id}
      data-kind={layer.kind}
      data-selected={selected}
      style={{ borderRadius: 4, cursor: "pointer", background: selected ? "var(--mantine-color-dark-5)" : undefined }}
    >
      {icon(
        layer.visible ? "Hide" : "Show",
        () => change((d) => updateLayer(d, layer.id, { visible: !layer.visible })),
        layer.visible ? <IconEye size={14} /> : <IconEyeOff size={14} />,
      )}
      {icon(
        layer.locked ? "Unlock" : "Lock",
        () => change((d) => updateLayer(d, layer.id, { locked: !layer.locked })),
        layer.locked ? <IconLock size={14} /> : <IconLockOpen size={14} />,
      )}
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
      {icon("Move up", () => change((d) => shiftLayer(d, layer.id, 1)), <IconArrowUp size={14} />)}
      {icon("Move down", () => change((d) => shiftLayer(d, layer.id, -1)), <IconArrowDown size={14} />)}
      {icon("Delete", () => change((d) => removeLayer(d, layer.id)), <IconTrash size={14} />)}
    </Group>
  );
}

export function LayersPanel() {
  const doc = useCanvasStore((state) => state.doc);
  const selected = findLayer(doc, doc.selectedLayerId);
  return (
    <Stack gap={0} w={250} style={{ borderLeft: "1px solid var(--mantine-color-dark-4)" }} data-testid="canvas-layers">
      <Group gap={4} p="xs" grow>
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => change((d) => addLayer(d, newRasterLayer(nextLayerName(d, "raster"))))}
          data-testid="add-raster-layer"
        >
          + Raster
        </Button>
        <Button
          size="compact-xs"
          variant="light"
          color="red"
          onClick={() => change((d) => addLayer(d, newMaskLayer(nextLayerName(d, "inpaint_mask"))))}
          data-testid="add-mask-layer"
        >
          + Inpaint mask
        </Button>
      </Group>
      <ScrollArea style={{ flex: 1 }}>
        <Stack gap={2} px="xs">
          {doc.layers.length === 0 && (
            <Text size="xs" c="dimmed">
              Paint to start a layer, or drop an image here.
            </Text>
          )}
          {[...doc.layers].reverse().map((layer) => (
            <LayerRow key={layer.id} layer={layer} selected={layer.id === doc.selectedLayerId} />
          ))}
        </Stack>
      </ScrollArea>
      {selected && <LayerSettings layer={selected} />}
    </Stack>
  );
}
