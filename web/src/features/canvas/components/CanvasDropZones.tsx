/** The drop zones shown over the stage while an image is dragged onto it (see `useStageDrop`). */
import { Box, Text } from "@mantine/core";
import type { DropTarget, ZoneBox } from "../lib/dropZones";

function Zone({ zone, active }: { zone: ZoneBox; active: boolean }) {
  return (
    <Box
      data-testid={`canvas-drop-${zone.target}`}
      data-active={active || undefined}
      style={{
        position: "absolute",
        left: zone.rect.x,
        top: zone.rect.y,
        width: zone.rect.width,
        height: zone.rect.height,
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        textAlign: "center",
        padding: 8,
        borderRadius: 8,
        border: `2px dashed var(--mantine-color-${active ? "orange-4" : "gray-5"})`,
        background: active ? "rgba(255, 146, 43, 0.3)" : "rgba(20, 20, 20, 0.75)",
      }}
    >
      <Text size="sm" fw={active ? 700 : 500}>
        {zone.label}
      </Text>
    </Box>
  );
}

/** Zones for the layer kinds; the rest of the stage says that a drop there makes a raster layer. */
export function CanvasDropZones({ zones, hovered }: { zones: ZoneBox[] | null; hovered: DropTarget | null }) {
  if (!zones) return null;
  return (
    <Box style={{ position: "absolute", inset: 0, pointerEvents: "none" }} data-testid="canvas-drop-zones">
      {zones.map((zone) => (
        <Zone key={zone.target} zone={zone} active={zone.target === hovered} />
      ))}
      <Text
        size="sm"
        data-testid="canvas-drop-raster"
        data-active={hovered === "raster" || undefined}
        style={{
          position: "absolute",
          top: 16,
          left: 0,
          right: 0,
          textAlign: "center",
          fontWeight: hovered === "raster" ? 700 : 400,
          textShadow: "0 0 4px black",
        }}
      >
        Drop anywhere else on the stage: new raster layer at that point
      </Text>
    </Box>
  );
}
