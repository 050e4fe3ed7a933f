import { ActionIcon, Group, Select, Stack, Text, Tooltip } from "@mantine/core";
import { IconArrowsExchange, IconLock, IconLockOpen, IconWand } from "@tabler/icons-react";
import { CommitNumberInput } from "@/common/components/CommitNumberInput";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { ASPECTS, type AspectId, gridFor, MAX_SIDE, nativeSide } from "../lib/sizes";
import { useGenerateStore } from "../store/generateStore";

/** Width and height with aspect presets, a ratio lock, a swap and "optimize" for the model's base. */
export function SizeControls() {
  const { byKey } = useInstalledModels();
  const state = useGenerateStore();
  const model = state.model ? (byKey.get(state.model) ?? null) : null;
  const base = model?.base ?? null;
  const grid = gridFor(base);
  const error = state.problems.width ?? state.problems.height;
  const locked = state.aspect !== "free" || state.aspectLocked;
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label="Aspect"
          w={96}
          data={ASPECTS.map((aspect) => ({ value: aspect.id, label: aspect.label }))}
          value={state.aspect}
          onChange={(value) => value && state.setAspect(value as AspectId, model)}
          allowDeselect={false}
          data-testid="aspect-select"
        />
        <CommitNumberInput
          label="Width"
          value={state.width}
          step={grid}
          min={grid}
          max={MAX_SIDE}
          onCommit={(value) => state.setWidth(value, base)}
          error={state.problems.width ? true : undefined}
          data-testid="width-input"
          style={{ flex: 1 }}
        />
        <Tooltip label="Swap width and height">
          <ActionIcon variant="subtle" color="gray" mb={2} onClick={state.swapSize} aria-label="Swap width and height">
            <IconArrowsExchange size={16} />
          </ActionIcon>
        </Tooltip>
        <CommitNumberInput
          label="Height"
          value={state.height}
          step={grid}
          min={grid}
          max={MAX_SIDE}
          onCommit={(value) => state.setHeight(value, base)}
          error={state.problems.height ? true : undefined}
          data-testid="height-input"
          style={{ flex: 1 }}
        />
      </Group>
      <Group gap={4} justify="flex-end">
        <Tooltip
          label={
            state.aspect !== "free" ? "The preset keeps the ratio" : locked ? "Unlock the ratio" : "Lock the ratio"
          }
        >
          <ActionIcon
            variant={locked ? "light" : "subtle"}
            color={locked ? "orange" : "gray"}
            size="sm"
            onClick={state.toggleLock}
            disabled={state.aspect !== "free"}
            aria-label="Lock the aspect ratio"
          >
            {locked ? <IconLock size={14} /> : <IconLockOpen size={14} />}
          </ActionIcon>
        </Tooltip>
        <Tooltip
          label={`Optimize: about ${nativeSide(model)}² pixels at this aspect, the size the model was trained on`}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={() => state.optimizeSize(model)}
            aria-label="Optimize the size"
          >
            <IconWand size={14} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {error && (
        <Text size="xs" c="red" data-problem>
          {error}
        </Text>
      )}
    </Stack>
  );
}
