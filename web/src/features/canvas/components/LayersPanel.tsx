/**
 * The canvas's reference images, then the layers, top first: add (raster, inpaint mask, regional guidance,
 * control), and a row per layer (`LayerRow`: select, rename, show/hide, lock, drag to reorder, its menu);
 * the selected one's settings below.
 */
import { Button, ScrollArea, SimpleGrid, Stack, Text } from "@mantine/core";
import type { RefObject } from "react";
import type { CanvasEngine } from "../engine/engine";
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
} from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";
import { change } from "../store/edits";
import { GlobalReferences } from "./GlobalReferences";
import { LayerRow } from "./LayerRow";
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

export function LayersPanel({ engine }: { engine: RefObject<CanvasEngine | null> }) {
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
            <LayerRow key={layer.id} layer={layer} selected={layer.id === doc.selectedLayerId} engine={engine} />
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
