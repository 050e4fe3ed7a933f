import { Button, Group, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useFamily } from "../hooks/useFamily";
import { sdOnlyHint } from "../lib/family";
import { useGenerateStore } from "../store/generateStore";
import { ControlUnitCard } from "./ControlUnitCard";

/**
 * The control units, and buttons to add a ControlNet or a T2I-Adapter; for models other than Stable
 * Diffusion a hint instead (their units stay in the form, unsent, for a switch back).
 */
export function ControlUnits() {
  const units = useGenerateStore((state) => state.controlUnits);
  const add = useGenerateStore((state) => state.addControlUnit);
  const { model, controls } = useFamily();
  if (!controls.sdOnly) {
    return (
      <Text size="xs" c="dimmed" data-testid="sd-only-control">
        {sdOnlyHint(model?.base, "ControlNet and T2I-Adapter units")}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {units.length === 0 && (
        <Text size="xs" c="dimmed">
          Guide the composition with an edge map, line art or colours. Drop an image on a unit, or use “Use as control
          image” in the viewer.
        </Text>
      )}
      {units.map((unit) => (
        <ControlUnitCard key={unit.id} unit={unit} />
      ))}
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => add("controlnet")}
          data-testid="add-controlnet"
        >
          ControlNet
        </Button>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => add("t2i_adapter")}>
          T2I-Adapter
        </Button>
      </Group>
    </Stack>
  );
}
