/** The stage's container: owns the Konva engine, follows the box's size, and takes dropped images. */
import { Box } from "@mantine/core";
import { type RefObject, useEffect, useRef } from "react";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { useIncomingImages } from "../hooks/useIncomingImages";
import { useStageDrop } from "../hooks/useStageDrop";
import { CanvasEngine } from "../engine/engine";
import { boxSize, setBox, useGrid } from "../hooks/useCanvasBox";
import { CanvasDropZones } from "./CanvasDropZones";

const CHECKERBOARD =
  "repeating-conic-gradient(var(--mantine-color-dark-5) 0 25%, var(--mantine-color-dark-6) 0 50%) 0 0 / 20px 20px";

export function CanvasStage({ engine }: { engine: RefObject<CanvasEngine | null> }) {
  const container = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLDivElement>(null);
  const grid = useGrid();
  const gridRef = useRef(grid);
  gridRef.current = grid;

  useEffect(() => {
    if (!container.current) return;
    const created = new CanvasEngine(container.current, { grid: () => gridRef.current, boxSize, onBox: setBox });
    engine.current = created;
    const off = useGenerateStore.subscribe((state, previous) => {
      if (state.width !== previous.width || state.height !== previous.height) created.renderBox();
    });
    return () => {
      off();
      created.destroy();
      engine.current = null;
    };
  }, [engine]);

  useIncomingImages(engine);
  const drop = useStageDrop(engine, area);

  return (
    <Box ref={area} style={{ position: "absolute", inset: 0 }} {...drop.handlers}>
      <Box
        ref={container}
        data-testid="canvas-stage"
        style={{ position: "absolute", inset: 0, background: CHECKERBOARD, overflow: "hidden" }}
      />
      <CanvasDropZones zones={drop.zones} hovered={drop.hovered} />
    </Box>
  );
}
