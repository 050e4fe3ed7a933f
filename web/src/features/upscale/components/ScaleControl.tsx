import { SegmentedControl, Stack, Text } from "@mantine/core";
import type { UpscalePlan } from "../hooks/useUpscalePlan";
import { choiceValue, formatSize, parseChoice } from "../lib/scale";
import { useUpscaleStore } from "../store/upscaleStore";

/** The final size: the model's own factor or a multiple, and the size it makes, live. */
export function ScaleControl({ plan }: { plan: UpscalePlan }) {
  const problem = useUpscaleStore((state) => state.problems.scale);
  const update = useUpscaleStore((state) => state.update);
  const { options, choice, factor, result, problem: limit } = plan.scale;
  const error = problem ?? limit;
  return (
    <Stack gap={4}>
      <Text size="xs" fw={500}>
        Scale
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        data={options}
        value={choiceValue(choice)}
        onChange={(value) => update({ scale: parseChoice(value) })}
        data-testid="upscale-scale"
      />
      <Text size={result ? "sm" : "xs"} c={result ? undefined : "dimmed"} data-testid="upscale-result-size">
        {plan.source && result
          ? `${formatSize(plan.source)} → ${formatSize(result)}`
          : factor === null
            ? "The size shows once an image and a model are chosen."
            : `${factor} times the image's size`}
      </Text>
      {error && (
        <Text size="xs" c="red" data-problem>
          {error}
        </Text>
      )}
    </Stack>
  );
}
