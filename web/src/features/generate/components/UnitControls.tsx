import { ActionIcon, Group, RangeSlider, Select, Slider, Text } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { compatibleWith, type ModelType, useInstalledModels } from "@/features/models/hooks/useModels";
import { useGenerateStore } from "../store/generateStore";

/**
 * The pieces control units and reference images share: a header with a remove button, the picker of a
 * model for the main model's base, the weight slider and the step window (begin/end) slider.
 */

/** The unit's title (text or a switch) and a button that removes the unit. */
export function UnitHeader({
  title,
  removeLabel,
  onRemove,
}: {
  title: ReactNode;
  removeLabel: string;
  onRemove: () => void;
}) {
  return (
    <Group justify="space-between" wrap="nowrap">
      {title}
      <ActionIcon size="sm" variant="subtle" color="gray" onClick={onRemove} aria-label={removeLabel}>
        <IconX size={14} />
      </ActionIcon>
    </Group>
  );
}

/** A model of type `type` installed for the main model's base (`none`: the placeholder when none is). */
export function UnitModelSelect({
  type,
  label,
  pick,
  none,
  value,
  onChange,
  error,
  testId,
}: {
  type: ModelType;
  label: string;
  pick: string;
  none: string;
  value: string | null;
  onChange: (key: string | null) => void;
  error?: string;
  testId?: string;
}) {
  const { ofType, byKey } = useInstalledModels();
  const model = useGenerateStore((state) => state.model);
  const base = model ? byKey.get(model)?.base : undefined;
  const models = ofType(type).filter((record) => compatibleWith(record, base));
  return (
    <Select
      label={label}
      data={models.map((record) => ({ value: record.key, label: record.name }))}
      value={value}
      onChange={onChange}
      placeholder={models.length ? pick : none}
      error={error}
      searchable
      data-testid={testId}
    />
  );
}

function Problem({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Text size="xs" c="red" data-problem>
      {message}
    </Text>
  );
}

/** How strongly the unit steers the image, from -1 to 2 (or the range a model takes). */
export function WeightSlider({
  weight,
  onChange,
  error,
  min = -1,
  max = 2,
}: {
  weight: number;
  onChange: (weight: number) => void;
  error?: string;
  min?: number;
  max?: number;
}) {
  return (
    <div>
      <Text size="xs" fw={500}>
        Weight: {weight.toFixed(2)}
      </Text>
      <Slider
        min={min}
        max={max}
        step={0.05}
        value={Math.min(max, Math.max(min, weight))}
        onChange={onChange}
        size="sm"
      />
      <Problem message={error} />
    </div>
  );
}

/** The fraction of the steps the unit is active in. */
export function StepWindow({
  begin,
  end,
  onChange,
  error,
}: {
  begin: number;
  end: number;
  onChange: (window: { begin: number; end: number }) => void;
  error?: string;
}) {
  return (
    <div>
      <Text size="xs" fw={500}>
        Active from {Math.round(begin * 100)}% to {Math.round(end * 100)}% of the steps
      </Text>
      <RangeSlider
        min={0}
        max={1}
        step={0.01}
        minRange={0.01}
        value={[begin, end]}
        onChange={([from, to]) => onChange({ begin: from, end: to })}
        size="sm"
        label={null}
      />
      <Problem message={error} />
    </div>
  );
}
