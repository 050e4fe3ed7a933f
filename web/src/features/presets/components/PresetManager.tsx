import { Box, Divider, Group, Modal, Stack, Text } from "@mantine/core";
import { useRef, useState } from "react";
import { useStylePresets } from "@/features/generate/hooks/useGenerateData";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { draftFromPrompts, draftOf, EMPTY_DRAFT, type PresetDraft } from "../lib/draft";
import { PresetEditor } from "./PresetEditor";
import { PresetList } from "./PresetList";
import { PresetTransfer } from "./PresetTransfer";

/** What the editor shows: a saved preset, or a new one started from a draft. */
type Selection = { id: string } | { draft: PresetDraft; serial: number } | null;

function ManagerBody({ onClose }: { onClose: () => void }) {
  const presets = useStylePresets().data?.presets ?? [];
  const picked = useGenerateStore((state) => state.stylePreset);
  const update = useGenerateStore((state) => state.update);
  const [selection, setSelection] = useState<Selection>(() => (picked ? { id: picked } : null));
  const serials = useRef(0);
  const startNew = (draft: PresetDraft) => setSelection({ draft, serial: ++serials.current });
  const fromPrompt = () => {
    const { prompt, negativePrompt } = useGenerateStore.getState();
    startNew(draftFromPrompts(prompt, negativePrompt));
  };
  const preset = selection && "id" in selection ? (presets.find((item) => item.id === selection.id) ?? null) : null;
  const newDraft = selection && "draft" in selection ? selection : null;

  return (
    <Group align="stretch" wrap="nowrap" gap="md" h="min(640px, 75vh)" data-testid="preset-manager">
      <Stack w={250} gap="xs" style={{ flexShrink: 0 }}>
        <Box style={{ flex: 1, minHeight: 0 }}>
          <PresetList
            presets={presets}
            selected={preset?.id ?? null}
            onSelect={(id) => setSelection({ id })}
            onNew={() => startNew(EMPTY_DRAFT)}
            onNewFromPrompt={fromPrompt}
          />
        </Box>
        <PresetTransfer userCount={presets.filter((item) => item.type === "user").length} />
      </Stack>
      <Divider orientation="vertical" />
      <Box style={{ flex: 1, minWidth: 0, overflowY: "auto" }}>
        {preset || newDraft ? (
          <PresetEditor
            key={preset ? preset.id : `new-${newDraft?.serial}`}
            preset={preset}
            initial={preset ? draftOf(preset) : (newDraft?.draft ?? EMPTY_DRAFT)}
            onSaved={(saved) => setSelection({ id: saved.id })}
            onDeleted={() => setSelection(null)}
            onCancel={() => setSelection(null)}
            onUse={(id) => {
              update({ stylePreset: id });
              onClose();
            }}
          />
        ) : (
          <Text size="sm" c="dimmed" ta="center" mt="xl">
            Pick a preset to see or edit it, or start a new one.
          </Text>
        )}
      </Box>
    </Group>
  );
}

/** The style presets in a dialog: browse, create, edit, copy, delete, export and import. */
export function PresetManager({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Style presets" size={920}>
      {opened && <ManagerBody onClose={onClose} />}
    </Modal>
  );
}
