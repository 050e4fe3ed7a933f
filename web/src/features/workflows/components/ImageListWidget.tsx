/**
 * A list of images for an input such as an image batch's: images dropped from the gallery (several at
 * once when several are selected) or files from the computer (uploaded first), or picked, each shown as a
 * thumbnail with a button that takes it out of the list.
 */
import { ActionIcon, Box, FileButton, Group, SimpleGrid, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPhotoPlus, IconUpload, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { describeError } from "@/api/errors";
import { useDropTarget } from "@/common/hooks/useDropTarget";
import { firstImageFile } from "@/common/lib/dnd";
import { uploadImage } from "@/common/lib/files";
import { thumbnailUrl } from "@/common/lib/urls";

interface ImageListWidgetProps {
  testId: string;
  value: unknown;
  onChange: (value: unknown) => void;
}

/** The image names a list input holds (`[{image_name}]`); anything else reads as none. */
export function imageNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => (entry as { image_name?: unknown } | null)?.image_name)
    .filter((name): name is string => typeof name === "string");
}

export function ImageListWidget({ testId, value, onChange }: ImageListWidgetProps) {
  const names = imageNames(value);
  const [uploading, setUploading] = useState(false);
  const set = (next: string[]) => onChange(next.map((name) => ({ image_name: name })));
  const upload = async (files: File[]) => {
    setUploading(true);
    const added: string[] = [];
    for (const file of files) {
      if (!firstImageFile([file])) {
        notifications.show({ color: "yellow", message: `${file.name} is not a PNG, JPEG or WebP image.` });
        continue;
      }
      try {
        added.push((await uploadImage(file, { category: "user", boardId: null })).image_name);
      } catch (caught) {
        notifications.show({ color: "red", title: `Could not upload ${file.name}`, message: describeError(caught) });
      }
    }
    setUploading(false);
    if (added.length > 0) set([...names, ...added]);
  };
  const { props, active } = useDropTarget({
    onImages: (dropped) => set([...names, ...dropped]),
    onFiles: (files) => void upload(files),
  });
  return (
    <Stack gap={4} className="nodrag nowheel">
      <Group justify="space-between">
        <Text size="xs" c="dimmed" data-testid={`${testId}-count`}>
          {names.length === 1 ? "1 image" : `${names.length} images`}
        </Text>
        <FileButton onChange={(files) => void upload(files)} accept="image/png,image/jpeg,image/webp" multiple>
          {(buttonProps) => (
            <Tooltip label="Upload files">
              <ActionIcon {...buttonProps} size="sm" variant="subtle" color="gray" loading={uploading}>
                <IconUpload size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </FileButton>
      </Group>
      <Box
        {...props}
        className={active ? "impasto-drop-target" : undefined}
        data-testid={testId}
        data-count={names.length}
        p={4}
        style={{
          minHeight: 64,
          borderRadius: 6,
          border: "1px dashed var(--mantine-color-dark-3)",
          background: "var(--mantine-color-dark-7)",
        }}
      >
        {names.length === 0 ? (
          <Stack align="center" gap={2} py="xs">
            <IconPhotoPlus size={20} opacity={0.6} />
            <Text size="xs" c="dimmed" ta="center">
              Drop images from the gallery or your computer
            </Text>
          </Stack>
        ) : (
          <SimpleGrid cols={4} spacing={4}>
            {names.map((name, index) => (
              <Box key={`${name}-${index}`} pos="relative" data-testid={`${testId}-item`} data-image-name={name}>
                <img
                  src={thumbnailUrl(name)}
                  alt={`Image ${index + 1} of the list`}
                  style={{ width: "100%", aspectRatio: "1", objectFit: "cover", borderRadius: 4 }}
                />
                <ActionIcon
                  size={14}
                  pos="absolute"
                  top={2}
                  right={2}
                  color="dark"
                  onClick={() => set(names.filter((_, at) => at !== index))}
                  aria-label={`Remove image ${index + 1}`}
                >
                  <IconX size={10} />
                </ActionIcon>
              </Box>
            ))}
          </SimpleGrid>
        )}
      </Box>
    </Stack>
  );
}
