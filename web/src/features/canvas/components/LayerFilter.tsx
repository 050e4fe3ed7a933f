/**
 * The Filter action of a control layer: pick a preprocessor, run it on the layer's pixels (through the
 * queue, as the Generate tab's preprocessor preview), look at the result on the stage, then apply it (the
 * layer's pixels become the result, one undo step) or cancel.
 */
import { Button, Group, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { describeError } from "@/api/errors";
import { usePreprocessPreview } from "@/features/generate/hooks/usePreprocessPreview";
import type { Preprocessor } from "@/features/generate/lib/form";
import { PREPROCESSORS } from "@/features/generate/lib/preprocess";
import { applyFilterResult, uploadLayerPixels } from "../engine/filter";
import type { ControlLayer } from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";

const FILTERS = PREPROCESSORS.filter((entry) => entry.node !== null).map(({ value, label }) => ({ value, label }));

export function LayerFilter({ layer }: { layer: ControlLayer }) {
  const [filter, setFilter] = useState<Preprocessor>("canny");
  const [error, setError] = useState<string | null>(null);
  const preview = useCanvasStore((state) => (state.filterPreview?.layerId === layer.id ? state.filterPreview : null));
  const setPreview = useCanvasStore((state) => state.setFilterPreview);
  const run = usePreprocessPreview();
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setError(null);
    setBusy(true);
    try {
      const image = await uploadLayerPixels(layer.id);
      if (!image) throw new Error("the layer has no pixels to filter: paint or drop an image on it first");
      setPreview({ layerId: layer.id, imageName: await run.mutateAsync({ image, preprocessor: filter }) });
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (!preview) return;
    setPreview(null);
    await applyFilterResult(layer.id, preview.imageName).catch((caught: unknown) => setError(describeError(caught)));
  };

  return (
    <Stack gap={4}>
      <Group gap={4} align="end" wrap="nowrap">
        <Select
          size="xs"
          label="Filter"
          data={FILTERS}
          value={filter}
          onChange={(value) => value && setFilter(value as Preprocessor)}
          allowDeselect={false}
          style={{ flex: 1 }}
          data-testid="layer-filter-select"
        />
        <Button size="xs" variant="light" onClick={start} loading={busy} data-testid="layer-filter-run">
          Filter
        </Button>
      </Group>
      {preview && (
        <Group gap={4} grow>
          <Button size="compact-xs" onClick={apply} data-testid="layer-filter-apply">
            Apply
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => setPreview(null)}
            data-testid="layer-filter-cancel"
          >
            Cancel
          </Button>
        </Group>
      )}
      {preview && (
        <Text size="xs" c="dimmed">
          The stage shows the filtered layer; apply it to keep it.
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" data-testid="layer-filter-error">
          {error}
        </Text>
      )}
    </Stack>
  );
}
