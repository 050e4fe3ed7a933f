/** Tools, brush settings, strength, undo/redo, zoom and the save state. */
import { ActionIcon, Group, Slider, Text, Tooltip } from "@mantine/core";
import {
  IconArrowBackUp,
  IconArrowForwardUp,
  IconArrowsMove,
  IconBrush,
  IconBucketDroplet,
  IconColorPicker,
  IconEraser,
  IconFrame,
  IconHandStop,
  IconMaximize,
  IconRectangle,
} from "@tabler/icons-react";
import type { RefObject } from "react";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { actions } from "@/features/shortcuts/actions";
import type { CanvasEngine } from "../engine/engine";
import { TOOLS, type Tool, toolTip } from "../lib/tools";
import { type SaveState, useCanvasStore } from "../store/canvasStore";
import { BrushSettings } from "./BrushSettings";
import { CanvasSettingsMenu } from "./CanvasSettingsMenu";
import { ImageMenu } from "./ImageMenu";

const ICONS: Record<Tool, React.ReactNode> = {
  brush: <IconBrush size={18} />,
  eraser: <IconEraser size={18} />,
  rect: <IconRectangle size={18} />,
  fill: <IconBucketDroplet size={18} />,
  picker: <IconColorPicker size={18} />,
  move: <IconArrowsMove size={18} />,
  bbox: <IconFrame size={18} />,
  view: <IconHandStop size={18} />,
};

const SAVE_LABELS: Record<SaveState, string> = {
  loading: "Loading…",
  saved: "Saved",
  pending: "Changed",
  saving: "Saving…",
  error: "Not saved",
};

function ToolButtons() {
  const tool = useCanvasStore((state) => state.tool);
  const setTool = useCanvasStore((state) => state.setTool);
  return (
    <Group gap={2} wrap="nowrap">
      {TOOLS.map((entry) => (
        <Tooltip key={entry.id} label={toolTip(entry)}>
          <ActionIcon
            variant={tool === entry.id ? "filled" : "subtle"}
            onClick={() => setTool(entry.id)}
            aria-label={entry.label}
            data-testid={`canvas-tool-${entry.id}`}
            aria-pressed={tool === entry.id}
          >
            {ICONS[entry.id]}
          </ActionIcon>
        </Tooltip>
      ))}
    </Group>
  );
}

function Strength() {
  const strength = useGenerateStore((state) => state.strength);
  const update = useGenerateStore((state) => state.update);
  return (
    <Tooltip label="Denoising strength of image to image and inpainting">
      <Group gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          Strength {strength.toFixed(2)}
        </Text>
        <Slider
          w={70}
          min={0}
          max={1}
          step={0.01}
          value={strength}
          onChange={(value) => update({ strength: value })}
          label={null}
          aria-label="Denoising strength"
        />
      </Group>
    </Tooltip>
  );
}

export function CanvasToolbar({ engine }: { engine: RefObject<CanvasEngine | null> }) {
  const canUndo = useCanvasStore((state) => state.canUndo);
  const canRedo = useCanvasStore((state) => state.canRedo);
  const scale = useCanvasStore((state) => state.scale);
  const save = useCanvasStore((state) => state.save);
  return (
    <Group gap="sm" p={6} style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}>
      <ToolButtons />
      <BrushSettings />
      <Strength />
      <Group gap={2} ml="auto" wrap="nowrap">
        <CanvasSettingsMenu />
        <ImageMenu engine={engine} />
        <ActionIcon
          variant="subtle"
          disabled={!canUndo}
          onClick={() => void actions.run("canvas.undo")}
          aria-label="Undo"
          data-testid="canvas-undo"
        >
          <IconArrowBackUp size={18} />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          disabled={!canRedo}
          onClick={() => void actions.run("canvas.redo")}
          aria-label="Redo"
          data-testid="canvas-redo"
        >
          <IconArrowForwardUp size={18} />
        </ActionIcon>
        <ActionIcon
          variant="subtle"
          onClick={() => engine.current?.fit()}
          aria-label="Fit the view"
          data-testid="canvas-fit"
        >
          <IconMaximize size={18} />
        </ActionIcon>
        <Text size="xs" c="dimmed" w={44} ta="right" data-testid="canvas-zoom">
          {Math.round(scale * 100)} %
        </Text>
        <Text size="xs" c="dimmed" w={64} ta="right" data-testid="canvas-save-state" data-state={save}>
          {SAVE_LABELS[save]}
        </Text>
      </Group>
    </Group>
  );
}
