/**
 * The canvas's reference images, then the layers, top first: add (raster, inpaint mask, regional guidance,
 * control), select, rename, show/hide, lock, reorder, delete; the selected one's settings below.
 */
import { ActionIcon, Box, Button, Group, ScrollArea, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
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
  newControlLayer,
  newMaskLayer,
  newRasterLayer,
  newRegionLayer,
  nextLayerName,
  removeLayer,
  shiftLayer,
  updateLayer,
} from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";
import { change } from "../store/edits";
import { GlobalReferences } from "./GlobalReferences";
import { LayerSettings } from "./LayerSettings";

function AddButton(props: {
  label: string;
  testId: string;
  color?: string;
  add: (doc: CanvasDocument) => CanvasLayer;
}) {
  return (
    <Button
      size="compact-xs"
      variant="light"
      color={props.color}
      onClick={() => change((d) => addLayer(d, props.add(d)))}
      data-testid={props.testId}
    >
      {props.label}
    </Button>
  );
}

/** The colour a mask-like layer paints in, beside its name. */
function Swatch({ layer }: { layer: CanvasLayer }) {
  if (layer.kind !== "inpaint_mask" && layer.kind !== "regional_guidance") return null;
  return <Box w={10} h={10} style={{ borderRadius: 2, background: layer.color, flex: "none" }} />;
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
      <SimpleGrid cols={2} spacing={4} p="xs">
        <AddButton label="+ Raster" testId="add-raster-layer" add={(d) => newRasterLayer(nextLayerName(d, "raster"))} />
        <AddButton
          label="+ Inpaint mask"
          color="red"
          testId="add-mask-layer"
          add={(d) => newMaskLayer(nextLayerName(d, "inpaint_mask"))}
        />
        <AddButton
          label="+ Regional"
          color="orange"
          testId="add-region-layer"
          add={(d) => newRegionLayer(d, nextLayerName(d, "regional_guidance"))}
        />
        <AddButton
          label="+ Control"
          color="grape"
          testId="add-control-layer"
          add={(d) => newControlLayer(nextLayerName(d, "control"))}
        />
      </SimpleGrid>
      <ScrollArea style={{ flex: 1 }}>
        <GlobalReferences />
        <Stack gap={2} p="xs">
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
      {selected && (
        <ScrollArea.Autosize mah="55%" style={{ borderTop: "1px solid var(--mantine-color-dark-4)" }}>
          <LayerSettings layer={selected} />
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
