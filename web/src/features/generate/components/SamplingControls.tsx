import { ActionIcon, Group, NumberInput, Select, Switch, Tooltip } from "@mantine/core";
import { IconArrowBackUp, IconDice5 } from "@tabler/icons-react";
import { useFamily } from "../hooks/useFamily";
import { useSchedulers } from "../hooks/useGenerateData";
import { randomSeed, SEED_MAX } from "../lib/form";
import { schedulersFor } from "../lib/schedulers";
import { useGenerateStore } from "../store/generateStore";
import { GuidanceControl } from "./GuidanceControl";

/** FLUX's CFG: a second prediction per step (slower), for the negative prompt; off at 1. */
const TRUE_CFG_LABEL = "True CFG (1 = off)";

/**
 * Steps, CFG (true CFG for FLUX, with its distilled guidance beside it), the schedulers the model's
 * family takes, seed (random or fixed, with "reuse last seed") and the batch count.
 */
export function SamplingControls() {
  const state = useGenerateStore();
  const { controls } = useFamily();
  const schedulers = schedulersFor(controls.family, useSchedulers().data ?? []);
  const schedulerData = schedulers.some((choice) => choice.value === state.scheduler)
    ? schedulers
    : [...schedulers, { value: state.scheduler, label: state.scheduler }];
  const p = state.problems;
  return (
    <>
      <Group grow gap="xs" align="flex-start">
        <NumberInput
          label="Steps"
          min={1}
          max={1000}
          value={state.steps}
          onChange={(v) => typeof v === "number" && state.update({ steps: v })}
          error={p.steps}
          data-testid="steps-input"
        />
        <NumberInput
          label={controls.trueCfg ? TRUE_CFG_LABEL : "CFG scale"}
          min={0}
          max={100}
          step={0.5}
          decimalScale={2}
          value={state.cfgScale}
          onChange={(v) => typeof v === "number" && state.update({ cfgScale: v })}
          error={p.cfgScale}
          data-testid="cfg-input"
        />
      </Group>
      {controls.guidance && <GuidanceControl />}
      <Select
        label="Scheduler"
        data={schedulerData}
        value={state.scheduler}
        onChange={(value) => value && state.update({ scheduler: value })}
        searchable
        allowDeselect={false}
        error={p.scheduler}
        data-testid="scheduler-select"
      />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <NumberInput
          label="Seed"
          min={0}
          max={SEED_MAX}
          value={state.seed}
          onChange={(v) => typeof v === "number" && state.update({ seed: v })}
          disabled={state.randomSeed}
          error={p.seed}
          style={{ flex: 1 }}
          data-testid="seed-input"
          allowDecimal={false}
        />
        <Tooltip label="New random seed">
          <ActionIcon
            variant="subtle"
            color="gray"
            mb={2}
            onClick={() => state.update({ seed: randomSeed(), randomSeed: false })}
            aria-label="New random seed"
          >
            <IconDice5 size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={state.lastSeeds.length ? `Reuse the last seed (${state.lastSeeds[0]})` : "No generation yet"}>
          <ActionIcon
            variant="subtle"
            color="gray"
            mb={2}
            onClick={state.reuseLastSeed}
            disabled={!state.lastSeeds.length}
            aria-label="Reuse the last seed"
            data-testid="reuse-seed"
          >
            <IconArrowBackUp size={16} />
          </ActionIcon>
        </Tooltip>
        <Switch
          label="Random"
          mb={6}
          checked={state.randomSeed}
          onChange={(e) => state.update({ randomSeed: e.currentTarget.checked })}
          data-testid="random-seed"
        />
      </Group>
      <NumberInput
        label="Images"
        description="Consecutive seeds; each prompt expansion gets this many"
        min={1}
        max={1000}
        value={state.count}
        onChange={(v) => typeof v === "number" && state.update({ count: v })}
        error={p.count}
        data-testid="count-input"
        allowDecimal={false}
      />
    </>
  );
}
