/** The brush's settings in the toolbar: size, opacity, hardness, pen pressure, colour, and the fill's tolerance. */
import { ActionIcon, ColorInput, Group, Slider, Text, Tooltip } from "@mantine/core";
import { IconBallpen } from "@tabler/icons-react";
import { MAX_BRUSH, MIN_BRUSH } from "../lib/tools";
import { useCanvasStore } from "../store/canvasStore";

function LabelledSlider(props: {
  label: string;
  tip: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  width: number;
  testId: string;
  onChange(value: number): void;
}) {
  return (
    <Tooltip label={props.tip}>
      <Group gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" data-testid={props.testId} style={{ whiteSpace: "nowrap" }}>
          {props.label}
        </Text>
        <Slider
          w={props.width}
          min={props.min}
          max={props.max}
          step={props.step ?? 1}
          value={props.value}
          onChange={props.onChange}
          label={null}
          aria-label={props.tip}
          thumbLabel={props.tip}
        />
      </Group>
    </Tooltip>
  );
}

function PressureToggle() {
  const pressure = useCanvasStore((state) => state.brush.pressure);
  const setBrush = useCanvasStore((state) => state.setBrush);
  return (
    <Tooltip label={`Pressure sensitivity: a pen's pressure scales the brush (${pressure ? "on" : "off"})`}>
      <ActionIcon
        variant={pressure ? "light" : "subtle"}
        onClick={() => setBrush({ pressure: !pressure })}
        aria-label="Pressure sensitivity"
        aria-pressed={pressure}
        data-testid="canvas-brush-pressure"
      >
        <IconBallpen size={18} />
      </ActionIcon>
    </Tooltip>
  );
}

export function BrushSettings() {
  const brush = useCanvasStore((state) => state.brush);
  const fill = useCanvasStore((state) => state.tool === "fill");
  const setBrush = useCanvasStore((state) => state.setBrush);
  return (
    <Group gap="xs">
      <LabelledSlider
        label={`${brush.size} px`}
        tip="Brush size"
        testId="canvas-brush-size"
        width={90}
        min={MIN_BRUSH}
        max={MAX_BRUSH}
        value={brush.size}
        onChange={(size) => setBrush({ size })}
      />
      <Slider
        w={70}
        min={0.05}
        max={1}
        step={0.05}
        value={brush.opacity}
        onChange={(opacity) => setBrush({ opacity })}
        aria-label="Brush opacity"
        thumbLabel="Brush opacity"
      />
      <LabelledSlider
        label={`Hard ${brush.hardness} %`}
        tip="Brush hardness (100 % paints a hard edge)"
        testId="canvas-brush-hardness"
        width={60}
        min={0}
        max={100}
        value={brush.hardness}
        onChange={(hardness) => setBrush({ hardness })}
      />
      <PressureToggle />
      {fill && (
        <LabelledSlider
          label={`Tolerance ${brush.tolerance} %`}
          tip="Fill tolerance: how different a colour may be and still be filled"
          testId="canvas-fill-tolerance"
          width={60}
          min={0}
          max={100}
          value={brush.tolerance}
          onChange={(tolerance) => setBrush({ tolerance })}
        />
      )}
      <ColorInput
        w={124}
        size="xs"
        value={brush.color}
        onChange={(color) => setBrush({ color })}
        aria-label="Brush colour"
        data-testid="canvas-brush-color"
      />
    </Group>
  );
}
