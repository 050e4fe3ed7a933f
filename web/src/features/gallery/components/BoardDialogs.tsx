import { Button, Group, Modal, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import type { BoardRecord } from "../hooks/useGallery";

/** Asks for a board name (to create or rename a board). */
export function BoardNameModal({
  opened,
  title,
  initial,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  title: string;
  initial: string;
  onClose: () => void;
  onSubmit: (name: string) => void;
}) {
  const [name, setName] = useState(initial);
  useEffect(() => setName(initial), [initial, opened]);
  const trimmed = name.trim();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered size="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!trimmed) return;
          onSubmit(trimmed);
          onClose();
        }}
      >
        <TextInput
          label="Name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          data-autofocus
          maxLength={255}
          size="sm"
          data-testid="board-name-input"
        />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!trimmed} data-testid="board-name-submit">
            Save
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

/** Deleting a board: its images move to Uncategorized, or go with it. */
export function DeleteBoardModal({
  board,
  onClose,
  onConfirm,
}: {
  board: BoardRecord | null;
  onClose: () => void;
  onConfirm: (deleteImages: boolean) => void;
}) {
  const [mode, setMode] = useState("keep");
  useEffect(() => setMode("keep"), [board]);
  const total = (board?.image_count ?? 0) + (board?.asset_count ?? 0);
  return (
    <Modal opened={board !== null} onClose={onClose} title={`Delete the board “${board?.board_name ?? ""}”?`} centered>
      <Stack>
        <Radio.Group value={mode} onChange={setMode}>
          <Stack gap="xs">
            <Radio
              value="keep"
              label={`Keep its ${total} image${total === 1 ? "" : "s"} (they move to Uncategorized)`}
            />
            <Radio value="delete" color="red" label={`Delete its ${total} image${total === 1 ? "" : "s"} too`} />
          </Stack>
        </Radio.Group>
        {mode === "delete" && (
          <Text size="sm" c="red">
            Deleted images are removed from disk. This cannot be undone.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            onClick={() => {
              onConfirm(mode === "delete");
              onClose();
            }}
          >
            Delete board
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
