import { ActionIcon, Divider, Group, Text, Tooltip } from "@mantine/core";
import {
  IconAdjustments,
  IconArrowsMaximize,
  IconCopy,
  IconDownload,
  IconExternalLink,
  IconInfoCircle,
  IconLayersSubtract,
  IconLayoutColumns,
  IconPhotoEdit,
  IconPhotoStar,
  IconPhotoUp,
  IconStar,
  IconStarFilled,
  IconTrash,
  IconZoomIn,
  IconZoomOut,
} from "@tabler/icons-react";
import { copyStoredImage } from "@/common/components/copyImage";
import { imageUrl } from "@/common/lib/urls";
import type { ImageRecord } from "@/features/gallery/hooks/useGallery";
import { useBoardCommands } from "@/features/gallery/hooks/useBoardCommands";
import { useImageCommands } from "@/features/gallery/hooks/useImageCommands";
import { useDialogStore } from "@/features/gallery/store/dialogStore";
import { useGalleryStore } from "@/features/gallery/store/galleryStore";
import { useUseImage } from "../hooks/useUseImage";
import { nextZoom, useViewerStore } from "../store/viewerStore";

function Tool({
  label,
  onClick,
  children,
  active,
  testId,
}: {
  label: string;
  onClick: () => void;
  children: React.ReactNode;
  active?: boolean;
  testId?: string;
}) {
  return (
    <Tooltip label={label}>
      <ActionIcon
        variant={active ? "light" : "subtle"}
        color={active ? "orange" : "gray"}
        onClick={onClick}
        aria-label={label}
        data-testid={testId}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** Actions on the image in the viewer. */
export function ViewerToolbar({ record }: { record: ImageRecord }) {
  const name = record.image_name;
  const viewer = useViewerStore();
  const commands = useImageCommands();
  const boards = useBoardCommands();
  const use = useUseImage();
  const confirmDelete = useDialogStore((state) => state.confirmDelete);
  const selection = useGalleryStore((state) => state.selection.names);

  const compare = () => {
    if (viewer.compareWith) return viewer.setCompare(null);
    const other = selection.length === 2 ? selection.find((selected) => selected !== name) : undefined;
    viewer.setCompare(other ?? name);
  };

  return (
    <Group
      gap={2}
      px="xs"
      py={4}
      wrap="nowrap"
      justify="space-between"
      style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}
    >
      <Group gap={2} wrap="nowrap">
        <Tool label="Use as init image" onClick={() => use.asInitImage(name)} testId="use-as-init">
          <IconPhotoEdit size={16} />
        </Tool>
        <Tool label="Use as control image" onClick={() => use.asControlImage(name)}>
          <IconAdjustments size={16} />
        </Tool>
        <Tool label="Send to canvas" onClick={() => use.toCanvas(name)} testId="send-to-canvas">
          <IconLayersSubtract size={16} />
        </Tool>
        <Tool label="Upscale" onClick={() => use.toUpscale(name)} testId="send-to-upscale">
          <IconPhotoUp size={16} />
        </Tool>
        <Tool
          label={viewer.compareWith ? "Stop comparing" : "Compare (pin this image, then pick another)"}
          onClick={compare}
          active={!!viewer.compareWith}
          testId="compare"
        >
          <IconLayoutColumns size={16} />
        </Tool>
        <Divider orientation="vertical" mx={4} />
        <Tool label="Fit" onClick={() => viewer.setZoom(null)} active={viewer.zoom === null}>
          <IconArrowsMaximize size={16} />
        </Tool>
        <Tool label="Zoom out" onClick={() => viewer.setZoom(nextZoom(viewer.zoom ?? 1, -1))}>
          <IconZoomOut size={16} />
        </Tool>
        <Tool label="Zoom in" onClick={() => viewer.setZoom(nextZoom(viewer.zoom ?? 1, 1))}>
          <IconZoomIn size={16} />
        </Tool>
        <Text size="xs" c="dimmed" w={44} ta="center">
          {viewer.zoom === null ? "fit" : `${viewer.zoom * 100}%`}
        </Text>
      </Group>
      <Group gap={2} wrap="nowrap">
        <Tool
          label={record.starred ? "Unstar" : "Star"}
          onClick={() => void commands.star([name], !record.starred)}
          testId="viewer-star"
        >
          {record.starred ? <IconStarFilled size={16} color="var(--mantine-color-yellow-4)" /> : <IconStar size={16} />}
        </Tool>
        {record.board_id && (
          <Tool
            label="Use as the board's cover"
            onClick={() => record.board_id && void boards.setCover(record.board_id, name)}
          >
            <IconPhotoStar size={16} />
          </Tool>
        )}
        <Tool label="Copy image" onClick={() => void copyStoredImage(name)} testId="viewer-copy">
          <IconCopy size={16} />
        </Tool>
        <Tool label="Download" onClick={() => void commands.download([name])}>
          <IconDownload size={16} />
        </Tool>
        <Tool label="Open in a new tab" onClick={() => window.open(imageUrl(name), "_blank")}>
          <IconExternalLink size={16} />
        </Tool>
        <Tool label="Delete" onClick={() => confirmDelete([name])}>
          <IconTrash size={16} />
        </Tool>
        <Tool
          label="Metadata (I)"
          onClick={viewer.toggleMetadata}
          active={viewer.showMetadata}
          testId="toggle-metadata"
        >
          <IconInfoCircle size={16} />
        </Tool>
      </Group>
    </Group>
  );
}
