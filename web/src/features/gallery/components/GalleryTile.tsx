import { Box } from "@mantine/core";
import { IconStarFilled } from "@tabler/icons-react";
import { memo, type MouseEvent } from "react";
import { setDraggedImages } from "@/common/lib/dnd";
import { thumbnailUrl } from "@/common/lib/urls";
import { dragNames } from "../lib/selection";
import { useGalleryStore } from "../store/galleryStore";

interface TileProps {
  name: string;
  size: number;
  starred: boolean;
  selected: boolean;
  focused: boolean;
  onClick: (name: string, event: MouseEvent) => void;
}

/** One thumbnail: click to select (Shift/Ctrl for many), drag onto a board or an image input. */
export const GalleryTile = memo(function GalleryTile({ name, size, starred, selected, focused, onClick }: TileProps) {
  const outline = focused
    ? "2px solid var(--mantine-color-orange-4)"
    : selected
      ? "2px solid var(--mantine-color-orange-8)"
      : "none";
  return (
    <Box
      draggable
      onDragStart={(event) => {
        const names = dragNames(useGalleryStore.getState().selection, name);
        setDraggedImages(event.dataTransfer, names, window.location.origin);
      }}
      onClick={(event) => onClick(name, event)}
      data-testid="gallery-image"
      data-image-name={name}
      data-selected={selected || undefined}
      style={{
        position: "relative",
        width: size,
        height: size,
        borderRadius: 6,
        overflow: "hidden",
        outline,
        outlineOffset: -2,
        cursor: "pointer",
        background: "var(--mantine-color-dark-6)",
      }}
    >
      <img
        src={thumbnailUrl(name)}
        alt=""
        loading="lazy"
        draggable={false}
        className="impasto-pixelated"
        style={{
          width: "100%",
          height: "100%",
          objectFit: "cover",
          display: "block",
          opacity: selected && !focused ? 0.85 : 1,
        }}
      />
      {starred && (
        <IconStarFilled
          size={14}
          color="var(--mantine-color-yellow-4)"
          style={{ position: "absolute", top: 4, right: 4, filter: "drop-shadow(0 0 2px black)" }}
          data-testid="tile-star"
        />
      )}
    </Box>
  );
});
