import { ActionIcon, Group, NumberInput, Select, Switch, Tooltip } from "@mantine/core";
import { IconDice5 } from "@tabler/icons-react";
import { useSchedulers } from "@/features/generate/hooks/useGenerateData";
import { randomSeed } from "@/features/generate/lib/form";
import { CREATIVE_LIMITS } from "../lib/request";
import { useUpscaleStore } from "../store/upscaleStore";

/**
 * How the main model redraws: steps over the full schedule (creativity decides how many of them run), CFG,
 * the scheduler and the seed (random, or fixed to repeat a result).
 */
export function CreativeSampling() {
  const form = useUpscaleStore();
  const { problems, update } = form;
  const schedulers = useSchedulers().data ?? [];
  const schedulerData = schedulers.some((choice) => choice.value === form.scheduler)
    ? schedulers
    : [...schedulers, { value: form.scheduler, label: form.scheduler }];
  return (
    <>
      <Group grow gap="xs" align="flex-start">
        <NumberInput
          label="Steps"
          min={CREATIVE_LIMITS.steps.min}
          max={CREATIVE_LIMITS.steps.max}
          allowDecimal={false}
          value={form.steps}
          onChange={(value) => typeof value === "number" && update({ steps: value })}
          error={problems.steps}
          data-testid="upscale-steps"
        />
        <NumberInput
          label="CFG scale"
          min={CREATIVE_LIMITS.cfgScale.min}
          max={CREATIVE_LIMITS.cfgScale.max}
          step={0.5}
          decimalScale={2}
          value={form.cfgScale}
          onChange={(value) => typeof value === "number" && update({ cfgScale: value })}
          error={problems.cfgScale}
          data-testid="upscale-cfg"
        />
      </Group>
      <Select
        label="Scheduler"
        data={schedulerData}
        value={form.scheduler}
        onChange={(value) => value && update({ scheduler: value })}
        searchable
        allowDeselect={false}
        error={problems.scheduler}
        data-testid="upscale-scheduler"
      />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <NumberInput
          label="Seed"
          min={CREATIVE_LIMITS.seed.min}
          max={CREATIVE_LIMITS.seed.max}
          allowDecimal={false}
          value={form.seed}
          onChange={(value) => typeof value === "number" && update({ seed: value })}
          disabled={form.randomSeed}
          error={problems.seed}
          style={{ flex: 1 }}
          data-testid="upscale-seed"
        />
        <Tooltip label="New random seed">
          <ActionIcon
            variant="subtle"
            color="gray"
            mb={2}
            onClick={() => update({ seed: randomSeed(), randomSeed: false })}
            aria-label="New random seed"
          >
            <IconDice5 size={16} />
          </ActionIcon>
        </Tooltip>
        <Switch
          label="Random"
          mb={6}
          checked={form.randomSeed}
          onChange={(event) => update({ randomSeed: event.currentTarget.checked })}
          data-testid="upscale-random-seed"
        />
      </Group>
    </>
  );
}
