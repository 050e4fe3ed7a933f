import { Box, Group, SegmentedControl, Text } from "@mantine/core";
import { type PointerEvent, useRef, useState } from "react";
import { imageUrl } from "@/common/lib/urls";
import { type CompareMode, useViewerStore } from "../store/viewerStore";

const imageStyle = {
  width: "100%",
  height: "100%",
  objectFit: "contain" as const,
  position: "absolute" as const,
  inset: 0,
};

/** A slider between two images laid over each other: drag to reveal one or the other. */
function SliderCompare({ left, right }: { left: string; right: string }) {
  const [split, setSplit] = useState(50);
  const area = useRef<HTMLDivElement>(null);
  const move = (event: PointerEvent) => {
    if (event.buttons !== 1 || !area.current) return;
    const box = area.current.getBoundingClientRect();
    setSplit(Math.min(100, Math.max(0, ((event.clientX - box.left) / box.width) * 100)));
  };
  return (
    <Box
      ref={area}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        move(event);
      }}
      onPointerMove={move}
      style={{ position: "relative", flex: 1, minHeight: 0, margin: 12, cursor: "ew-resize", touchAction: "none" }}
      data-testid="compare-slider"
    >
      <img src={imageUrl(left)} alt="" className="impasto-pixelated" style={imageStyle} draggable={false} />
      <img
        src={imageUrl(right)}
        alt=""
        className="impasto-pixelated"
        style={{ ...imageStyle, clipPath: `inset(0 0 0 ${split}%)` }}
        draggable={false}
      />
      <Box
        style={{
          position: "absolute",
          top: 0,
          bottom: 0,
          left: `${split}%`,
          width: 2,
          background: "var(--mantine-color-orange-5)",
        }}
      />
    </Box>
  );
}

function SideBySide({ left, right }: { left: string; right: string }) {
  return (
    <Box style={{ flex: 1, minHeight: 0, display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8, padding: 12 }}>
      {[left, right].map((name) => (
        <img
          key={name}
          src={imageUrl(name)}
          alt=""
          className="impasto-pixelated"
          style={{ width: "100%", height: "100%", objectFit: "contain" }}
        />
      ))}
    </Box>
  );
}

/** Compares the pinned image (left) with the focused one (right). */
export function CompareView({ pinned, focused }: { pinned: string; focused: string | null }) {
  const mode = useViewerStore((state) => state.compareMode);
  const setMode = useViewerStore((state) => state.setCompareMode);
  const ready = focused !== null && focused !== pinned;
  return (
    <Box style={{ flex: 1, minHeight: 0, display: "flex", flexDirection: "column" }} data-testid="compare-view">
      <Group justify="center" gap="sm" pt={6}>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => setMode(value as CompareMode)}
          data={[
            { value: "slider", label: "Slider" },
            { value: "side-by-side", label: "Side by side" },
          ]}
        />
      </Group>
      {!ready ? (
        <Text c="dimmed" ta="center" mt="xl">
          Select another image in the gallery to compare it with the pinned one.
        </Text>
      ) : mode === "slider" ? (
        <SliderCompare left={pinned} right={focused} />
      ) : (
        <SideBySide left={pinned} right={focused} />
      )}
    </Box>
  );
}
