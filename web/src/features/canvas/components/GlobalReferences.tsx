/** The canvas's reference images for the whole box, above the layers: add, set up and remove them. */
import { Button, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { ReferenceUnitCard } from "@/features/generate/components/ReferenceUnitCard";
import { useFamily } from "@/features/generate/hooks/useFamily";
import { newReferenceUnit, type ReferenceUnitForm } from "@/features/generate/lib/referenceImages";
import { useCanvasStore } from "../store/canvasStore";
import { change, edit, patchUnit } from "../store/edits";

/** A list of reference units with an add button; `onChange` receives the whole new list. */
export function ReferenceList(props: {
  units: ReferenceUnitForm[];
  onChange: (units: ReferenceUnitForm[], undoable: boolean) => void;
  testId: string;
}) {
  const { controls } = useFamily();
  const { units, onChange } = props;
  if (!controls.referenceImages) {
    return (
      <Text size="xs" c="dimmed">
        Reference images need an SD 1.x, SD 2.x, SDXL or FLUX model.
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid={props.testId}>
      {units.map((unit, index) => (
        <ReferenceUnitCard
          key={unit.id}
          unit={unit}
          index={index}
          onChange={(patch) => onChange(patchUnit(units, unit.id, patch), "image" in patch || "model" in patch)}
          onRemove={() =>
            onChange(
              units.filter((item) => item.id !== unit.id),
              true,
            )
          }
        />
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconPlus size={12} />}
        onClick={() => onChange([...units, newReferenceUnit()], true)}
        style={{ alignSelf: "flex-start" }}
        data-testid={`${props.testId}-add`}
      >
        Reference image
      </Button>
    </Stack>
  );
}

export function GlobalReferences() {
  const units = useCanvasStore((state) => state.doc.referenceImages);
  return (
    <Stack gap={2} p="xs" style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}>
      <Text size="xs" fw={500}>
        Reference images
      </Text>
      <ReferenceList
        units={units}
        testId="canvas-references"
        onChange={(referenceImages, undoable) => (undoable ? change : edit)((doc) => ({ ...doc, referenceImages }))}
      />
    </Stack>
  );
}
