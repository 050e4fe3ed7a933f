import { Button, Group, Modal, SimpleGrid, Text } from "@mantine/core";
import { useState } from "react";
import { thumbnailUrl } from "@/common/lib/urls";
import { useImageCommands } from "../hooks/useImageCommands";
import { useDialogStore } from "../store/dialogStore";

/** Asks before deleting images: deleting removes the files and cannot be undone. */
export function DeleteImagesModal() {
  const deleting = useDialogStore((state) => state.deleting);
  const close = useDialogStore((state) => state.close);
  const { remove } = useImageCommands();
  const [busy, setBusy] = useState(false);
  const count = deleting?.length ?? 0;

  const confirm = async () => {
    if (!deleting) return;
    setBusy(true);
    await remove(deleting);
    setBusy(false);
    close();
  };

  return (
    <Modal
      opened={deleting !== null}
      onClose={close}
      title={`Delete ${count} image${count === 1 ? "" : "s"}?`}
      centered
    >
      <SimpleGrid cols={6} spacing={4} mb="sm">
        {(deleting ?? []).slice(0, 12).map((name) => (
          <img
            key={name}
            src={thumbnailUrl(name)}
            alt=""
            style={{ width: "100%", aspectRatio: "1", objectFit: "cover", borderRadius: 4 }}
          />
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        The files are removed from disk. This cannot be undone.
      </Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={close}>
          Cancel
        </Button>
        <Button color="red" onClick={confirm} loading={busy} data-autofocus data-testid="confirm-delete">
          Delete
        </Button>
      </Group>
    </Modal>
  );
}
