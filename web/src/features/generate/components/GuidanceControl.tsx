import { Group, Slider, Stack, Text } from "@mantine/core";
import { CommitNumberInput } from "@/common/components/CommitNumberInput";
import { useFamily } from "../hooks/useFamily";
import { familyGuidance, GUIDANCE_MAX, GUIDANCE_SLIDER } from "../lib/family";
import { useGenerateStore } from "../store/generateStore";

/** FLUX dev's (and Kontext's) distilled guidance: a slider over the usual range and a box for the rest. */
export function GuidanceControl() {
  const guidance = useGenerateStore((state) => state.guidance);
  const problem = useGenerateStore((state) => state.problems.guidance);
  const update = useGenerateStore((state) => state.update);
  const typical = familyGuidance(useFamily().model);
  return (
    <Stack gap={4} data-testid="guidance-control">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Stack gap={2} style={{ flex: 1 }}>
          <Text size="sm" fw={500}>
            Guidance
          </Text>
          <Text size="xs" c="dimmed">
            How closely FLUX follows the prompt (distilled; {typical} is typical)
          </Text>
          <Slider
            mt={4}
            mb={6}
            {...GUIDANCE_SLIDER}
            value={Math.min(guidance, GUIDANCE_SLIDER.max)}
            onChange={(value) => update({ guidance: value })}
            marks={[{ value: typical }]}
            label={(value) => value.toFixed(1)}
            aria-label="Guidance"
            data-testid="guidance-slider"
          />
        </Stack>
        <CommitNumberInput
          w={76}
          min={0}
          max={GUIDANCE_MAX}
          step={GUIDANCE_SLIDER.step}
          decimalScale={2}
          value={guidance}
          onCommit={(value) => update({ guidance: Math.min(GUIDANCE_MAX, Math.max(0, value)) })}
          error={problem ? true : undefined}
          aria-label="Guidance (value)"
          data-testid="guidance-input"
        />
      </Group>
      {problem && (
        <Text size="xs" c="red" data-problem>
          {problem}
        </Text>
      )}
    </Stack>
  );
}
