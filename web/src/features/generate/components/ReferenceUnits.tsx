import { Button, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useFamily } from "../hooks/useFamily";
import { sdOnlyHint } from "../lib/family";
import { useGenerateStore } from "../store/generateStore";
import { ReferenceUnitCard } from "./ReferenceUnitCard";

/**
 * The IP-Adapter reference images and a button to add one; for models other than Stable Diffusion a hint
 * instead (their units stay in the form, unsent, for a switch back).
 */
export function ReferenceUnits() {
  const units = useGenerateStore((state) => state.referenceUnits);
  const add = useGenerateStore((state) => state.addReferenceUnit);
  const { model, controls } = useFamily();
  if (!controls.referenceImages) {
    return (
      <Text size="xs" c="dimmed" data-testid="sd-only-references">
        {sdOnlyHint(model?.base, "IP-Adapter reference images")}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {units.length === 0 && (
        <Text size="xs" c="dimmed">
          Steer the image with another one through an IP-Adapter: its whole look, only its style, or only its
          composition.
        </Text>
      )}
      {units.map((unit, index) => (
        <ReferenceUnitCard key={unit.id} unit={unit} index={index} />
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
