/** A regional guidance layer's settings: its prompts, auto-negative, and its reference images. */
import { Checkbox, Stack, Textarea } from "@mantine/core";
import { useFamily } from "@/features/generate/hooks/useFamily";
import type { RegionalGuidanceLayer } from "../lib/document";
import { patchLayer } from "../store/edits";
import { ReferenceList } from "./GlobalReferences";

export function RegionSettings({ layer }: { layer: RegionalGuidanceLayer }) {
  const { controls } = useFamily();
  const patch = (changes: Partial<RegionalGuidanceLayer>, undoable: boolean) =>
    patchLayer<RegionalGuidanceLayer>(layer.id, changes, undoable);
  return (
    <Stack gap={6}>
      <Textarea
        size="xs"
        label="Region prompt"
        placeholder="What this region shows"
        autosize
        minRows={2}
        value={layer.prompt}
        onChange={(event) => patch({ prompt: event.currentTarget.value }, false)}
        data-testid="region-prompt"
      />
      {controls.negativePrompt && (
        <Textarea
          size="xs"
          label="Region negative prompt"
          autosize
          minRows={1}
          value={layer.negativePrompt}
          onChange={(event) => patch({ negativePrompt: event.currentTarget.value }, false)}
          data-testid="region-negative-prompt"
        />
      )}
      <Checkbox
        size="xs"
        label="Auto-negative (the prompt is a negative outside the region)"
        checked={layer.autoNegative}
        onChange={(event) => patch({ autoNegative: event.currentTarget.checked }, true)}
        data-testid="region-auto-negative"
      />
      <ReferenceList
        units={layer.referenceImages}
        testId="region-references"
        onChange={(referenceImages, undoable) => patch({ referenceImages }, undoable)}
      />
    </Stack>
  );
}
