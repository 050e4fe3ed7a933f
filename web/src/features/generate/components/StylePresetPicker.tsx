import { Select } from "@mantine/core";
import { useMemo } from "react";
import { useStylePresets } from "../hooks/useGenerateData";
import { useGenerateStore } from "../store/generateStore";

/** A style preset wraps both prompts in its templates (on the server, at generation time). */
export function StylePresetPicker() {
  const presets = useStylePresets().data?.presets ?? [];
  const value = useGenerateStore((state) => state.stylePreset);
  const update = useGenerateStore((state) => state.update);
  const error = useGenerateStore((state) => state.problems.stylePreset);
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
  return (
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
      data-testid="style-preset"
    />
  );
}
