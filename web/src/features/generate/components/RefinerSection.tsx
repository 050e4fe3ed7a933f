import { Accordion, Group, NumberInput, Select, Slider, Stack, Switch, Text } from "@mantine/core";
import { CommitNumberInput } from "@/common/components/CommitNumberInput";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { useSchedulers } from "../hooks/useGenerateData";
import { REFINABLE_BASE, type RefinerControl, refinerProblemKey } from "../lib/refiner";
import { useGenerateStore } from "../store/generateStore";
import { RefinerModelPicker } from "./RefinerModelPicker";

const START_MARKS = [{ value: 0.25 }, { value: 0.5 }, { value: 0.75 }];

/**
 * A change of an optional override: a number is taken, an emptied box means "the same as the base" (null),
 * and a number still being typed ("7.") is left alone (undefined).
 */
function optional(value: string | number): number | null | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  return value.trim() === "" ? null : undefined;
}

function RefinerControls() {
  const refiner = useGenerateStore((state) => state.refiner);
  const problems = useGenerateStore((state) => state.problems);
  const setRefiner = useGenerateStore((state) => state.setRefiner);
  const baseSteps = useGenerateStore((state) => state.steps);
  const baseCfg = useGenerateStore((state) => state.cfgScale);
  const baseScheduler = useGenerateStore((state) => state.scheduler);
  const hiresConflict = useGenerateStore((state) => state.hiresFix.enabled && state.initImage === null);
  const schedulers = useSchedulers().data ?? [];
  const problem = (control: RefinerControl) => problems[refinerProblemKey(control)];
  const off = !refiner.enabled;
  const schedulerLabel = (value: string) => schedulers.find((choice) => choice.value === value)?.label ?? value;
  const schedulerData =
    refiner.scheduler === null || schedulers.some((choice) => choice.value === refiner.scheduler)
      ? schedulers
      : [...schedulers, { value: refiner.scheduler, label: refiner.scheduler }];
  return (
    <Stack gap="xs" data-testid="refiner-controls">
      <Switch
        label="Use a refiner"
        description="An SDXL refiner takes over the last part of the steps"
        checked={refiner.enabled}
        onChange={(e) => setRefiner({ enabled: e.currentTarget.checked })}
        data-testid="refiner-enabled"
      />
      {problem("enabled") && (
        <Text size="xs" c="red" data-problem>
          {problem("enabled")}
        </Text>
      )}
      {refiner.enabled && hiresConflict && (
        <Text size="xs" c="yellow" data-testid="refiner-hires-conflict">
          The high-resolution fix (Advanced) cannot be combined with a refiner; switch one of them off.
        </Text>
      )}
      <RefinerModelPicker disabled={off} />
      <Stack gap={4}>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <Stack gap={2} style={{ flex: 1 }}>
            <Text size="sm" fw={500}>
              Refiner start
            </Text>
            <Text size="xs" c="dimmed">
              Fraction of the schedule after which the refiner takes over
            </Text>
            <Slider
              mt={4}
              mb={6}
              min={0.01}
              max={0.99}
              step={0.01}
              value={refiner.start}
              onChange={(start) => setRefiner({ start })}
              marks={START_MARKS}
              label={(value) => value.toFixed(2)}
              disabled={off}
              aria-label="Refiner start"
              data-testid="refiner-start-slider"
            />
          </Stack>
          <CommitNumberInput
            w={76}
            min={0.01}
            max={0.99}
            step={0.05}
            decimalScale={2}
            value={refiner.start}
            onCommit={(value) => setRefiner({ start: Math.min(0.99, Math.max(0.01, value)) })}
            disabled={off}
            error={problem("start") ? true : undefined}
            aria-label="Refiner start (fraction)"
            data-testid="refiner-start-input"
          />
        </Group>
        {problem("start") && (
          <Text size="xs" c="red" data-problem>
            {problem("start")}
          </Text>
        )}
      </Stack>
      <Group grow gap="xs" align="flex-start">
        <NumberInput
          label="Refiner steps"
          min={1}
          max={1000}
          allowDecimal={false}
          value={refiner.steps ?? ""}
          placeholder={`Same as base (${baseSteps})`}
          onChange={(value) => {
            const steps = optional(value);
            if (steps !== undefined) setRefiner({ steps });
          }}
          disabled={off}
          error={problem("steps")}
          data-testid="refiner-steps-input"
        />
        <NumberInput
          label="Refiner CFG scale"
          min={0}
          max={100}
          step={0.5}
          decimalScale={2}
          value={refiner.cfgScale ?? ""}
          placeholder={`Same as base (${baseCfg})`}
          onChange={(value) => {
            const cfgScale = optional(value);
            if (cfgScale !== undefined) setRefiner({ cfgScale });
          }}
          disabled={off}
          error={problem("cfgScale")}
          data-testid="refiner-cfg-input"
        />
      </Group>
      <Select
        label="Refiner scheduler"
        data={schedulerData}
        value={refiner.scheduler}
        onChange={(value) => setRefiner({ scheduler: value })}
        placeholder={`Same as base (${schedulerLabel(baseScheduler)})`}
        searchable
        clearable
        disabled={off}
        error={problem("scheduler")}
        data-testid="refiner-scheduler-select"
      />
      <Group grow gap="xs" align="flex-start">
        <NumberInput
          label="Positive aesthetic"
          min={0}
          max={10}
          step={0.5}
          decimalScale={2}
          value={refiner.positiveAestheticScore}
          onChange={(value) => typeof value === "number" && setRefiner({ positiveAestheticScore: value })}
          disabled={off}
          error={problem("positiveAestheticScore")}
          data-testid="refiner-positive-score"
        />
        <NumberInput
          label="Negative aesthetic"
          min={0}
          max={10}
          step={0.5}
          decimalScale={2}
          value={refiner.negativeAestheticScore}
          onChange={(value) => typeof value === "number" && setRefiner({ negativeAestheticScore: value })}
          disabled={off}
          error={problem("negativeAestheticScore")}
          data-testid="refiner-negative-score"
        />
      </Group>
    </Stack>
  );
}

/** The SDXL refiner section of the settings: present only while the main model is an SDXL base model. */
export function RefinerSection() {
  const { byKey } = useInstalledModels();
  const base = useGenerateStore((state) => (state.model ? byKey.get(state.model)?.base : undefined));
  const enabled = useGenerateStore((state) => state.refiner.enabled);
  const hasProblem = useGenerateStore((state) => Object.keys(state.problems).some((key) => key.startsWith("refiner:")));
  if (base !== REFINABLE_BASE) return null;
  return (
    <Accordion.Item value="refiner">
      <Accordion.Control data-testid="refiner-section" data-problem={hasProblem || undefined}>
        <Text size="sm" c={hasProblem ? "red" : undefined} span>
          Refiner{enabled ? " · on" : ""}
        </Text>
      </Accordion.Control>
      <Accordion.Panel>
        <RefinerControls />
      </Accordion.Panel>
    </Accordion.Item>
  );
}
