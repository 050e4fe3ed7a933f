/** The selected layer's sliders: opacity, and for an inpaint mask its noise and denoise limit. */
import { Slider, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { type CanvasLayer, type InpaintMaskLayer, updateLayer } from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";

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
    <Stack gap={6} p="xs" style={{ borderTop: "1px solid var(--mantine-color-dark-4)" }}>
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
    </Stack>
  );
}
