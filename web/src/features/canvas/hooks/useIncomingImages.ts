/**
 * Images that arrive while the canvas is open: pasted with Ctrl+V (the paste event carries the clipboard's
 * files without asking for a permission) and sent from the viewer. Each becomes a raster layer at the box;
 * on an empty canvas the box fits it.
 */
import { notifications } from "@mantine/notifications";
import { type RefObject, useEffect } from "react";
import { describeError } from "@/api/errors";
import { firstImageFile } from "@/common/lib/dnd";
import { addImageLayer } from "../engine/actions";
import type { CanvasEngine } from "../engine/engine";
import { pasteImageFile } from "../engine/imageIO";
import { useCanvasInbox } from "../store/inbox";
import { useCanvasStore } from "../store/canvasStore";

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA"].includes(target.tagName));
}

const failed = (error: unknown) => notifications.show({ color: "red", message: describeError(error) });

export function useIncomingImages(engine: RefObject<CanvasEngine | null>): void {
  useEffect(() => {
    const fitBox = (image: { x: number; y: number; width: number; height: number }) => engine.current?.fitBoxTo(image);
    const paste = (event: ClipboardEvent) => {
      if (typing(event.target)) return;
      const file = firstImageFile(event.clipboardData?.files ?? []);
      if (!file) return;
      event.preventDefault();
      pasteImageFile(file, fitBox).catch(failed);
    };
    const receive = async () => {
      for (const name of useCanvasInbox.getState().take()) {
        await addImageLayer(name, useCanvasStore.getState().doc.bbox, fitBox);
      }
    };
    void receive().catch(failed);
    const off = useCanvasInbox.subscribe((state) => state.images.length > 0 && void receive().catch(failed));
    window.addEventListener("paste", paste);
    return () => {
      off();
      window.removeEventListener("paste", paste);
    };
  }, [engine]);
}
