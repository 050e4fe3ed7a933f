import { ActionIcon, Group, ScrollArea, Stack, Switch, Text, Tooltip } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useBoardCommands } from "../hooks/useBoardCommands";
import { type BoardRecord, useBoards, useUncategorized } from "../hooks/useGallery";
import { useImageCommands } from "../hooks/useImageCommands";
import { ALL_BOARDS, NO_BOARD, useGalleryStore } from "../store/galleryStore";
import { BoardNameModal, DeleteBoardModal } from "./BoardDialogs";
import { BoardRow } from "./BoardRow";

/** The boards with their counts: "All images", "Uncategorized" and the user's boards. */
export function BoardList() {
  const boardId = useGalleryStore((state) => state.boardId);
  const selectBoard = useGalleryStore((state) => state.selectBoard);
  const showArchived = useGalleryStore((state) => state.showArchived);
  const setShowArchived = useGalleryStore((state) => state.setShowArchived);
  const everyBoard = useBoards(true).data ?? [];
  const boards = showArchived ? everyBoard : everyBoard.filter((board) => !board.archived);
  const uncategorized = useUncategorized().data;
  const commands = useBoardCommands();
  const images = useImageCommands();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<BoardRecord | null>(null);
  const [deleting, setDeleting] = useState<BoardRecord | null>(null);
  const total = everyBoard.reduce((sum, board) => sum + board.image_count, 0) + (uncategorized?.image_count ?? 0);

  const create = async (name: string) => {
    const board = await commands.create(name);
    if (board) selectBoard(board.board_id);
  };

  return (
    <Stack gap={4} p="xs" style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}>
      <Group justify="space-between">
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          Boards
        </Text>
        <Group gap={6}>
          <Switch
            size="xs"
            label="Archived"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.currentTarget.checked)}
          />
          <Tooltip label="New board">
            <ActionIcon
              size="sm"
              variant="light"
              onClick={() => setCreating(true)}
              aria-label="New board"
              data-testid="new-board"
            >
              <IconPlus size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <ScrollArea.Autosize mah={220} type="auto">
        <Stack gap={2}>
          <BoardRow
            id={ALL_BOARDS}
            name="All images"
            count={total}
            selected={boardId === ALL_BOARDS}
            onSelect={() => selectBoard(ALL_BOARDS)}
          />
          <BoardRow
            id={NO_BOARD}
            name="Uncategorized"
            count={uncategorized?.image_count ?? 0}
            cover={uncategorized?.cover_image_name}
            selected={boardId === NO_BOARD}
            onSelect={() => selectBoard(NO_BOARD)}
            onDropImages={(names) => void images.move(names, null, "Uncategorized")}
            onDownload={() => void images.downloadBoard(NO_BOARD)}
          />
          {boards.map((board) => (
            <BoardRow
              key={board.board_id}
              id={board.board_id}
              name={board.board_name}
              count={board.image_count}
              cover={board.cover_image_name}
              archived={board.archived}
              selected={boardId === board.board_id}
              onSelect={() => selectBoard(board.board_id)}
              onDropImages={(names) => void images.move(names, board.board_id, board.board_name)}
              onRename={() => setRenaming(board)}
              onArchive={(archived) => void commands.archive(board.board_id, archived)}
              onDelete={() => setDeleting(board)}
              onDownload={() => void images.downloadBoard(board.board_id)}
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
      <BoardNameModal
        opened={creating}
        title="New board"
        initial=""
        onClose={() => setCreating(false)}
        onSubmit={create}
      />
      <BoardNameModal
        opened={renaming !== null}
        title="Rename board"
        initial={renaming?.board_name ?? ""}
        onClose={() => setRenaming(null)}
        onSubmit={(name) => renaming && void commands.rename(renaming.board_id, name)}
      />
      <DeleteBoardModal
        board={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={(deleteImages) => {
          if (!deleting) return;
          if (boardId === deleting.board_id) selectBoard(ALL_BOARDS);
          void commands.remove(deleting.board_id, deleteImages);
        }}
      />
    </Stack>
  );
}
