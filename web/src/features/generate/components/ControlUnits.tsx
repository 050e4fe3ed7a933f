import { Button, Group, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useGenerateStore } from "../store/generateStore";
import { ControlUnitCard } from "./ControlUnitCard";

/** The control units, and buttons to add a ControlNet or a T2I-Adapter. */
export function ControlUnits() {
  const units = useGenerateStore((state) => state.controlUnits);
  const add = useGenerateStore((state) => state.addControlUnit);
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
