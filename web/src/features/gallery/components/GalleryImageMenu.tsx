/** The gallery's context menu on an image (right click): copy it, download it, open it in a new tab. */
import { Box, Menu } from "@mantine/core";
import { IconCopy, IconDownload, IconExternalLink } from "@tabler/icons-react";
import { copyStoredImage } from "@/common/components/copyImage";
import { imageUrl } from "@/common/lib/urls";
import { useImageCommands } from "../hooks/useImageCommands";

export interface MenuAt {
  name: string;
  x: number;
  y: number;
}

/** Finds the image a right click landed on and where, for the menu; null off any image. */
export function menuAt(event: React.MouseEvent): MenuAt | null {
  const tile = event.target instanceof Element ? event.target.closest("[data-image-name]") : null;
  const name = tile?.getAttribute("data-image-name");
  return name ? { name, x: event.clientX, y: event.clientY } : null;
}

export function GalleryImageMenu({ at, onClose }: { at: MenuAt | null; onClose: () => void }) {
  const commands = useImageCommands();
  if (!at) return null;
  return (
    <Menu opened onChange={(opened) => !opened && onClose()} position="bottom-start" withinPortal>
      <Menu.Target>
        <Box style={{ position: "fixed", left: at.x, top: at.y, width: 1, height: 1 }} />
      </Menu.Target>
      <Menu.Dropdown data-testid="gallery-image-menu">
        <Menu.Item
          leftSection={<IconCopy size={14} />}
          onClick={() => void copyStoredImage(at.name)}
          data-testid="gallery-copy-image"
        >
          Copy image
        </Menu.Item>
        <Menu.Item leftSection={<IconDownload size={14} />} onClick={() => void commands.download([at.name])}>
          Download
        </Menu.Item>
        <Menu.Item
          leftSection={<IconExternalLink size={14} />}
          onClick={() => window.open(imageUrl(at.name), "_blank")}
        >
          Open in a new tab
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
