import { Button, Group, Stack, Text } from "@mantine/core";
import { IconPhotoCheck } from "@tabler/icons-react";
import { ImageInput } from "@/common/components/ImageInput";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import type { UpscalePlan } from "../hooks/useUpscalePlan";
import { formatSize } from "../lib/scale";
import { useUpscaleStore } from "../store/upscaleStore";

/** The image to upscale: dropped from the gallery or the desktop, or the one in the viewer; with its size. */
export function SourceImage({ plan }: { plan: UpscalePlan }) {
  const image = useUpscaleStore((state) => state.image);
  const problem = useUpscaleStore((state) => state.problems.image);
  const update = useUpscaleStore((state) => state.update);
  const boardId = useGalleryStore((state) => state.boardId);
  const viewed = useGalleryStore((state) => state.focused);
  const error = problem ?? (plan.missingImage ? "This image is no longer stored; choose another." : undefined);
  return (
    <Stack gap={4}>
      <ImageInput
        label="Image"
        value={image}
        onChange={(name) => update({ image: name })}
        category="user"
        boardId={targetBoard(boardId)}
        error={error}
        testId="upscale-image"
        height={160}
      />
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" data-testid="upscale-image-size">
          {plan.source ? `${formatSize(plan.source)} px` : image && !plan.missingImage ? "…" : "No image chosen"}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPhotoCheck size={14} />}
          disabled={!viewed || viewed === image}
          onClick={() => viewed && update({ image: viewed })}
          data-testid="upscale-use-viewed"
        >
          Use the viewed image
        </Button>
      </Group>
    </Stack>
  );
}
