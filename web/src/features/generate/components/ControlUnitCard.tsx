import { Button, Card, Group, Image, Select, Stack, Switch, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";
import { describeError } from "@/api/errors";
import { ImageInput } from "@/common/components/ImageInput";
import { thumbnailUrl } from "@/common/lib/urls";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { usePreprocessPreview } from "../hooks/usePreprocessPreview";
import type { ControlMode, ControlUnitForm, Preprocessor, ResizeMode } from "../lib/form";
import { PREPROCESSORS } from "../lib/preprocess";
import { useGenerateStore } from "../store/generateStore";
import { StepWindow, UnitHeader, UnitModelSelect, WeightSlider } from "./UnitControls";

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
  const updateUnit = useGenerateStore((state) => state.updateControlUnit);
  const removeUnit = useGenerateStore((state) => state.removeControlUnit);
  const problems = useGenerateStore((state) => state.problems);
  const boardId = useGalleryStore((state) => state.boardId);
  const problem = (aspect: string) => problems[`control:${unit.id}:${aspect}`];
  const update = (patch: Partial<ControlUnitForm>) => updateUnit(unit.id, patch);
  const title = unit.kind === "controlnet" ? "ControlNet" : "T2I-Adapter";

  return (
    <Card padding="xs" withBorder data-testid="control-unit">
      <Stack gap="xs">
        <UnitHeader
          title={
            <Switch
              size="xs"
              label={title}
              checked={unit.enabled}
              onChange={(e) => update({ enabled: e.currentTarget.checked })}
            />
          }
          removeLabel={`Remove the ${title} unit`}
          onRemove={() => removeUnit(unit.id)}
        />
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
        <UnitModelSelect
          type={unit.kind}
          label="Model"
          pick="Pick a model"
          none={`No ${title} installed for this base`}
          value={unit.model}
          onChange={(model) => update({ model })}
          error={problem("model")}
        />
        <WeightSlider weight={unit.weight} onChange={(weight) => update({ weight })} />
        <StepWindow begin={unit.begin} end={unit.end} onChange={update} error={problem("range")} />
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
