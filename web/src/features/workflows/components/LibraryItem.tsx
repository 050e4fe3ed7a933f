/** One workflow of the library: its thumbnail, name and tags, with its commands (copy, thumbnail, delete). */
import { ActionIcon, Badge, Button, Group, Image, Menu, Popover, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconCopy, IconDots, IconPhoto, IconPhotoOff, IconPhotoPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { Schemas } from "@/api/client";
import { thumbnailUrl } from "@/common/lib/urls";
import { useLibraryCommands } from "../hooks/useLibrary";
import { ThumbnailPicker } from "./ThumbnailPicker";

type WorkflowSummary = Schemas["WorkflowSummary"];

function Thumbnail({ name }: { name: string | null | undefined }) {
  if (!name)
    return (
      <Stack w={56} h={56} align="center" justify="center" bg="dark.6" style={{ borderRadius: 4, flex: "none" }}>
        <IconPhoto size={20} color="var(--mantine-color-dark-3)" />
      </Stack>
    );
  return (
    <Image
      src={thumbnailUrl(name)}
      w={56}
      h={56}
      radius={4}
      fit="cover"
      style={{ flex: "none" }}
      alt=""
      data-testid="workflow-thumbnail"
    />
  );
}

function DeleteConfirm({ item, onClose }: { item: WorkflowSummary; onClose: () => void }) {
  const { remove } = useLibraryCommands();
  return (
    <Stack gap="xs" maw={260}>
      <Text size="sm">Delete “{item.name}”? This cannot be undone.</Text>
      <Group justify="flex-end" gap="xs">
        <Button size="xs" variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button
          size="xs"
          color="red"
          data-testid="workflow-delete-confirm"
          onClick={() => {
            onClose();
            void remove(item.id, item.name);
          }}
        >
          Delete
        </Button>
      </Group>
    </Stack>
  );
}

function ItemMenu({ item, lastImage }: { item: WorkflowSummary; lastImage: string | null }) {
  const { duplicate, setThumbnail } = useLibraryCommands();
  const [confirming, setConfirming] = useState(false);
  const [picking, setPicking] = useState(false);
  const close = () => {
    setConfirming(false);
    setPicking(false);
  };
  const user = item.category === "user";
  return (
    <Popover opened={confirming || picking} onChange={(open) => open || close()} position="left">
      <Popover.Target>
        <div>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={`Commands of ${item.name}`} data-testid="workflow-menu">
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconCopy size={14} />}
                onClick={() => void duplicate(item.id)}
                data-testid="workflow-duplicate"
              >
                Duplicate
              </Menu.Item>
              <Menu.Item
                leftSection={<IconPhotoPlus size={14} />}
                disabled={!user || lastImage === null}
                onClick={() => lastImage && void setThumbnail(item.id, lastImage)}
                data-testid="workflow-thumbnail-last"
              >
                Use the last image as thumbnail
              </Menu.Item>
              <Menu.Item leftSection={<IconPhoto size={14} />} disabled={!user} onClick={() => setPicking(true)}>
                Pick a thumbnail…
              </Menu.Item>
              <Menu.Item
                leftSection={<IconPhotoOff size={14} />}
                disabled={!user || !item.thumbnail}
                onClick={() => void setThumbnail(item.id, null)}
              >
                Remove the thumbnail
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                disabled={!user}
                onClick={() => setConfirming(true)}
                data-testid="workflow-delete"
              >
                Delete…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </div>
      </Popover.Target>
      <Popover.Dropdown>
        {confirming && <DeleteConfirm item={item} onClose={() => setConfirming(false)} />}
        {picking && (
          <ThumbnailPicker
            onPick={(name) => {
              setPicking(false);
              void setThumbnail(item.id, name);
            }}
          />
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

export function LibraryItem({
  item,
  lastImage,
  onOpen,
}: {
  item: WorkflowSummary;
  lastImage: string | null;
  onOpen: (id: string) => void;
}) {
  return (
    <Group
      wrap="nowrap"
      gap="sm"
      p={6}
      style={{ borderRadius: 4, border: "1px solid var(--mantine-color-dark-4)" }}
      data-testid="workflow-item"
      data-name={item.name}
    >
      <UnstyledButton onClick={() => onOpen(item.id)} style={{ flex: 1, minWidth: 0 }} data-testid="workflow-item-open">
        <Group wrap="nowrap" gap="sm">
          <Thumbnail name={item.thumbnail} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={500} truncate>
                {item.name}
              </Text>
              <Badge size="xs" variant="light" color={item.category === "default" ? "gray" : "blue"}>
                {item.category === "default" ? "shipped" : "mine"}
              </Badge>
            </Group>
            {item.description && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {item.description}
              </Text>
            )}
            <Text size="xs" c="dimmed" truncate>
              {item.tags.join(" · ")}
            </Text>
          </Stack>
        </Group>
      </UnstyledButton>
      <ItemMenu item={item} lastImage={lastImage} />
    </Group>
  );
}
