/**
 * The canvas's generation settings in the toolbar: the infill an outpaint uses (LaMa once a LaMa model is
 * installed) and scale before processing, with the size the box is generated at.
 */
import { ActionIcon, Group, NumberInput, Popover, SegmentedControl, Select, Stack, Text, Tooltip } from "@mantine/core";
import { IconSettings } from "@tabler/icons-react";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { INFILL_LABELS, type InfillMethod, type ScaleMode, workSize } from "../lib/settings";
import { useCanvasSettings } from "../store/settingsStore";
import { useGrid } from "../hooks/useCanvasBox";

const LAMA_PURPOSE = "Inpainting";

function useModelFacts(): { native: number; lama: boolean } {
  const { models, byKey } = useInstalledModels();
  const key = useGenerateStore((state) => state.model);
  const defaults = key ? byKey.get(key)?.default_settings : null;
  const native = (defaults?.width ?? 512) * (defaults?.height ?? 512);
  const lama = models.some(
    (model) => model.type === "upscaler" && (model.details as { purpose?: string } | null)?.purpose === LAMA_PURPOSE,
  );
  return { native, lama };
}

function WorkSize() {
  const settings = useCanvasSettings((state) => state.settings);
  const width = useGenerateStore((state) => state.width);
  const height = useGenerateStore((state) => state.height);
  const box = { width, height };
  const grid = useGrid();
  const { native } = useModelFacts();
  const size = workSize(box, settings, native, grid);
  return (
    <Text size="xs" c="dimmed" data-testid="canvas-work-size">
      Generated at {size.width} × {size.height} for a {box.width} × {box.height} box
    </Text>
  );
}

export function CanvasSettingsMenu() {
  const settings = useCanvasSettings((state) => state.settings);
  const setSettings = useCanvasSettings((state) => state.setSettings);
  const { lama } = useModelFacts();
  const methods = (Object.keys(INFILL_LABELS) as InfillMethod[]).filter((method) => method !== "lama" || lama);
  return (
    <Popover position="bottom-end" withinPortal width={300}>
      <Popover.Target>
        <Tooltip label="Infill and scaling">
          <ActionIcon variant="subtle" aria-label="Canvas settings" data-testid="canvas-settings">
            <IconSettings size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Select
            label="Infill (outpainting)"
            size="xs"
            data={methods.map((method) => ({ value: method, label: INFILL_LABELS[method] }))}
            value={settings.infill}
            onChange={(value) => value && setSettings({ infill: value as InfillMethod })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            data-testid="canvas-infill"
          />
          <Text size="xs" fw={500}>
            Scale before processing
          </Text>
          <SegmentedControl
            size="xs"
            data={[
              { value: "none", label: "None" },
              { value: "auto", label: "Auto" },
              { value: "manual", label: "Manual" },
            ]}
            value={settings.scale}
            onChange={(value) => setSettings({ scale: value as ScaleMode })}
            data-testid="canvas-scale"
          />
          {settings.scale === "manual" && (
            <Group gap="xs" grow>
              <NumberInput
                size="xs"
                label="Width"
                min={64}
                step={8}
                value={settings.scaledWidth}
                onChange={(value) => typeof value === "number" && setSettings({ scaledWidth: value })}
                data-testid="canvas-scaled-width"
              />
              <NumberInput
                size="xs"
                label="Height"
                min={64}
                step={8}
                value={settings.scaledHeight}
                onChange={(value) => typeof value === "number" && setSettings({ scaledHeight: value })}
                data-testid="canvas-scaled-height"
              />
            </Group>
          )}
          <WorkSize />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
