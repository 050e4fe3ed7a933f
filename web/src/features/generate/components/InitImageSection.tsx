import { Slider, Stack, Text } from "@mantine/core";
import { ImageInput } from "@/common/components/ImageInput";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { useGenerateStore } from "../store/generateStore";

/** Image to image: the init image (dropped from the gallery or the desktop) and how much to change it. */
export function InitImageSection() {
  const initImage = useGenerateStore((state) => state.initImage);
  const strength = useGenerateStore((state) => state.strength);
  const update = useGenerateStore((state) => state.update);
  const problems = useGenerateStore((state) => state.problems);
  const boardId = useGalleryStore((state) => state.boardId);
  return (
    <Stack gap="xs">
      <ImageInput
        label="Init image"
        value={initImage}
        onChange={(name) => update({ initImage: name })}
        category="user"
        boardId={targetBoard(boardId)}
        error={problems.initImage}
        testId="init-image"
      />
      <div>
        <Text size="xs" fw={500}>
          Strength: {strength.toFixed(2)} {initImage ? "" : "(used with an init image)"}
        </Text>
        <Slider
          min={0}
          max={1}
          step={0.01}
          value={strength}
          onChange={(value) => update({ strength: value })}
          disabled={!initImage}
          size="sm"
        />
        {problems.strength && (
          <Text size="xs" c="red" data-problem>
            {problems.strength}
          </Text>
        )}
      </div>
    </Stack>
  );
}
