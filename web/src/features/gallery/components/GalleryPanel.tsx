import { Box, Button, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSparkles } from "@tabler/icons-react";
import { describeError } from "@/api/errors";
import { useUiStore } from "@/app/uiStore";
import { useDropTarget } from "@/common/hooks/useDropTarget";
import { firstImageFile } from "@/common/lib/dnd";
import { uploadImage } from "@/common/lib/files";
import { useAction } from "@/features/shortcuts/actions";
import { useCurrentImageQuery, useImageNames } from "../hooks/useGallery";
import { useDialogStore } from "../store/dialogStore";
import { targetBoard, useGalleryStore } from "../store/galleryStore";
import { BoardList } from "./BoardList";
import { DeleteImagesModal } from "./DeleteImagesModal";
import { GalleryGrid } from "./GalleryGrid";
import { GalleryToolbar } from "./GalleryToolbar";

function EmptyGallery() {
  const setTab = useUiStore((state) => state.setTab);
  const view = useGalleryStore((state) => state.view);
  return (
    <>
      <Text size="sm" c="dimmed" ta="center">
        {view === "images" ? "No images here yet." : "No assets here yet."} Generate one, or drop image files here to
        upload them.
      </Text>
      {view === "images" && (
        <Button size="xs" variant="light" leftSection={<IconSparkles size={14} />} onClick={() => setTab("generate")}>
          Go to Generate
        </Button>
      )}
    </>
  );
}

function useGalleryShortcuts(names: string[]) {
  const confirmDelete = useDialogStore((state) => state.confirmDelete);
  useAction({
    id: "gallery.delete",
    title: "Delete the selected images",
    keys: ["Delete", "Backspace"],
    enabled: () => useGalleryStore.getState().selection.names.length > 0,
    perform: () => confirmDelete(useGalleryStore.getState().selection.names),
  });
  useAction({
    id: "gallery.select-all",
    title: "Select every image on the board",
    keys: ["mod+a"],
    perform: () => useGalleryStore.getState().selectAll(names),
  });
  useAction({
    id: "gallery.clear-selection",
    title: "Clear the selection",
    keys: ["Escape"],
    enabled: () => useGalleryStore.getState().selection.names.length > 0,
    perform: () => useGalleryStore.getState().focus(null),
  });
}

/** Boards, the toolbar and the virtualized grid; image files dropped here are uploaded to the board. */
export function GalleryPanel() {
  const query = useCurrentImageQuery();
  const names = useImageNames(query).data ?? [];
  const boardId = useGalleryStore((state) => state.boardId);
  const view = useGalleryStore((state) => state.view);
  useGalleryShortcuts(names);

  const upload = async (files: File[]) => {
    const images = files.filter((file) => firstImageFile([file]));
    for (const file of images) {
      try {
        await uploadImage(file, { category: view === "images" ? "general" : "user", boardId: targetBoard(boardId) });
      } catch (error) {
        notifications.show({ color: "red", title: `Could not upload ${file.name}`, message: describeError(error) });
      }
    }
  };
  const { props, active } = useDropTarget({ onFiles: (files) => void upload(files) });

  return (
    <Stack
      gap={0}
      h="100%"
      {...props}
      className={active ? "impasto-drop-target" : undefined}
      data-testid="gallery-panel"
    >
      <BoardList />
      <GalleryToolbar />
      <Box style={{ flex: 1, minHeight: 0, display: "flex", flexDirection: "column" }}>
        <GalleryGrid query={query} onEmpty={<EmptyGallery />} />
      </Box>
      <DeleteImagesModal />
    </Stack>
  );
}
