import { Card, Select, Stack, Text } from "@mantine/core";
import { ImageInput } from "@/common/components/ImageInput";
import { targetBoard, useGalleryStore } from "@/features/gallery/store/galleryStore";
import { useFamily } from "../hooks/useFamily";
import {
  IMAGE_INFLUENCES,
  type ImageInfluence,
  REFERENCE_METHODS,
  type ReferenceMethod,
  type ReferenceUnitForm,
} from "../lib/referenceImages";
import { StepWindow, UnitHeader, UnitModelSelect, WeightSlider } from "./UnitControls";

export interface ReferenceUnitCardProps {
  unit: ReferenceUnitForm;
  index: number;
  onChange: (patch: Partial<ReferenceUnitForm>) => void;
  onRemove: () => void;
  /** The server's problem with an aspect of the unit (`model`, `image`, `range`, ...), if any. */
  problem?: (aspect: string) => string | undefined;
}

/**
 * One reference image: the image, the IP-Adapter of the main model's base, weight, begin/end and method; for
 * FLUX, the FLUX Redux model, its image influence and a weight from 0 to 1. The Generate form's units and the
 * canvas's (global and per region) use it with their own state.
 */
export function ReferenceUnitCard({
  unit,
  index,
  onChange: update,
  onRemove,
  problem = () => undefined,
}: ReferenceUnitCardProps) {
  const { controls } = useFamily();
  const boardId = useGalleryStore((state) => state.boardId);

  return (
    <Card padding="xs" withBorder data-testid="reference-unit">
      <Stack gap="xs">
        <UnitHeader
          title={
            <Text size="xs" fw={500}>
              Reference {index + 1}
            </Text>
          }
          removeLabel={`Remove reference image ${index + 1}`}
          onRemove={onRemove}
        />
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
        {controls.referenceImages === "flux_redux" ? (
          <>
            <UnitModelSelect
              type="flux_redux"
              label="FLUX Redux model"
              pick="Pick a FLUX Redux model"
              none="No FLUX Redux model installed"
              value={unit.model}
              onChange={(model) => update({ model })}
              error={problem("model")}
              testId="reference-unit-model"
            />
            <Select
              label="Image influence"
              data={IMAGE_INFLUENCES}
              value={unit.imageInfluence}
              onChange={(value) => value && update({ imageInfluence: value as ImageInfluence })}
              allowDeselect={false}
              error={problem("influence")}
              data-testid="reference-unit-influence"
            />
            <WeightSlider
              weight={unit.weight}
              onChange={(weight) => update({ weight })}
              error={problem("weight")}
              min={0}
              max={1}
            />
          </>
        ) : (
          <IPAdapterSettings unit={unit} update={update} problem={problem} />
        )}
      </Stack>
    </Card>
  );
}

/** The IP-Adapter picker, method, weight and step window of a Stable Diffusion reference image. */
function IPAdapterSettings({
  unit,
  update,
  problem,
}: {
  unit: ReferenceUnitForm;
  update: (patch: Partial<ReferenceUnitForm>) => void;
  problem: (aspect: string) => string | undefined;
}) {
  return (
    <>
      <UnitModelSelect
        type="ip_adapter"
        label="IP-Adapter"
        pick="Pick an IP-Adapter"
        none="No IP-Adapter installed for this base"
        value={unit.model}
        onChange={(model) => update({ model })}
        error={problem("model")}
        testId="reference-unit-model"
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
      <WeightSlider weight={unit.weight} onChange={(weight) => update({ weight })} error={problem("weight")} />
      <StepWindow begin={unit.begin} end={unit.end} onChange={update} error={problem("range")} />
    </>
  );
}
