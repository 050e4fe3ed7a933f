import { ActionIcon, Badge, Card, Group, Select, Slider, Stack, Switch, Text, Tooltip } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { type ModelRecord, compatibleWith, useInstalledModels } from "@/features/models/hooks/useModels";
import type { LoraUse } from "../lib/form";
import { useGenerateStore } from "../store/generateStore";

function LoraCard({ lora, record }: { lora: LoraUse; record: ModelRecord | undefined }) {
  const setLora = useGenerateStore((state) => state.setLora);
  const removeLora = useGenerateStore((state) => state.removeLora);
  const insert = useGenerateStore((state) => state.insertIntoPrompt);
  const error = useGenerateStore((state) => state.problems[`lora:${lora.key}`]);
  return (
    <Card
      padding="xs"
      withBorder
      data-testid={`lora-${lora.key}`}
      style={{ borderColor: error ? "var(--mantine-color-red-6)" : undefined }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Switch
          size="xs"
          checked={lora.enabled}
          onChange={(e) => setLora(lora.key, { enabled: e.currentTarget.checked })}
          aria-label="Use this LoRA"
        />
        <Text size="sm" truncate style={{ flex: 1 }}>
          {record?.name ?? "(not installed)"}
        </Text>
        <Text size="xs" w={34} ta="right">
          {lora.weight.toFixed(2)}
        </Text>
        <ActionIcon
          size="sm"
          variant="subtle"
          color="gray"
          onClick={() => removeLora(lora.key)}
          aria-label="Remove the LoRA"
        >
          <IconX size={14} />
        </ActionIcon>
      </Group>
      <Slider
        mt={6}
        min={-1}
        max={2}
        step={0.05}
        value={lora.weight}
        onChange={(weight) => setLora(lora.key, { weight })}
        disabled={!lora.enabled}
        marks={[{ value: 0 }, { value: 1 }]}
        size="sm"
        label={(value) => value.toFixed(2)}
      />
      {record?.trigger_words?.length ? (
        <Group gap={4} mt={6}>
          {record.trigger_words.map((word) => (
            <Tooltip key={word} label="Insert into the prompt">
              <Badge
                size="sm"
                variant="outline"
                style={{ cursor: "pointer", textTransform: "none" }}
                onClick={() => insert("prompt", word)}
              >
                {word}
              </Badge>
            </Tooltip>
          ))}
        </Group>
      ) : null}
      {error && (
        <Text size="xs" c="red" data-problem mt={4}>
          {error}
        </Text>
      )}
    </Card>
  );
}

/** LoRAs: add from the compatible ones (searchable), weight each, click trigger words into the prompt. */
export function LoraPicker() {
  const { ofType, byKey } = useInstalledModels();
  const loras = useGenerateStore((state) => state.loras);
  const model = useGenerateStore((state) => state.model);
  const addLora = useGenerateStore((state) => state.addLora);
  const base = model ? byKey.get(model)?.base : undefined;
  const available = ofType("lora").filter(
    (record) => compatibleWith(record, base) && !loras.some((lora) => lora.key === record.key),
  );
  const installed = ofType("lora").length;
  return (
    <Stack gap={6}>
      <Select
        label="LoRAs"
        placeholder={
          installed
            ? available.length
              ? "Search and add a LoRA"
              : "All compatible LoRAs are added"
            : "No LoRAs installed"
        }
        data={available.map((record) => ({ value: record.key, label: record.name }))}
        value={null}
        onChange={(key) => key && addLora(key, 0.75)}
        searchable
        disabled={available.length === 0}
        nothingFoundMessage="No matching LoRA"
      />
      {loras.map((lora) => (
        <LoraCard key={lora.key} lora={lora} record={byKey.get(lora.key)} />
      ))}
    </Stack>
  );
}
