import {
  ActionIcon,
  Button,
  Card,
  Group,
  Image,
  RangeSlider,
  Select,
  Slider,
  Stack,
  Switch,
  Text,
} from "@mantine/core";
import { IconRefresh, IconX } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";
import { describeError } from "@/api/errors";
import { ImageInput } from "@/common/components/ImageInput";
import { thumbnailUrl } from "@/common/lib/urls";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { compatibleWith, useInstalledModels } from "@/features/models/hooks/useModels";
import { usePreprocessPreview } from "../hooks/usePreprocessPreview";
import type { ControlMode, ControlUnitForm, Preprocessor, ResizeMode } from "../lib/form";
import { PREPROCESSORS } from "../lib/preprocess";
import { useGenerateStore } from "../store/generateStore";

const CONTROL_MODES: { value: ControlMode; label: string }[] = [
  { value: "balanced", label: "Balanced" },
  { value: "more_prompt", label: "Prompt matters more" },
  { value: "more_control", label: "Control matters more" },
  { value: "unbalanced", label: "Unbalanced" },
];

const RESIZE_MODES: { value: ResizeMode; label: string }[] = [
  { value: "just_resize", label: "Resize" },
  { value: "crop_resize", label: "Crop and resize" },
  { value: "fill_resize", label: "Fill and resize" },
  { value: "just_resize_simple", label: "Resize (simple)" },
];

/** The preprocessed control image, made as soon as the image or the preprocessor changes. */
function PreprocessorPreview({ unit }: { unit: ControlUnitForm }) {
  const preview = usePreprocessPreview();
  const [shown, setShown] = useState<string | null>(null);
  const { mutate } = preview;
  const run = useCallback(() => {
    setShown(null);
    if (unit.image && unit.preprocessor !== "none") {
      mutate({ image: unit.image, preprocessor: unit.preprocessor }, { onSuccess: setShown });
    }
  }, [unit.image, unit.preprocessor, mutate]);
  useEffect(run, [run]);
  if (!unit.image || unit.preprocessor === "none") return null;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {preview.isPending ? "Preprocessing…" : "What the model will see"}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconRefresh size={12} />}
          onClick={run}
          loading={preview.isPending}
        >
          Again
        </Button>
      </Group>
      {preview.isError && (
        <Text size="xs" c="red">
          {describeError(preview.error)}
        </Text>
      )}
      {shown && (
        <Image
          src={thumbnailUrl(shown)}
          alt="Preprocessed control image"
          radius="sm"
          mah={140}
          fit="contain"
          data-testid="preprocess-result"
        />
      )}
    </Stack>
  );
}

/** One ControlNet or T2I-Adapter unit: image, preprocessor with preview, model, weight, begin/end, mode. */
export function ControlUnitCard({ unit }: { unit: ControlUnitForm }) {
  const { ofType, byKey } = useInstalledModels();
  const model = useGenerateStore((state) => state.model);
  const updateUnit = useGenerateStore((state) => state.updateControlUnit);
  const removeUnit = useGenerateStore((state) => state.removeControlUnit);
  const problems = useGenerateStore((state) => state.problems);
  const boardId = useGalleryStore((state) => state.boardId);
  const base = model ? byKey.get(model)?.base : undefined;
  const models = ofType(unit.kind).filter((record) => compatibleWith(record, base));
  const problem = (aspect: string) => problems[`control:${unit.id}:${aspect}`];
  const update = (patch: Partial<ControlUnitForm>) => updateUnit(unit.id, patch);
  const title = unit.kind === "controlnet" ? "ControlNet" : "T2I-Adapter";

  return (
    <Card padding="xs" withBorder data-testid="control-unit">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Switch
            size="xs"
            label={title}
            checked={unit.enabled}
            onChange={(e) => update({ enabled: e.currentTarget.checked })}
          />
          <ActionIcon
            size="sm"
            variant="subtle"
            color="gray"
            onClick={() => removeUnit(unit.id)}
            aria-label={`Remove the ${title} unit`}
          >
            <IconX size={14} />
          </ActionIcon>
        </Group>
        <ImageInput
          label="Control image"
          value={unit.image}
          onChange={(image) => update({ image })}
          category="control"
          boardId={targetBoard(boardId)}
          error={problem("image")}
          testId="control-image"
          height={100}
        />
        <Select
          label="Preprocessor"
          data={PREPROCESSORS.map(({ value, label }) => ({ value, label }))}
          value={unit.preprocessor}
          onChange={(value) => value && update({ preprocessor: value as Preprocessor })}
          allowDeselect={false}
          error={problem("preprocessor")}
        />
        <PreprocessorPreview unit={unit} />
        <Select
          label="Model"
          data={models.map((record) => ({ value: record.key, label: record.name }))}
          value={unit.model}
          onChange={(value) => update({ model: value })}
          placeholder={models.length ? "Pick a model" : `No ${title} installed for this base`}
          error={problem("model")}
          searchable
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
        <Group grow gap="xs">
          {unit.kind === "controlnet" && (
            <Select
              label="Control mode"
              data={CONTROL_MODES}
              value={unit.controlMode}
              onChange={(value) => value && update({ controlMode: value as ControlMode })}
              allowDeselect={false}
            />
          )}
          <Select
            label="Resize"
            data={RESIZE_MODES}
            value={unit.resizeMode}
            onChange={(value) => value && update({ resizeMode: value as ResizeMode })}
            allowDeselect={false}
          />
        </Group>
      </Stack>
    </Card>
  );
}
