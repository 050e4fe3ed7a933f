/**
 * Makes an element a drop target for gallery images and/or desktop files (HTML5 drag and drop). The
 * drop is consumed (`preventDefault`), so the page-wide "drop to recall" handler leaves it alone.
 */
import { type DragEvent, useRef, useState } from "react";
import { carriesFiles, carriesImages, droppedImages } from "../lib/dnd";

export interface DropHandlers {
  onImages?: (names: string[]) => void;
  onFiles?: (files: File[]) => void;
}

export function useDropTarget({ onImages, onFiles }: DropHandlers) {
  const [active, setActive] = useState(false);
  const depth = useRef(0);

  const accepts = (event: DragEvent) =>
    (!!onImages && carriesImages(event.dataTransfer)) || (!!onFiles && carriesFiles(event.dataTransfer));

  const props = {
    onDragEnter: (event: DragEvent) => {
      if (!accepts(event)) return;
      depth.current += 1;
      setActive(true);
    },
    onDragLeave: (event: DragEvent) => {
      if (!accepts(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    },
    onDragOver: (event: DragEvent) => {
      if (!accepts(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = carriesImages(event.dataTransfer) ? "move" : "copy";
    },
    onDrop: (event: DragEvent) => {
      depth.current = 0;
      setActive(false);
      if (!accepts(event)) return;
      event.preventDefault();
      event.stopPropagation();
      const names = droppedImages(event.dataTransfer);
      if (names.length && onImages) onImages(names);
      else if (event.dataTransfer.files.length && onFiles) onFiles(Array.from(event.dataTransfer.files));
    },
  };
  return { props, active };
}
