import { Group, NumberInput, Text } from "@mantine/core";
import { CREATIVE_LIMITS, defaultCreativeTileSize, tileSizeFromInput } from "../lib/request";
import { useUpscaleStore } from "../store/upscaleStore";

/**
 * The tiles the main model redraws in: their side (empty: the size the main model's base suits) and how
 * much neighbours share, blended at every step so no seams form.
 */
export function CreativeTiles({ base }: { base: string | undefined }) {
  const tileSize = useUpscaleStore((state) => state.creativeTileSize);
  const tileOverlap = useUpscaleStore((state) => state.creativeTileOverlap);
  const problems = useUpscaleStore((state) => state.problems);
  const update = useUpscaleStore((state) => state.update);
  const auto = defaultCreativeTileSize(base);
  return (
    <>
      <Group grow gap="xs" align="flex-start">
        <NumberInput
          label="Refinement tile size"
          min={CREATIVE_LIMITS.tileSize.min}
          max={CREATIVE_LIMITS.tileSize.max}
          step={64}
          allowDecimal={false}
          value={tileSize ?? ""}
          placeholder={auto ? `Auto (${auto})` : "Auto"}
          onChange={(value) => update({ creativeTileSize: tileSizeFromInput(value) })}
          error={problems.creativeTileSize}
          data-testid="upscale-creative-tile-size"
        />
        <NumberInput
          label="Refinement tile overlap"
          min={CREATIVE_LIMITS.tileOverlap.min}
          max={CREATIVE_LIMITS.tileOverlap.max}
          step={8}
          allowDecimal={false}
          value={tileOverlap}
          onChange={(value) => typeof value === "number" && update({ creativeTileOverlap: value })}
          error={problems.creativeTileOverlap}
          data-testid="upscale-creative-tile-overlap"
        />
      </Group>
      <Text size="xs" c="dimmed">
        Multiples of 8. Smaller tiles need less memory; a larger overlap blends neighbouring tiles more smoothly.
      </Text>
    </>
  );
}
