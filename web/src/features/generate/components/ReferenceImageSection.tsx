import { Checkbox, Stack, Text } from "@mantine/core";
import { ImageInput } from "@/common/components/ImageInput";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { REFERENCE_HINT } from "../lib/family";
import { useGenerateStore } from "../store/generateStore";

/** FLUX.1 Kontext: the image to edit (dropped from the gallery or the desktop) and whether the result takes its size. */
export function ReferenceImageSection() {
  const referenceImage = useGenerateStore((state) => state.referenceImage);
  const referenceSize = useGenerateStore((state) => state.referenceSize);
  const initImage = useGenerateStore((state) => state.initImage);
  const update = useGenerateStore((state) => state.update);
  const problems = useGenerateStore((state) => state.problems);
  const boardId = useGalleryStore((state) => state.boardId);
  return (
    <Stack gap="xs" data-testid="reference-section">
      <ImageInput
        label="Reference image"
        value={referenceImage}
        onChange={(name) => update({ referenceImage: name })}
        category="user"
        boardId={targetBoard(boardId)}
        error={problems.referenceImage}
        testId="reference-image"
      />
      <Text size="xs" c="dimmed" data-testid="reference-hint">
        {REFERENCE_HINT}
      </Text>
      <Checkbox
        size="xs"
        label="Size from the reference (Kontext's nearest trained size)"
        description={initImage ? "With an init image the result has the form's size." : undefined}
        checked={referenceSize}
        disabled={!!initImage}
        onChange={(event) => update({ referenceSize: event.currentTarget.checked })}
        data-testid="reference-size"
      />
    </Stack>
  );
}
