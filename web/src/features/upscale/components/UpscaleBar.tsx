import { ActionIcon, Badge, Button, Group, Menu, Tooltip } from "@mantine/core";
import { IconChevronDown, IconPhotoUp, IconPlayerStopFilled } from "@tabler/icons-react";
import { useQueueCommands, useQueueStatus } from "@/features/queue/hooks/useQueue";
import { actions, useAction } from "@/features/shortcuts/actions";
import { useUpscale } from "../hooks/useUpscale";
import type { UpscalePlan } from "../hooks/useUpscalePlan";

/** Upscale (Ctrl/Cmd+Enter), upscale at the front of the queue, and cancel the running item. */
export function UpscaleBar({ plan }: { plan: UpscalePlan }) {
  const upscale = useUpscale(plan);
  const status = useQueueStatus().data;
  const { cancel } = useQueueCommands();
  const waiting = status ? status.counts.pending + status.counts.in_progress : 0;
  const current = status?.current_item_id ?? null;

  useAction({
    id: "upscale.run",
    title: "Upscale (add to the queue)",
    keys: ["mod+Enter"],
    inInputs: true,
    perform: () => upscale.run(false),
  });
  useAction({
    id: "upscale.run-front",
    title: "Upscale at the front of the queue",
    keys: ["mod+shift+Enter"],
    inInputs: true,
    perform: () => upscale.run(true),
  });

  return (
    <Group gap={6} wrap="nowrap" p="xs" style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}>
      <Button.Group style={{ flex: 1 }}>
        <Button
          fullWidth
          size="md"
          leftSection={<IconPhotoUp size={18} />}
          loading={upscale.isPending}
          onClick={() => void actions.run("upscale.run")}
          rightSection={
            waiting ? (
              <Badge size="sm" color="dark" variant="filled">
                {waiting}
              </Badge>
            ) : null
          }
          data-testid="upscale-run"
        >
          Upscale
        </Button>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="md" px={8} aria-label="More ways to upscale">
              <IconChevronDown size={16} />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void actions.run("upscale.run-front")}>
              Upscale at the front of the queue
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Button.Group>
      <Tooltip label={current !== null ? `Cancel the running item (${current})` : "Nothing is running"}>
        <ActionIcon
          size="lg"
          variant="light"
          color="red"
          disabled={current === null}
          onClick={() => current !== null && cancel.mutate(current)}
          aria-label="Cancel the running item"
        >
          <IconPlayerStopFilled size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
