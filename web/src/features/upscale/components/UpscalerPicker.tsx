import { Button, Select, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useUiStore } from "@/app/uiStore";
import type { UpscalePlan } from "../hooks/useUpscalePlan";
import { modelScale } from "../lib/scale";
import { useUpscaleStore } from "../store/upscaleStore";

/** The installed upscaler models; without any, a way to the Models tab. */
export function UpscalerPicker({ plan }: { plan: UpscalePlan }) {
  const problem = useUpscaleStore((state) => state.problems.model);
  const update = useUpscaleStore((state) => state.update);
  const setTab = useUiStore((state) => state.setTab);

  if (!plan.isLoading && plan.upscalers.length === 0) {
    return (
      <Stack gap={4} data-testid="upscale-no-models">
        <Text size="sm">No upscaler model is installed yet.</Text>
        <Text size="xs" c="dimmed">
          The starter models include Real-ESRGAN x4plus (photos) and x4plus anime; any ESRGAN, Real-ESRGAN or SwinIR
          file works too.
        </Text>
        <Button size="xs" leftSection={<IconDownload size={14} />} onClick={() => setTab("models")}>
          Open Models
        </Button>
        {problem && (
          <Text size="xs" c="red" data-problem>
            {problem}
          </Text>
        )}
      </Stack>
    );
  }
  const architecture = plan.model?.details?.architecture;
  return (
    <Select
      label="Upscaler model"
      data={plan.upscalers.map((record) => ({
        value: record.key,
        label: `${record.name} (x${modelScale(record.details)})`,
      }))}
      value={plan.model?.key ?? null}
      onChange={(key) => key && update({ model: key })}
      searchable
      allowDeselect={false}
      placeholder={plan.isLoading ? "Loading…" : "Pick an upscaler"}
      description={typeof architecture === "string" ? architecture : undefined}
      error={problem}
      data-testid="upscale-model-select"
    />
  );
}
