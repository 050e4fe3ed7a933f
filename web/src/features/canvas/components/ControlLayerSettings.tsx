/**
 * A control layer's settings: ControlNet or T2I-Adapter, the model (of the main model's base), weight,
 * begin/end, control mode, and the Filter action that runs a preprocessor on the layer's pixels.
 */
import { SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { StepWindow, UnitModelSelect, WeightSlider } from "@/features/generate/components/UnitControls";
import { useFamily } from "@/features/generate/hooks/useFamily";
import { sdOnlyHint } from "@/features/generate/lib/family";
import type { ControlKind, ControlMode } from "@/features/generate/lib/form";
import type { ControlLayer } from "../lib/document";
import { patchLayer } from "../store/edits";
import { LayerFilter } from "./LayerFilter";

const CONTROL_MODES: { value: ControlMode; label: string }[] = [
  { value: "balanced", label: "Balanced" },
  { value: "more_prompt", label: "Prompt matters more" },
  { value: "more_control", label: "Control matters more" },
  { value: "unbalanced", label: "Unbalanced" },
];

export function ControlLayerSettings({ layer }: { layer: ControlLayer }) {
  const { model, controls } = useFamily();
  const patch = (changes: Partial<ControlLayer>, undoable = true) =>
    patchLayer<ControlLayer>(layer.id, changes, undoable);
  const title = layer.control === "controlnet" ? "ControlNet" : "T2I-Adapter";
  return (
    <Stack gap={6}>
      {!controls.sdOnly && (
        <Text size="xs" c="yellow">
          {sdOnlyHint(model?.base, "Control layers")}
        </Text>
      )}
      <SegmentedControl
        size="xs"
        data={[
          { value: "controlnet", label: "ControlNet" },
          { value: "t2i_adapter", label: "T2I-Adapter" },
        ]}
        value={layer.control}
        onChange={(value) => patch({ control: value as ControlKind, model: null })}
        data-testid="control-layer-kind"
      />
      <UnitModelSelect
        type={layer.control}
        label="Model"
        pick="Pick a model"
        none={`No ${title} installed for this base`}
        value={layer.model}
        onChange={(key) => patch({ model: key })}
        testId="control-layer-model"
      />
      <WeightSlider weight={layer.weight} onChange={(weight) => patch({ weight }, false)} />
      <StepWindow begin={layer.begin} end={layer.end} onChange={(window) => patch(window, false)} />
      {layer.control === "controlnet" && (
        <Select
          size="xs"
          label="Control mode"
          data={CONTROL_MODES}
          value={layer.controlMode}
          onChange={(value) => value && patch({ controlMode: value as ControlMode })}
          allowDeselect={false}
          data-testid="control-layer-mode"
        />
      )}
      <LayerFilter layer={layer} />
    </Stack>
  );
}
