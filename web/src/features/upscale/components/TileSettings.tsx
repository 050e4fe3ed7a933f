import { Group, NumberInput, Text } from "@mantine/core";
import { TILE_OVERLAP_MAX, TILE_SIZE_MAX } from "../lib/request";
import { useUpscaleStore } from "../store/upscaleStore";

/** How the model sees the image: in tiles of this side (0: at once) that overlap by this much. */
export function TileSettings() {
  const tileSize = useUpscaleStore((state) => state.tileSize);
  const tileOverlap = useUpscaleStore((state) => state.tileOverlap);
  const problems = useUpscaleStore((state) => state.problems);
  const update = useUpscaleStore((state) => state.update);
  return (
    <>
      <Group grow gap="xs" align="flex-start">
        <NumberInput
          label="Tile size"
          min={0}
          max={TILE_SIZE_MAX}
          step={64}
          allowDecimal={false}
          value={tileSize}
          onChange={(value) => typeof value === "number" && update({ tileSize: value })}
          error={problems.tileSize}
          data-testid="upscale-tile-size"
        />
        <NumberInput
          label="Tile overlap"
          min={0}
          max={TILE_OVERLAP_MAX}
          step={8}
          allowDecimal={false}
          value={tileOverlap}
          onChange={(value) => typeof value === "number" && update({ tileOverlap: value })}
          error={problems.tileOverlap}
          data-testid="upscale-tile-overlap"
        />
      </Group>
      <Text size="xs" c="dimmed">
        Smaller tiles need less memory; 0 runs the whole image at once. Overlapping tiles are blended to hide seams.
      </Text>
    </>
  );
}
