import { ActionIcon, Box, Group, Select, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconSettings } from "@tabler/icons-react";
import { type ReactNode, useMemo } from "react";
import { PresetManager } from "@/features/presets/components/PresetManager";
import { useStylePresets } from "../hooks/useGenerateData";
import { useGenerateStore } from "../store/generateStore";

/** A style preset wraps both prompts in its templates (on the server, at generation time). */
export function StylePresetPicker() {
  const presets = useStylePresets().data?.presets ?? [];
  const value = useGenerateStore((state) => state.stylePreset);
  const update = useGenerateStore((state) => state.update);
  const error = useGenerateStore((state) => state.problems.stylePreset);
  const [managing, { open, close }] = useDisclosure(false);
  const data = useMemo(
    () =>
      (["builtin", "user"] as const)
        .map((type) => ({
          group: type === "builtin" ? "Built in" : "Yours",
          items: presets
            .filter((preset) => preset.type === type)
            .map((preset) => ({ value: preset.id, label: preset.name })),
        }))
        .filter((group) => group.items.length),
    [presets],
  );
  const chosen = presets.find((preset) => preset.id === value);
  const withManageButton = (input: ReactNode) => (
    <Group gap={4} wrap="nowrap">
      <Box style={{ flex: 1 }}>{input}</Box>
      <Tooltip label="Manage presets">
        <ActionIcon
          variant="default"
          size="input-sm"
          onClick={open}
          aria-label="Manage presets"
          data-testid="manage-presets"
        >
          <IconSettings size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
  return (
    <>
      <Select
        label="Style preset"
        placeholder="None"
        data={data}
        value={value}
        onChange={(id) => update({ stylePreset: id })}
        clearable
        searchable
        error={error}
        description={chosen ? `Prompt: ${chosen.positive_prompt}` : undefined}
        inputContainer={withManageButton}
        data-testid="style-preset"
      />
      <PresetManager opened={managing} onClose={close} />
    </>
  );
}
