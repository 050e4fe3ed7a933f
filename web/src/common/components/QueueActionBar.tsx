/**
 * The bar above a tab's settings: its main action (adding to the queue, with the count of waiting items),
 * the same action at the front of the queue, and cancelling the running item. The tab registers the two
 * actions (with their shortcuts) and passes their ids; the bar runs them through the action registry.
 */
import { ActionIcon, Badge, Button, Group, Menu, Tooltip } from "@mantine/core";
import { IconChevronDown, IconPlayerStopFilled } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useQueueCommands, useQueueStatus } from "@/features/queue/hooks/useQueue";
import { actions } from "@/features/shortcuts/actions";

export interface QueueActionBarProps {
  label: string;
  icon: ReactNode;
  loading: boolean;
  /** Action ids: adding at the end and at the front of the queue. */
  run: string;
  runFront: string;
  frontLabel: string;
  moreLabel: string;
  testIds?: { run?: string; front?: string; count?: string; cancel?: string };
}

export function QueueActionBar(props: QueueActionBarProps) {
  const status = useQueueStatus().data;
  const { cancel } = useQueueCommands();
  const waiting = status ? status.counts.pending + status.counts.in_progress : 0;
  const current = status?.current_item_id ?? null;
  const ids = props.testIds ?? {};
  return (
    <Group gap={6} wrap="nowrap" p="xs" style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}>
      <Button.Group style={{ flex: 1 }}>
        <Button
          fullWidth
          size="md"
          leftSection={props.icon}
          loading={props.loading}
          onClick={() => void actions.run(props.run)}
          rightSection={
            waiting ? (
              <Badge size="sm" color="dark" variant="filled" data-testid={ids.count}>
                {waiting}
              </Badge>
            ) : null
          }
          data-testid={ids.run}
        >
          {props.label}
        </Button>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="md" px={8} aria-label={props.moreLabel}>
              <IconChevronDown size={16} />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => void actions.run(props.runFront)} data-testid={ids.front}>
              {props.frontLabel}
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
          data-testid={ids.cancel}
        >
          <IconPlayerStopFilled size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
