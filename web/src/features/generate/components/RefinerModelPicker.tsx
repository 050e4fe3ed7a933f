import { Button, Select, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useUiStore } from "@/app/uiStore";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { isRefinerModel, refinerProblemKey } from "../lib/refiner";
import { useGenerateStore } from "../store/generateStore";

/** The installed SDXL refiners; without any, a hint and a way to the Models tab. */
export function RefinerModelPicker({ disabled }: { disabled: boolean }) {
  const { models, isLoading } = useInstalledModels();
  const model = useGenerateStore((state) => state.refiner.model);
  const problem = useGenerateStore((state) => state.problems[refinerProblemKey("model")]);
  const setRefiner = useGenerateStore((state) => state.setRefiner);
  const setTab = useUiStore((state) => state.setTab);
  const refiners = models.filter(isRefinerModel).sort((a, b) => a.name.localeCompare(b.name));

  if (!isLoading && refiners.length === 0) {
    return (
      <Stack gap={4} data-testid="refiner-no-models">
        <Text size="sm">No SDXL refiner is installed yet.</Text>
        <Text size="xs" c="dimmed">
          The starter models in the Models tab include SDXL Refiner 1.0.
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
  return (
    <Select
      label="Refiner model"
      data={refiners.map((record) => ({ value: record.key, label: record.name }))}
      value={model && refiners.some((record) => record.key === model) ? model : null}
      onChange={(key) => key && setRefiner({ model: key })}
      searchable
      allowDeselect={false}
      placeholder={isLoading ? "Loading…" : "Pick a refiner"}
      error={problem}
      disabled={disabled}
      data-testid="refiner-model-select"
    />
  );
}
