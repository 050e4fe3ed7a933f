/**
 * Dropping an image file from the desktop anywhere on the page (outside an image input or the gallery,
 * which take files themselves) reads its metadata on the server and recalls the parameters: Impasto,
 * InvokeAI, AUTOMATIC1111 and ComfyUI images all work.
 */
import { Center, Overlay, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFileImport } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { postForm, type Schemas } from "@/api/client";
import { describeError } from "@/api/errors";
import { carriesFiles, firstImageFile } from "@/common/lib/dnd";
import { useRecall } from "@/features/generate/hooks/useRecall";

const SOURCES: Record<string, string> = {
  impasto: "Impasto",
  invokeai: "InvokeAI",
  a1111: "AUTOMATIC1111",
  comfyui: "ComfyUI",
};

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
      const file = firstImageFile(event.dataTransfer.files);
      if (!file) {
        notifications.show({ color: "yellow", message: "Drop a PNG, JPEG or WebP image to recall its parameters." });
        return;
      }
      void recallFrom(file);
    };
    const recallFrom = async (file: File) => {
      const form = new FormData();
      form.append("file", file);
      try {
        const { recall: params } = await postForm<Schemas["MetadataReport"]>("/api/v1/metadata/parse", form);
        if (!params.source) {
          notifications.show({
            color: "yellow",
            title: file.name,
            message: "This image carries no generation parameters.",
          });
          return;
        }
        await recall(params, undefined, `${file.name} (${SOURCES[params.source] ?? params.source})`);
      } catch (error) {
        notifications.show({ color: "red", title: `Could not read ${file.name}`, message: describeError(error) });
      }
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
            Drop an image to recall its parameters
          </Text>
          <Text size="sm" c="dimmed">
            Impasto, InvokeAI, AUTOMATIC1111 and ComfyUI images · drop onto the gallery or an image input to upload
            instead
          </Text>
        </Stack>
      </Center>
    </Overlay>
  );
}
