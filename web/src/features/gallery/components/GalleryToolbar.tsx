import { ActionIcon, Group, Menu, SegmentedControl, Text, TextInput, Tooltip } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import {
  IconDownload,
  IconFolderShare,
  IconPhotoCheck,
  IconSearch,
  IconStar,
  IconStarOff,
  IconTrash,
  IconX,
} from "@tabler/icons-react";
import { useState } from "react";
import { useBoards } from "../hooks/useGallery";
import { useImageCommands } from "../hooks/useImageCommands";
import { useDialogStore } from "../store/dialogStore";
import { type GalleryView, useGalleryStore } from "../store/galleryStore";

function SearchBox() {
  const search = useGalleryStore((state) => state.search);
  const setSearch = useGalleryStore((state) => state.setSearch);
  const [text, setText] = useState(search);
  const debounced = useDebouncedCallback(setSearch, 300);
  return (
    <TextInput
      placeholder="Search prompts"
      leftSection={<IconSearch size={14} />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        debounced(event.currentTarget.value);
      }}
      style={{ flex: 1 }}
      aria-label="Search prompts"
    />
  );
}

function MoveMenu({ names }: { names: string[] }) {
  const boards = useBoards(false).data ?? [];
  const { move } = useImageCommands();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label="Move to board">
          <ActionIcon variant="subtle" color="gray" aria-label="Move to board">
            <IconFolderShare size={16} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => void move(names, null, "Uncategorized")}>Uncategorized</Menu.Item>
        {boards.map((board) => (
          <Menu.Item key={board.board_id} onClick={() => void move(names, board.board_id, board.board_name)}>
            {board.board_name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function SelectionActions() {
  const names = useGalleryStore((state) => state.selection.names);
  const focus = useGalleryStore((state) => state.focus);
  const confirmDelete = useDialogStore((state) => state.confirmDelete);
  const commands = useImageCommands();
  if (names.length === 0) return null;
  return (
    <Group gap={2} wrap="nowrap" data-testid="selection-actions">
      <Text size="xs" c="dimmed" mr={4}>
        {names.length} selected
      </Text>
      <Tooltip label="Star">
        <ActionIcon variant="subtle" color="gray" onClick={() => void commands.star(names, true)} aria-label="Star">
          <IconStar size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Unstar">
        <ActionIcon variant="subtle" color="gray" onClick={() => void commands.star(names, false)} aria-label="Unstar">
          <IconStarOff size={16} />
        </ActionIcon>
      </Tooltip>
      <MoveMenu names={names} />
      <Tooltip label="Download as ZIP">
        <ActionIcon variant="subtle" color="gray" onClick={() => void commands.download(names)} aria-label="Download">
          <IconDownload size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Delete (Del)">
        <ActionIcon variant="subtle" color="red" onClick={() => confirmDelete(names)} aria-label="Delete">
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Clear the selection (Esc)">
        <ActionIcon variant="subtle" color="gray" onClick={() => focus(null)} aria-label="Clear selection">
          <IconX size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** Images or assets, the prompt search, the auto-switch toggle and the actions on the selection. */
export function GalleryToolbar() {
  const view = useGalleryStore((state) => state.view);
  const setView = useGalleryStore((state) => state.setView);
  const autoSwitch = useGalleryStore((state) => state.autoSwitch);
  const setAutoSwitch = useGalleryStore((state) => state.setAutoSwitch);
  return (
    <Group gap={6} p="xs" wrap="wrap">
      <Group gap={6} wrap="nowrap" w="100%">
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(value) => setView(value as GalleryView)}
          data={[
            { value: "images", label: "Images" },
            { value: "assets", label: "Assets" },
          ]}
        />
        <SearchBox />
        <Tooltip label={autoSwitch ? "New images show in the viewer (on)" : "New images show in the viewer (off)"}>
          <ActionIcon
            variant={autoSwitch ? "light" : "subtle"}
            color={autoSwitch ? "orange" : "gray"}
            onClick={() => setAutoSwitch(!autoSwitch)}
            aria-label="Show new images in the viewer"
          >
            <IconPhotoCheck size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <SelectionActions />
    </Group>
  );
}
