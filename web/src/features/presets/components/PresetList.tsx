import { Button, Group, ScrollArea, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { IconLock, IconPlus, IconSearch, IconWand } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { filterPresets, type StylePreset } from "../lib/draft";

interface Props {
  presets: StylePreset[];
  selected: string | null;
  onSelect: (id: string) => void;
  onNew: () => void;
  onNewFromPrompt: () => void;
}

const GROUPS = [
  { type: "builtin", label: "Built in" },
  { type: "user", label: "Yours" },
] as const;

/** The presets, searchable, built-in ones first; and the buttons that start a new one. */
export function PresetList({ presets, selected, onSelect, onNew, onNewFromPrompt }: Props) {
  const [search, setSearch] = useState("");
  const shown = useMemo(() => filterPresets(presets, search), [presets, search]);
  return (
    <Stack gap="xs" h="100%">
      <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onNew} data-testid="preset-new">
        New preset
      </Button>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconWand size={14} />}
        onClick={onNewFromPrompt}
        data-testid="preset-new-from-prompt"
      >
        New from current prompt
      </Button>
      <TextInput
        size="xs"
        placeholder="Search presets"
        leftSection={<IconSearch size={14} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid="preset-search"
      />
      <ScrollArea style={{ flex: 1 }} type="auto">
        {shown.length === 0 && (
          <Text size="sm" c="dimmed" ta="center" mt="md">
            No preset matches.
          </Text>
        )}
        {GROUPS.map(({ type, label }) => {
          const items = shown.filter((preset) => preset.type === type);
          if (!items.length) return null;
          return (
            <Stack key={type} gap={2} mb="sm">
              <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                {label}
              </Text>
              {items.map((preset) => (
                <PresetRow key={preset.id} preset={preset} selected={preset.id === selected} onSelect={onSelect} />
              ))}
            </Stack>
          );
        })}
      </ScrollArea>
    </Stack>
  );
}

function PresetRow({
  preset,
  selected,
  onSelect,
}: {
  preset: StylePreset;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  return (
    <UnstyledButton
      onClick={() => onSelect(preset.id)}
      p={6}
      style={{ borderRadius: 6, background: selected ? "var(--mantine-color-dark-5)" : undefined }}
      data-testid="preset-row"
      data-preset-name={preset.name}
      aria-current={selected || undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" truncate fw={selected ? 600 : 400}>
          {preset.name}
        </Text>
        {preset.type === "builtin" && <IconLock size={12} aria-label="built in, read-only" />}
      </Group>
    </UnstyledButton>
  );
}
