/**
 * Dragging images over the stage: while a gallery image or an image file is dragged over it, the drop
 * zones show and the one under the pointer lights up; the drop goes where `dropTargetAt` says.
 */
import { notifications } from "@mantine/notifications";
import { type RefObject, useState } from "react";
import { describeError } from "@/api/errors";
import { carriesFiles, carriesImages, droppedImages, firstImageFile } from "@/common/lib/dnd";
import { type Dropped, dropImage } from "../engine/dropActions";
import type { CanvasEngine } from "../engine/engine";
import { type DropTarget, dropTargetAt, dropZoneLayout, type ZoneBox } from "../lib/dropZones";

export interface StageDrop {
  /** The zones while an image is dragged over the stage, else null. */
  zones: ZoneBox[] | null;
  hovered: DropTarget | null;
  handlers: {
    onDragOver(event: React.DragEvent): void;
    onDragLeave(event: React.DragEvent): void;
    onDrop(event: React.DragEvent): void;
  };
}

function dropped(transfer: DataTransfer): Dropped | null {
  const [name] = droppedImages(transfer);
  const file = firstImageFile(transfer.files);
  return name ? { name } : file ? { file } : null;
}

export function useStageDrop(engine: RefObject<CanvasEngine | null>, area: RefObject<HTMLElement | null>): StageDrop {
  const [hovered, setHovered] = useState<DropTarget | null>(null);
  const bounds = area.current?.getBoundingClientRect();
  const zones = hovered && bounds ? dropZoneLayout(bounds.width, bounds.height) : null;

  const targetOf = (event: React.DragEvent): DropTarget | null => {
    const rect = area.current?.getBoundingClientRect();
    if (!rect || !(carriesImages(event.dataTransfer) || carriesFiles(event.dataTransfer))) return null;
    const point = { x: event.clientX - rect.left, y: event.clientY - rect.top };
    return dropTargetAt(dropZoneLayout(rect.width, rect.height), point);
  };

  const onDragOver = (event: React.DragEvent) => {
    const target = targetOf(event);
    if (!target) return;
    event.preventDefault();
    if (target !== hovered) setHovered(target);
  };
  const onDragLeave = (event: React.DragEvent) => {
    const into = event.relatedTarget;
    if (!(into instanceof Node && event.currentTarget.contains(into))) setHovered(null);
  };
  const onDrop = (event: React.DragEvent) => {
    const target = targetOf(event);
    const at = engine.current?.stagePointAt(event.clientX, event.clientY);
    setHovered(null);
    if (!target || !at) return;
    event.preventDefault();
    event.stopPropagation(); // the page's own drop would recall the file's parameters
    const image = dropped(event.dataTransfer);
    if (!image) return void notifications.show({ color: "yellow", message: "Drop a PNG, JPEG or WebP image." });
    dropImage(target, image, at, (rect) => engine.current?.fitBoxTo(rect)).catch((error: unknown) =>
      notifications.show({ color: "red", message: describeError(error) }),
    );
  };
  return { zones, hovered, handlers: { onDragOver, onDragLeave, onDrop } };
}
