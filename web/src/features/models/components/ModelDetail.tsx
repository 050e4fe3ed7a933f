import {
  Badge,
  Button,
  Code,
  Group,
  Modal,
  NumberInput,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconDeviceFloppy, IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { Schemas } from "@/api/client";
import { fieldProblems } from "@/api/errors";
import { formatBytes } from "@/common/lib/format";
import { useSchedulers } from "@/features/generate/hooks/useGenerateData";
import { useModelCommands } from "../hooks/useModelCommands";
import type { ModelRecord } from "../hooks/useModels";
import { baseLabel, typeLabel } from "../lib/labels";

type Defaults = Schemas["DefaultSettings"];

interface Draft {
  name: string;
  description: string;
  triggerWords: string[];
  defaults: Defaults;
}

function draftOf(model: ModelRecord): Draft {
  return {
    name: model.name,
    description: model.description,
    triggerWords: model.trigger_words ?? [],
    defaults: model.default_settings ?? {},
  };
}

/** The record changes a draft makes (only what differs, so nothing is rewritten needlessly). */
function changesOf(model: ModelRecord, draft: Draft): Schemas["ModelRecordChanges"] {
  const changes: Schemas["ModelRecordChanges"] = {};
  if (draft.name.trim() !== model.name) changes.name = draft.name.trim();
  if (draft.description !== model.description) changes.description = draft.description;
  if (JSON.stringify(draft.triggerWords) !== JSON.stringify(model.trigger_words ?? []))
    changes.trigger_words = draft.triggerWords;
  const defaults = Object.fromEntries(
    Object.entries(draft.defaults).filter(([, value]) => value !== null && value !== undefined && value !== ""),
  );
  if (JSON.stringify(defaults) !== JSON.stringify(model.default_settings ?? {}))
    changes.default_settings = Object.keys(defaults).length ? defaults : null;
  return changes;
}

function DefaultsForm({
  value,
  onChange,
  problems,
}: {
  value: Defaults;
  onChange: (value: Defaults) => void;
  problems: Record<string, string>;
}) {
  const schedulers = useSchedulers().data ?? [];
  const number = (key: "width" | "height" | "steps" | "cfg_scale") => ({
    value: value[key] ?? "",
    onChange: (next: string | number) => onChange({ ...value, [key]: typeof next === "number" ? next : null }),
    error: problems[`default_settings.${key}`],
  });
  return (
    <SimpleGrid cols={3} spacing="xs">
      <NumberInput label="Width" step={8} min={8} {...number("width")} placeholder="base default" />
      <NumberInput label="Height" step={8} min={8} {...number("height")} placeholder="base default" />
      <NumberInput label="Steps" min={1} {...number("steps")} placeholder="base default" />
      <NumberInput
        label="CFG scale"
        min={0}
        step={0.5}
        decimalScale={2}
        {...number("cfg_scale")}
        placeholder="base default"
      />
      <Select
        label="Scheduler"
        data={schedulers}
        value={value.scheduler ?? null}
        onChange={(scheduler) => onChange({ ...value, scheduler })}
        clearable
        placeholder="base default"
        error={problems["default_settings.scheduler"]}
      />
    </SimpleGrid>
  );
}

/** One model: edit its name, description, trigger words and default settings; remove it. */
export function ModelDetail({ model, onRemoved }: { model: ModelRecord; onRemoved: () => void }) {
  const commands = useModelCommands();
  const [draft, setDraft] = useState(() => draftOf(model));
  const [confirming, setConfirming] = useState(false);
  useEffect(() => setDraft(draftOf(model)), [model]);
  const changes = changesOf(model, draft);
  const dirty = Object.keys(changes).length > 0;
  const problems = commands.update.error ? fieldProblems(commands.update.error) : { fields: {}, general: null };
  const usesTriggers = ["lora", "embedding"].includes(model.type);

  return (
    <ScrollArea h="100%" type="auto">
      <Stack p="md" gap="sm" data-testid="model-detail">
        <Group justify="space-between">
          <Title order={4}>{model.name}</Title>
          <Group gap={4}>
            <Badge variant="light">{typeLabel(model.type)}</Badge>
            <Badge variant="outline">{baseLabel(model.base)}</Badge>
          </Group>
        </Group>
        <TextInput
          label="Name"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          error={problems.fields.name}
          size="sm"
          data-testid="model-name"
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={6}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
          error={problems.fields.description}
        />
        {usesTriggers && (
          <TagsInput
            label="Trigger words"
            description="Shown as buttons in the Generate tab that insert them into the prompt"
            value={draft.triggerWords}
            onChange={(triggerWords) => setDraft({ ...draft, triggerWords })}
          />
        )}
        {model.type === "main" && (
          <>
            <Text size="sm" fw={600} mt="xs">
              Default settings{" "}
              <Text span size="xs" c="dimmed">
                (applied when the model is picked)
              </Text>
            </Text>
            <DefaultsForm
              value={draft.defaults}
              onChange={(defaults) => setDraft({ ...draft, defaults })}
              problems={problems.fields}
            />
          </>
        )}
        {problems.general && (
          <Text size="sm" c="red">
            {problems.general}
          </Text>
        )}
        <Group justify="space-between" mt="xs">
          <Button
            color="red"
            variant="light"
            leftSection={<IconTrash size={14} />}
            onClick={() => setConfirming(true)}
            data-testid="model-delete"
          >
            Remove…
          </Button>
          <Group gap="xs">
            <Button variant="default" disabled={!dirty} onClick={() => setDraft(draftOf(model))}>
              Revert
            </Button>
            <Button
              leftSection={<IconDeviceFloppy size={14} />}
              disabled={!dirty}
              loading={commands.update.isPending}
              onClick={() => commands.update.mutate({ key: model.key, changes })}
              data-testid="model-save"
            >
              Save
            </Button>
          </Group>
        </Group>
        <Stack gap={2} mt="md">
          <Text size="xs" c="dimmed">
            {model.format} · {formatBytes(model.size)} ·{" "}
            {model.owned ? "in Impasto's models folder" : "installed in place"} · from {model.source_type}
          </Text>
          <Code block>{model.path}</Code>
          <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
            {model.hash} · key {model.key}
          </Text>
        </Stack>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Remove ${model.name}?`} centered>
        <Text size="sm">
          {model.owned
            ? "Its files are in Impasto's models folder and will be deleted."
            : "Its files stay where they are; only Impasto's record is removed."}
        </Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={commands.remove.isPending}
            onClick={() =>
              commands.remove.mutate(model.key, {
                onSuccess: () => {
                  setConfirming(false);
                  onRemoved();
                },
              })
            }
          >
            Remove
          </Button>
        </Group>
      </Modal>
    </ScrollArea>
  );
}
