/**
 * What an empty canvas offers first (InvokeAI's launchpad): generate from a prompt, edit an image (a raster
 * layer the box fits), follow a layout image (a control layer) or a style (a reference image for the box).
 * Each image option takes a picked file or a dropped file or gallery image.
 */
import { Box, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconLayoutDashboard, IconPalette, IconPhotoEdit, IconTextCaption } from "@tabler/icons-react";
import { type RefObject, useRef } from "react";
import { describeError } from "@/api/errors";
import { droppedImages, firstImageFile } from "@/common/lib/dnd";
import { addControlImageLayer, addGlobalReference, addImageLayer } from "../engine/actions";
import type { CanvasEngine } from "../engine/engine";
import { uploadIntermediate } from "../engine/persistence";
import { useCanvasStore } from "../store/canvasStore";

type Use = (name: string) => Promise<void> | void;

function Option(props: {
  title: string;
  text: string;
  icon: React.ReactNode;
  testId: string;
  onClick?: () => void;
  use?: Use;
}) {
  const input = useRef<HTMLInputElement>(null);
  const run = (name: Promise<string>) => {
    const use = props.use;
    if (!use) return;
    name.then(use).catch((error: unknown) => notifications.show({ color: "red", message: describeError(error) }));
  };
  const drop = (event: React.DragEvent) => {
    if (!props.use) return;
    event.preventDefault();
    event.stopPropagation();
    const [name] = droppedImages(event.dataTransfer);
    const file = firstImageFile(event.dataTransfer.files);
    if (name) run(Promise.resolve(name));
    else if (file) run(uploadIntermediate(file));
    else notifications.show({ color: "yellow", message: "Drop a PNG, JPEG or WebP image." });
  };
  return (
    <UnstyledButton
      onClick={props.onClick ?? (() => input.current?.click())}
      onDragOver={(event) => props.use && event.preventDefault()}
      onDrop={drop}
      data-testid={props.testId}
    >
      <Paper withBorder p="md" h="100%">
        <Stack gap={4} align="flex-start">
          {props.icon}
          <Text fw={600}>{props.title}</Text>
          <Text size="xs" c="dimmed">
            {props.text}
          </Text>
        </Stack>
      </Paper>
      {props.use && (
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          hidden
          data-testid={`${props.testId}-file`}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = "";
            if (file) run(uploadIntermediate(file));
          }}
        />
      )}
    </UnstyledButton>
  );
}

export function Launchpad({ engine, onClose }: { engine: RefObject<CanvasEngine | null>; onClose: () => void }) {
  const at = () => useCanvasStore.getState().doc.bbox;
  const edit: Use = (name) => addImageLayer(name, at(), (image) => engine.current?.fitBoxTo(image));
  return (
    <Box
      data-testid="canvas-launchpad"
      style={{ position: "absolute", inset: 0, display: "grid", placeItems: "center", background: "rgba(0,0,0,0.6)" }}
    >
      <Stack maw={560} p="md" gap="sm">
        <Title order={4}>Start the canvas</Title>
        <SimpleGrid cols={2} spacing="sm">
          <Option
            title="Generate from text"
            text="Write a prompt and Invoke: the box is generated from nothing."
            icon={<IconTextCaption size={22} />}
            testId="launchpad-text"
            onClick={onClose}
          />
          <Option
            title="Edit an image"
            text="Pick or drop an image: it becomes a raster layer and the box fits it."
            icon={<IconPhotoEdit size={22} />}
            testId="launchpad-edit"
            use={edit}
          />
          <Option
            title="Use a layout image"
            text="Pick or drop an image whose shapes the result follows (a control layer)."
            icon={<IconLayoutDashboard size={22} />}
            testId="launchpad-layout"
            use={(name) => addControlImageLayer(name, at())}
          />
          <Option
            title="Add a style reference"
            text="Pick or drop an image whose look the result takes (a reference image)."
            icon={<IconPalette size={22} />}
            testId="launchpad-style"
            use={addGlobalReference}
          />
        </SimpleGrid>
      </Stack>
    </Box>
  );
}
