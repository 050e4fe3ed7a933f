/** The toolbar's image menu: save the canvas or the box to the gallery, export a layer, paste an image. */
import { ActionIcon, Menu, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconClipboard, IconCopy, IconDeviceFloppy, IconFileExport, IconFrame, IconPhoto } from "@tabler/icons-react";
import type { RefObject } from "react";
import { describeError } from "@/api/errors";
import { copyImage, downloadFallback } from "@/common/components/copyImage";
import type { CanvasEngine } from "../engine/engine";
import { boxPng, exportLayer, layerPng, pasteImageFile, readClipboardImage, saveToGallery } from "../engine/imageIO";
import { currentBox } from "../hooks/useCanvasBox";

function run(task: () => Promise<unknown>, done?: string) {
  task().then(
    () => done && notifications.show({ message: done, autoClose: 2000 }),
    (error: unknown) => notifications.show({ color: "red", message: describeError(error) }),
  );
}

/** Copies the selected layer (or, for the box, the flattened raster layers in it), offering a download. */
function copy(what: "layer" | "box"): void {
  try {
    if (what === "box") {
      const box = currentBox();
      void copyImage(
        boxPng(box),
        downloadFallback(() => boxPng(box), "box.png"),
      );
    } else {
      const { png, filename } = layerPng();
      void copyImage(
        png,
        downloadFallback(() => layerPng().png, filename),
      );
    }
  } catch (error) {
    notifications.show({ color: "red", message: describeError(error) });
  }
}

export function ImageMenu({ engine }: { engine: RefObject<CanvasEngine | null> }) {
  const paste = async () => {
    const image = await readClipboardImage();
    if (!image) throw new Error("the clipboard holds no image");
    await pasteImageFile(image, (rect) => engine.current?.fitBoxTo(rect));
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Tooltip label="Image: save, export, paste">
          <ActionIcon variant="subtle" aria-label="Image menu" data-testid="canvas-image-menu">
            <IconPhoto size={18} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconDeviceFloppy size={14} />}
          onClick={() => run(() => saveToGallery(null), "Saved the canvas to the gallery.")}
          data-testid="canvas-save-canvas"
        >
          Save canvas to gallery
        </Menu.Item>
        <Menu.Item
          leftSection={<IconFrame size={14} />}
          onClick={() => run(() => saveToGallery(currentBox()), "Saved the box to the gallery.")}
          data-testid="canvas-save-box"
        >
          Save box to gallery
        </Menu.Item>
        <Menu.Item
          leftSection={<IconFileExport size={14} />}
          onClick={() => run(exportLayer)}
          data-testid="canvas-export-layer"
        >
          Export layer as PNG
        </Menu.Item>
        <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => copy("layer")} data-testid="canvas-copy-layer">
          Copy layer
        </Menu.Item>
        <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => copy("box")} data-testid="canvas-copy-box">
          Copy box
        </Menu.Item>
        <Menu.Item leftSection={<IconClipboard size={14} />} onClick={() => run(paste)} data-testid="canvas-paste">
          Paste image (Ctrl+V)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
