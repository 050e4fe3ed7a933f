/**
 * Dropping a file from the desktop anywhere on the page (outside an image input or the gallery, which take
 * files themselves): a workflow JSON file, or an image carrying an Impasto workflow, opens in the Workflows
 * tab; any other image has its metadata read on the server and its parameters recalled (Impasto, InvokeAI,
 * AUTOMATIC1111 and ComfyUI images).
 */
import { Center, Overlay, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFileImport } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { carriesFiles } from "@/common/lib/dnd";
import { firstDropped } from "@/common/lib/workflowDrop";
import { useRecall } from "@/features/generate/hooks/useRecall";
import { handleDroppedFile } from "./dropActions";

export function GlobalDrop() {
  const [dragging, setDragging] = useState(false);
  const recall = useRecall();

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!event.dataTransfer || !carriesFiles(event.dataTransfer)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (event: DragEvent) => {
      if (event.dataTransfer && carriesFiles(event.dataTransfer)) event.preventDefault();
    };
    // Runs first (capture), as image inputs and the gallery stop their drops from reaching the window.
    const reset = () => {
      depth = 0;
      setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (event.defaultPrevented || !event.dataTransfer || !carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      const file = firstDropped(event.dataTransfer.files);
      if (!file) {
        notifications.show({
          color: "yellow",
          message: "Drop a workflow (.json) or a PNG, JPEG or WebP image to recall its parameters.",
        });
        return;
      }
      void handleDroppedFile(file, recall);
    };
    window.addEventListener("dragenter", enter);
    window.addEventListener("dragleave", leave);
    window.addEventListener("dragover", over);
    window.addEventListener("drop", reset, true);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("drop", reset, true);
      window.removeEventListener("dragenter", enter);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("dragover", over);
      window.removeEventListener("drop", drop);
    };
  }, [recall]);

  if (!dragging) return null;
  return (
    <Overlay
      fixed
      blur={2}
      backgroundOpacity={0.55}
      zIndex={150}
      style={{ pointerEvents: "none" }}
      data-testid="drop-overlay"
    >
      <Center h="100%">
        <Stack align="center" gap="xs">
          <IconFileImport size={48} />
          <Text size="lg" fw={600}>
            Drop an image to recall its parameters, or a workflow to open it
          </Text>
          <Text size="sm" c="dimmed">
            Impasto, InvokeAI, AUTOMATIC1111 and ComfyUI images · workflow .json files · drop onto the gallery or an
            image input to upload instead
          </Text>
        </Stack>
      </Center>
    </Overlay>
  );
}
