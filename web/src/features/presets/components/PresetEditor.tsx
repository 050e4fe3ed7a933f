import { Alert, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconCopy, IconDeviceFloppy, IconLock, IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useStylePresets } from "@/features/generate/hooks/useGenerateData";
import { usePresetCommands } from "../hooks/usePresetCommands";
import { usePresetPreview } from "../hooks/usePresetPreview";
import { changesOf, copyName, createBody, draftOf, isDirty, type PresetDraft, type StylePreset } from "../lib/draft";
import { type PresetField, presetProblems } from "../lib/errors";
import { PresetFields } from "./PresetFields";
import { PresetPreview } from "./PresetPreview";

interface Props {
  /** The saved preset, or null for a new one. */
  preset: StylePreset | null;
  initial: PresetDraft;
  onSaved: (preset: StylePreset) => void;
  onDeleted: () => void;
  onCancel: () => void;
  onUse: (id: string) => void;
}

type Problems = Partial<Record<PresetField, string>>;

/** A changed field's problem is gone; a template change also clears the "needs a template" problem. */
function withoutProblem(problems: Problems, patch: Partial<PresetDraft>): Problems {
  const next = { ...problems };
  if ("name" in patch) delete next.name;
  if ("positive" in patch || "negative" in patch) {
    delete next.positive_prompt;
    delete next.negative_prompt;
  }
  return next;
}

/** Edits one preset (built-in ones are shown read-only), previews it, and saves, copies or deletes it. */
export function PresetEditor({ preset, initial, onSaved, onDeleted, onCancel, onUse }: Props) {
  const commands = usePresetCommands();
  const names = (useStylePresets().data?.presets ?? []).map((other) => other.name);
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<Problems>({});
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (preset) setDraft(draftOf(preset));
  }, [preset]);
  const readOnly = preset?.type === "builtin";
  const dirty = isDirty(preset, draft, initial);
  const preview = usePresetPreview(preset, draft, dirty);
  const saving = preset ? commands.update : commands.create;
  const showProblems = (error: unknown) => setProblems(presetProblems(error).fields);

  const edit = (patch: Partial<PresetDraft>) => {
    setDraft({ ...draft, ...patch });
    setProblems(withoutProblem(problems, patch));
  };
  const save = () => {
    const options = { onSuccess: onSaved, onError: showProblems };
    if (preset) commands.update.mutate({ id: preset.id, changes: changesOf(preset, draft) }, options);
    else commands.create.mutate(createBody(draft), options);
  };
  const duplicate = (source: StylePreset) =>
    commands.create.mutate(
      {
        name: copyName(source.name, names),
        positive_prompt: source.positive_prompt,
        negative_prompt: source.negative_prompt,
      },
      { onSuccess: onSaved },
    );

  return (
    <Stack gap="sm" data-testid="preset-editor">
      <Group justify="space-between" wrap="nowrap">
        <Title order={5} lineClamp={1}>
          {preset ? preset.name : "New preset"}
        </Title>
        {readOnly && (
          <Badge variant="light" color="gray" leftSection={<IconLock size={12} />}>
            Built in · read-only
          </Badge>
        )}
      </Group>
      {readOnly && (
        <Text size="xs" c="dimmed">
          Built-in presets cannot be changed. Duplicate one to make an editable copy of your own.
        </Text>
      )}
      <PresetFields draft={draft} onChange={edit} problems={problems} readOnly={readOnly} />
      <PresetPreview preview={preview} />
      {confirming && preset ? (
        <Alert color="red" title={`Delete ${preset.name}?`} data-testid="preset-delete-confirm">
          <Text size="sm">This cannot be undone.</Text>
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color="red"
              loading={commands.remove.isPending}
              onClick={() => commands.remove.mutate(preset.id, { onSuccess: onDeleted })}
              data-testid="preset-delete-yes"
            >
              Delete
            </Button>
          </Group>
        </Alert>
      ) : (
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            {preset && !readOnly && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconTrash size={14} />}
                onClick={() => setConfirming(true)}
                data-testid="preset-delete"
              >
                Delete…
              </Button>
            )}
            {preset && (
              <Button
                variant="default"
                leftSection={<IconCopy size={14} />}
                loading={commands.create.isPending}
                onClick={() => duplicate(preset)}
                data-testid="preset-duplicate"
              >
                Duplicate
              </Button>
            )}
          </Group>
          <Group gap="xs">
            {preset ? (
              <Button variant="default" onClick={() => onUse(preset.id)} data-testid="preset-use">
                Use
              </Button>
            ) : (
              <Button variant="default" onClick={onCancel}>
                Cancel
              </Button>
            )}
            {!readOnly && preset && (
              <Button variant="default" disabled={!dirty} onClick={() => edit(draftOf(preset))}>
                Revert
              </Button>
            )}
            {!readOnly && (
              <Button
                leftSection={<IconDeviceFloppy size={14} />}
                disabled={preset !== null && !dirty}
                loading={saving.isPending}
                onClick={save}
                data-testid="preset-save"
              >
                {preset ? "Save" : "Create"}
              </Button>
            )}
          </Group>
        </Group>
      )}
    </Stack>
  );
}
