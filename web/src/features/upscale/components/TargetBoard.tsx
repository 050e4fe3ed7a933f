import { Text } from "@mantine/core";
import { useBoards } from "@/features/gallery/hooks/useGallery";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { useUpscaleStore } from "../store/upscaleStore";

/** Where the result goes: the board selected in the gallery, as for generated images. */
export function TargetBoard() {
  const board = targetBoard(useGalleryStore((state) => state.boardId));
  const boards = useBoards(true).data;
  const problem = useUpscaleStore((state) => state.problems.board);
  const name = board ? (boards?.find((record) => record.board_id === board)?.board_name ?? "…") : null;
  return (
    <div>
      <Text size="xs" c="dimmed" data-testid="upscale-board">
        {name === null ? "The result goes to Uncategorized" : `The result goes to the board “${name}”`} (pick another
        board in the gallery).
      </Text>
      {problem && (
        <Text size="xs" c="red" data-problem>
          {problem}
        </Text>
      )}
    </div>
  );
}
