import { ActionIcon, Card, Group, RangeSlider, Select, Slider, Stack, Text } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { ImageInput } from "@/common/components/ImageInput";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { compatibleWith, useInstalledModels } from "@/features/models/hooks/useModels";
import { REFERENCE_METHODS, type ReferenceMethod, type ReferenceUnitForm } from "../lib/referenceImages";
import { useGenerateStore } from "../store/generateStore";

/** One IP-Adapter reference image: the image, the adapter of the main model's base, weight, begin/end, method. */
export function ReferenceUnitCard({ unit, index }: { unit: ReferenceUnitForm; index: number }) {
  const { ofType, byKey } = useInstalledModels();
  const model = useGenerateStore((state) => state.model);
  const updateUnit = useGenerateStore((state) => state.updateReferenceUnit);
  const removeUnit = useGenerateStore((state) => state.removeReferenceUnit);
  const problems = useGenerateStore((state) => state.problems);
  const boardId = useGalleryStore((state) => state.boardId);
  const base = model ? byKey.get(model)?.base : undefined;
  const adapters = ofType("ip_adapter").filter((record) => compatibleWith(record, base));
  const problem = (aspect: string) => problems[`reference:${unit.id}:${aspect}`];
  const update = (patch: Partial<ReferenceUnitForm>) => updateUnit(unit.id, patch);

  return (
    <Card padding="xs" withBorder data-testid="reference-unit">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" fw={500}>
            Reference {index + 1}
          </Text>
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            onClick={() => removeUnit(unit.id)}
            aria-label={`Remove reference image ${index + 1}`}
          >
            <IconX size={14} />
          </ActionIcon>
        </Group>
        <ImageInput
          label="Image"
          value={unit.image}
          onChange={(image) => update({ image })}
          category="user"
          boardId={targetBoard(boardId)}
          error={problem("image")}
          testId="reference-unit-image"
          height={100}
        />
        <Select
          label="IP-Adapter"
          data={adapters.map((record) => ({ value: record.key, label: record.name }))}
          value={unit.model}
          onChange={(value) => update({ model: value })}
          placeholder={adapters.length ? "Pick an IP-Adapter" : "No IP-Adapter installed for this base"}
          error={problem("model")}
          searchable
          data-testid="reference-unit-model"
        />
        <Select
          label="Take from the image"
          data={REFERENCE_METHODS}
          value={unit.method}
          onChange={(value) => value && update({ method: value as ReferenceMethod })}
          allowDeselect={false}
          error={problem("method")}
          data-testid="reference-unit-method"
        />
        <div>
          <Text size="xs" fw={500}>
            Weight: {unit.weight.toFixed(2)}
          </Text>
          <Slider
            min={-1}
            max={2}
            step={0.05}
            value={unit.weight}
            onChange={(weight) => update({ weight })}
            size="sm"
          />
          {problem("weight") && (
            <Text size="xs" c="red" data-problem>
              {problem("weight")}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" fw={500}>
            Active from {Math.round(unit.begin * 100)}% to {Math.round(unit.end * 100)}% of the steps
          </Text>
          <RangeSlider
            min={0}
            max={1}
            step={0.01}
            minRange={0.01}
            value={[unit.begin, unit.end]}
            onChange={([begin, end]) => update({ begin, end })}
            size="sm"
            label={null}
          />
          {problem("range") && (
            <Text size="xs" c="red" data-problem>
              {problem("range")}
            </Text>
          )}
        </div>
      </Stack>
    </Card>
  );
}
