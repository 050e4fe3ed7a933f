import { ActionIcon, Box, FileButton, Group, Stack, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPhotoPlus, IconUpload, IconX } from "@tabler/icons-react";
import { useState } from "react";
import type { Schemas } from "@/api/client";
import { describeError } from "@/api/errors";
import { useDropTarget } from "../hooks/useDropTarget";
import { firstImageFile } from "../lib/dnd";
import { uploadImage } from "../lib/files";
import { thumbnailUrl } from "../lib/urls";

interface ImageInputProps {
  label: string;
  value: string | null;
  onChange: (name: string | null) => void;
  /** The category an uploaded file is stored under. */
  category: Schemas["ImageCategory"];
  boardId: string | null;
  error?: string;
  testId?: string;
  height?: number;
}

/**
 * An image parameter: drop an image from the gallery or a file from the desktop (uploaded first), or
 * pick a file. Shows the image with a button to clear it.
 */
export function ImageInput({
  label,
  value,
  onChange,
  category,
  boardId,
  error,
  testId,
  height = 120,
}: ImageInputProps) {
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File | null) => {
    if (!file) return;
    if (!firstImageFile([file])) {
      notifications.show({ color: "yellow", message: `${file.name} is not a PNG, JPEG or WebP image.` });
      return;
    }
    setUploading(true);
    try {
      onChange((await uploadImage(file, { category, boardId })).image_name);
    } catch (caught) {
      notifications.show({ color: "red", title: `Could not upload ${file.name}`, message: describeError(caught) });
    } finally {
      setUploading(false);
    }
  };
  const { props, active } = useDropTarget({
    onImages: (names) => onChange(names[0] ?? null),
    onFiles: (files) => void upload(files[0] ?? null),
  });

  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="xs" fw={500}>
          {label}
        </Text>
        <Group gap={2}>
          <FileButton onChange={(file) => void upload(file)} accept="image/png,image/jpeg,image/webp">
            {(buttonProps) => (
              <Tooltip label="Upload a file">
                <ActionIcon
                  {...buttonProps}
                  size="sm"
                  variant="subtle"
                  color="gray"
                  loading={uploading}
                  aria-label="Upload a file"
                >
                  <IconUpload size={14} />
                </ActionIcon>
              </Tooltip>
            )}
          </FileButton>
          {value && (
            <Tooltip label="Clear">
              <ActionIcon
                size="sm"
                variant="subtle"
                color="gray"
                onClick={() => onChange(null)}
                aria-label={`Clear ${label}`}
              >
                <IconX size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Box
        {...props}
        className={active ? "impasto-drop-target" : undefined}
        data-testid={testId}
        data-image-name={value ?? undefined}
        style={{
          height,
          borderRadius: 6,
          border: `1px dashed ${error ? "var(--mantine-color-red-6)" : "var(--mantine-color-dark-3)"}`,
          display: "grid",
          placeItems: "center",
          overflow: "hidden",
          background: "var(--mantine-color-dark-7)",
        }}
      >
        {value ? (
          <img
            src={thumbnailUrl(value)}
            alt={label}
            className="impasto-pixelated"
            style={{ maxWidth: "100%", maxHeight: height, objectFit: "contain" }}
          />
        ) : (
          <Stack align="center" gap={2}>
            <IconPhotoPlus size={20} opacity={0.6} />
            <Text size="xs" c="dimmed" ta="center" px="xs">
              Drop an image from the gallery or your computer
            </Text>
          </Stack>
        )}
      </Box>
      {error && (
        <Text size="xs" c="red" data-problem>
          {error}
        </Text>
      )}
    </Stack>
  );
}
