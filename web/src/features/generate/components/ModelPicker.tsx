import { Button, Select, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useMemo } from "react";
import { useUiStore } from "@/app/uiStore";
import { compatibleWith, useInstalledModels } from "@/features/models/hooks/useModels";
import { baseLabel, groupByBase } from "@/features/models/lib/labels";
import { isRefinerModel } from "../lib/refiner";
import { useGenerateStore } from "../store/generateStore";
import { EncoderPickers } from "./EncoderPickers";

/**
 * The main model (grouped by base; its default settings apply on a switch), an optional VAE, and the text
 * encoders of a transformer-only FLUX or SD 3.5 file.
 */
export function ModelPicker() {
  const { ofType, byKey, isLoading } = useInstalledModels();
  const model = useGenerateStore((state) => state.model);
  const vae = useGenerateStore((state) => state.vae);
  const problems = useGenerateStore((state) => state.problems);
  const chooseModel = useGenerateStore((state) => state.chooseModel);
  const update = useGenerateStore((state) => state.update);
  const setTab = useUiStore((state) => state.setTab);
  const mains = ofType("main").filter((record) => !isRefinerModel(record));
  const base = model ? byKey.get(model)?.base : undefined;
  const mainData = useMemo(() => groupByBase(mains), [mains]);
  const vaes = ofType("vae").filter((record) => compatibleWith(record, base));

  if (!isLoading && mains.length === 0) {
    return (
      <Stack gap={4}>
        <Text size="sm">No main model is installed yet.</Text>
        <Button size="xs" leftSection={<IconDownload size={14} />} onClick={() => setTab("models")}>
          Install a model
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Select
        label="Model"
        data={mainData}
        value={model && byKey.has(model) ? model : null}
        onChange={(key) => {
          const record = key ? byKey.get(key) : undefined;
          if (record) chooseModel(record, [...byKey.values()]);
        }}
        searchable
        allowDeselect={false}
        placeholder={isLoading ? "Loading…" : "Pick a model"}
        error={problems.model}
        description={base ? baseLabel(base) : undefined}
        data-testid="model-select"
      />
      <Select
        label="VAE"
        data={vaes.map((record) => ({ value: record.key, label: record.name }))}
        value={vae}
        onChange={(key) => update({ vae: key })}
        clearable
        placeholder="The model's own"
        error={problems.vae}
        disabled={vaes.length === 0}
        description={vaes.length === 0 ? "No separate VAE installed for this base" : undefined}
      />
      <EncoderPickers />
    </Stack>
  );
}
