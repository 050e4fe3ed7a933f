import { ActionIcon, Badge, Button, Group, Menu, Tooltip } from "@mantine/core";
import { IconChevronDown, IconPlayerStopFilled, IconSparkles } from "@tabler/icons-react";
import { useQueueCommands, useQueueStatus } from "@/features/queue/hooks/useQueue";
import { actions, useAction } from "@/features/shortcuts/actions";
import { useGenerate } from "../hooks/useGenerate";

/** Invoke (Ctrl/Cmd+Enter), invoke at the front of the queue, and cancel the running item. */
export function InvokeBar() {
  const generate = useGenerate();
  const status = useQueueStatus().data;
  const { cancel } = useQueueCommands();
  const waiting = status ? status.counts.pending + status.counts.in_progress : 0;
  const current = status?.current_item_id ?? null;

  useAction({
    id: "generate.invoke",
    title: "Generate (add to the queue)",
    keys: ["mod+Enter"],
    inInputs: true,
    perform: () => generate.mutate({ prepend: false }),
  });
  useAction({
    id: "generate.invoke-front",
    title: "Generate at the front of the queue",
    keys: ["mod+shift+Enter"],
    inInputs: true,
    perform: () => generate.mutate({ prepend: true }),
  });

  return (
    <Group gap={6} wrap="nowrap" p="xs" style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}>
      <Button.Group style={{ flex: 1 }}>
        <Button
          fullWidth
          size="md"
          leftSection={<IconSparkles size={18} />}
          loading={generate.isPending}
          onClick={() => void actions.run("generate.invoke")}
          rightSection={
            waiting ? (
              <Badge size="sm" color="dark" variant="filled" data-testid="invoke-queue-count">
                {waiting}
              </Badge>
            ) : null
          }
          data-testid="invoke"
        >
          Invoke
        </Button>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="md" px={8} aria-label="More ways to invoke">
              <IconChevronDown size={16} />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void actions.run("generate.invoke-front")} data-testid="invoke-front">
              Invoke at the front of the queue
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
          data-testid="cancel-current"
        >
          <IconPlayerStopFilled size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
