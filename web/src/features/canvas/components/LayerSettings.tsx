/**
 * The selected layer's settings: opacity; an inpaint mask's noise and denoise limit; a region's prompts
 * and reference images; a control layer's model, weights and filter.
 */
import { Slider, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { type CanvasLayer, type InpaintMaskLayer, updateLayer } from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";
import { ControlLayerSettings } from "./ControlLayerSettings";
import { RegionSettings } from "./RegionSettings";

/** A slider that shows its value while dragged and makes one undo step when let go. */
function CommitSlider(props: { label: string; value: number; onCommit: (value: number) => void; testId: string }) {
  const [value, setValue] = useState(props.value);
  useEffect(() => setValue(props.value), [props.value]);
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {props.label}: {value.toFixed(2)}
      </Text>
      <Slider
        min={0}
        max={1}
        step={0.01}
        value={value}
        onChange={setValue}
        onChangeEnd={props.onCommit}
        label={null}
        aria-label={props.label}
        data-testid={props.testId}
      />
    </Stack>
  );
}

export function LayerSettings({ layer }: { layer: CanvasLayer }) {
  const commit = (patch: Partial<InpaintMaskLayer>) => {
    const store = useCanvasStore.getState();
    store.change(updateLayer(store.doc, layer.id, patch));
  };
  return (
    <Stack gap={6} p="xs" data-testid="layer-settings">
      <CommitSlider
        label="Opacity"
        value={layer.opacity}
        onCommit={(opacity) => commit({ opacity })}
        testId="layer-opacity"
      />
      {layer.kind === "inpaint_mask" && (
        <>
          <CommitSlider
            label="Noise level"
            value={layer.noiseLevel}
            onCommit={(noiseLevel) => commit({ noiseLevel })}
            testId="mask-noise"
          />
          <CommitSlider
            label="Denoise limit"
            value={layer.denoiseLimit}
            onCommit={(denoiseLimit) => commit({ denoiseLimit })}
            testId="mask-denoise-limit"
          />
        </>
      )}
      {layer.kind === "regional_guidance" && <RegionSettings layer={layer} />}
      {layer.kind === "control" && <ControlLayerSettings layer={layer} />}
    </Stack>
  );
}
