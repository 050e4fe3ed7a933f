import { Button, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useFamily } from "../hooks/useFamily";
import { baseLabel } from "@/features/models/lib/labels";
import { useGenerateStore } from "../store/generateStore";
import { ReferenceUnitCard } from "./ReferenceUnitCard";

/**
 * The reference images (IP-Adapters for Stable Diffusion, FLUX Redux for FLUX) and a button to add one; for
 * SD 3.5 a hint instead (the units stay in the form, unsent, for a switch back).
 */
export function ReferenceUnits() {
  const units = useGenerateStore((state) => state.referenceUnits);
  const add = useGenerateStore((state) => state.addReferenceUnit);
  const update = useGenerateStore((state) => state.updateReferenceUnit);
  const remove = useGenerateStore((state) => state.removeReferenceUnit);
  const problems = useGenerateStore((state) => state.problems);
  const { model, controls } = useFamily();
  if (!controls.referenceImages) {
    return (
      <Text size="xs" c="dimmed" data-testid="sd-only-references">
        Reference images work with SD 1.x, SD 2.x and SDXL models (through IP-Adapters) and FLUX models (through FLUX
        Redux), not with {baseLabel(model?.base ?? "")} models.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {units.length === 0 && (
        <Text size="xs" c="dimmed">
          {controls.referenceImages === "flux_redux"
            ? "Steer the image with another one through FLUX Redux (with a SigLIP vision encoder installed)."
            : "Steer the image with another one through an IP-Adapter: its whole look, only its style, or only its composition."}
        </Text>
      )}
      {units.map((unit, index) => (
        <ReferenceUnitCard
          key={unit.id}
          unit={unit}
          index={index}
          onChange={(patch) => update(unit.id, patch)}
          onRemove={() => remove(unit.id)}
          problem={(aspect) => problems[`reference:${unit.id}:${aspect}`]}
        />
      ))}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} />}
        onClick={() => add()}
        style={{ alignSelf: "flex-start" }}
        data-testid="add-reference-unit"
      >
        Add reference image
      </Button>
    </Stack>
  );
}
