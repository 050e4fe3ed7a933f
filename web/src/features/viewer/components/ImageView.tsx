import { Box } from "@mantine/core";
import { type WheelEvent } from "react";
import { imageUrl } from "@/common/lib/urls";
import { nextZoom, useViewerStore } from "../store/viewerStore";

/**
 * The full image: fitted to the viewer (small images are scaled up with crisp pixels) or at a zoom
 * factor in a scrollable area. Ctrl/Cmd+wheel zooms.
 */
export function ImageView({ name, width, height }: { name: string; width: number; height: number }) {
  const zoom = useViewerStore((state) => state.zoom);
  const setZoom = useViewerStore((state) => state.setZoom);

  const onWheel = (event: WheelEvent) => {
    if (!event.ctrlKey && !event.metaKey) return;
    event.preventDefault();
    setZoom(nextZoom(zoom ?? 1, event.deltaY < 0 ? 1 : -1));
  };

  if (zoom === null) {
    return (
      <Box style={{ flex: 1, minHeight: 0, display: "flex", padding: 12 }} onWheel={onWheel}>
        <img
          src={imageUrl(name)}
          alt=""
          className="impasto-pixelated impasto-checker"
          data-testid="viewer-image"
          data-image-name={name}
          style={{ width: "100%", height: "100%", objectFit: "contain", background: "transparent" }}
        />
      </Box>
    );
  }
  return (
    <Box style={{ flex: 1, minHeight: 0, overflow: "auto", display: "grid", placeItems: "center" }} onWheel={onWheel}>
      <img
        src={imageUrl(name)}
        alt=""
        className="impasto-pixelated"
        data-testid="viewer-image"
        data-image-name={name}
        style={{ width: width * zoom, height: height * zoom, maxWidth: "none" }}
      />
    </Box>
  );
}
