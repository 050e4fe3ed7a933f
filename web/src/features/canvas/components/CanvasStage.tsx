/** The stage's container: owns the Konva engine, follows the box's size, and takes dropped images. */
import { Box } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type RefObject, useEffect, useRef } from "react";
import { describeError } from "@/api/errors";
import { carriesFiles, carriesImages, droppedImages, firstImageFile } from "@/common/lib/dnd";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { addDroppedImage, addFileLayer } from "../engine/actions";
import { useIncomingImages } from "../hooks/useIncomingImages";
import { CanvasEngine } from "../engine/engine";
import type { Rect } from "../lib/document";
import { boxSize, setBox, useGrid } from "../hooks/useCanvasBox";

const CHECKERBOARD =
  "repeating-conic-gradient(var(--mantine-color-dark-5) 0 25%, var(--mantine-color-dark-6) 0 50%) 0 0 / 20px 20px";

export function CanvasStage({ engine }: { engine: RefObject<CanvasEngine | null> }) {
  const container = useRef<HTMLDivElement>(null);
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

  const fitBox = (image: Rect) => engine.current?.fitBoxTo(image);
  useIncomingImages(engine);

  const drop = (event: React.DragEvent) => {
    const at = engine.current?.stagePointAt(event.clientX, event.clientY);
    if (!at || !(carriesImages(event.dataTransfer) || carriesFiles(event.dataTransfer))) return;
    event.preventDefault();
    event.stopPropagation(); // the page's own drop would recall the file's parameters
    const [name] = droppedImages(event.dataTransfer);
    const file = firstImageFile(event.dataTransfer.files);
    const adding = name ? addDroppedImage(name, at, fitBox) : file ? addFileLayer(file, at, fitBox) : null;
    if (!adding) return void notifications.show({ color: "yellow", message: "Drop a PNG, JPEG or WebP image." });
    adding.catch((error: unknown) => notifications.show({ color: "red", message: describeError(error) }));
  };

  return (
    <Box
      ref={container}
      data-testid="canvas-stage"
      style={{ position: "absolute", inset: 0, background: CHECKERBOARD, overflow: "hidden" }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={drop}
    />
  );
}
