import { Badge, Group, ScrollArea, Select, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { formatBytes } from "@/common/lib/format";
import { type ModelRecord, useInstalledModels } from "../hooks/useModels";
import { BASE_LABELS, baseLabel, TYPE_LABELS, typeLabel } from "../lib/labels";
import { filterModels } from "../lib/scan";

/** Installed models, filterable by type and base and searchable, grouped by type. */
export function ModelList({ selected, onSelect }: { selected: string | null; onSelect: (key: string) => void }) {
  const { models, defaultKey, isLoading } = useInstalledModels();
  const [type, setType] = useState<string | null>(null);
  const [base, setBase] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const shown = useMemo(() => filterModels(models, { type, base, search }), [models, type, base, search]);
  const types = [...new Set(shown.map((model) => model.type))];
  return (
    <Stack gap="xs" h="100%" p="sm">
      <TextInput
        placeholder="Search models"
        leftSection={<IconSearch size={14} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
      />
      <Group grow gap="xs">
        <Select
          placeholder="Every type"
          data={Object.entries(TYPE_LABELS).map(([value, label]) => ({ value, label }))}
          value={type}
          onChange={setType}
          clearable
        />
        <Select
          placeholder="Every base"
          data={Object.entries(BASE_LABELS).map(([value, label]) => ({ value, label }))}
          value={base}
          onChange={setBase}
          clearable
        />
      </Group>
      <ScrollArea style={{ flex: 1 }} type="auto">
        {!isLoading && shown.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" mt="md">
            {models.length ? "No model matches." : "No models installed yet. Add some on the right."}
          </Text>
        )}
        {types.map((group) => (
          <Stack key={group} gap={2} mb="sm">
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {typeLabel(group)}
            </Text>
            {shown
              .filter((model) => model.type === group)
              .map((model) => (
                <ModelRow
                  key={model.key}
                  model={model}
                  selected={model.key === selected}
                  isDefault={model.key === defaultKey}
                  onSelect={onSelect}
                />
              ))}
          </Stack>
        ))}
      </ScrollArea>
      <Text size="xs" c="dimmed">
        {models.length} installed
      </Text>
    </Stack>
  );
}

function ModelRow({
  model,
  selected,
  isDefault,
  onSelect,
}: {
  model: ModelRecord;
  selected: boolean;
  isDefault: boolean;
  onSelect: (key: string) => void;
}) {
  return (
    <UnstyledButton
      onClick={() => onSelect(model.key)}
      p={6}
      style={{ borderRadius: 6, background: selected ? "var(--mantine-color-dark-5)" : undefined }}
      data-testid="model-row"
      data-model-name={model.name}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" truncate fw={selected ? 600 : 400}>
          {model.name}
        </Text>
        <Group gap={4} wrap="nowrap">
          {isDefault && (
            <Badge size="xs" variant="light" color="green">
              default
            </Badge>
          )}
          <Badge size="xs" variant="outline">
            {baseLabel(model.base)}
          </Badge>
          <Text size="xs" c="dimmed" w={56} ta="right">
            {formatBytes(model.size)}
          </Text>
        </Group>
      </Group>
    </UnstyledButton>
  );
}
