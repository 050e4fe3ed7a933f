import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Progress,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Tooltip,
} from "@mantine/core";
import { useInterval } from "@mantine/hooks";
import { IconInfoCircle, IconPlayerPause, IconPlayerPlay, IconRefresh, IconTrash, IconX } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { Schemas } from "@/api/client";
import { formatDuration, secondsBetween } from "@/common/lib/format";
import { useProgressStore } from "@/features/progress/store/progressStore";
import { type ItemStatus, useQueueCommands, useQueueItems, useQueueStatus } from "../hooks/useQueue";
import { canCancel, canRetry, finishedCount, STATUS_COLORS, STATUS_LABELS } from "../lib/status";
import { fieldSummary } from "../lib/summary";
import { ItemDetails } from "./ItemDetails";

type Item = Schemas["QueueItemSummary"];

const FILTERS: Record<string, ItemStatus[] | null> = {
  all: null,
  active: ["pending", "in_progress"],
  failed: ["failed"],
  done: ["completed", "canceled"],
};

function ItemProgress({ item }: { item: Item }) {
  const progress = useProgressStore((state) => state.items[item.item_id]);
  if (item.status !== "in_progress") return null;
  return <Progress value={progress?.percentage ?? 0} size="sm" animated={!progress?.percentage} striped w={120} />;
}

function ItemRow({ item, now, onDetails }: { item: Item; now: number; onDetails: () => void }) {
  const { cancel, retry } = useQueueCommands();
  const waited = secondsBetween(item.created_at, item.started_at ?? item.completed_at, now);
  const ran = secondsBetween(item.started_at, item.completed_at, now);
  return (
    <Table.Tr data-testid={`queue-item-${item.item_id}`} data-status={item.status}>
      <Table.Td>{item.item_id}</Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[item.status]} variant="light" data-testid="queue-item-status">
          {STATUS_LABELS[item.status]}
        </Badge>
      </Table.Td>
      <Table.Td>
        <ItemProgress item={item} />
        {item.error_message && (
          <Text size="xs" c="red" lineClamp={2}>
            {item.error_type}: {item.error_message}
          </Text>
        )}
        <Text size="xs" c="dimmed" lineClamp={1}>
          {fieldSummary(item.field_values)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{item.origin ?? "api"}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{new Date(item.created_at).toLocaleTimeString()}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">
          {item.started_at ? formatDuration(waited) : item.status === "pending" ? `${formatDuration(waited)}…` : "–"}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{formatDuration(ran)}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={2} wrap="nowrap">
          {canCancel(item.status) && (
            <Tooltip label="Cancel">
              <ActionIcon
                size="sm"
                variant="subtle"
                color="red"
                onClick={() => cancel.mutate(item.item_id)}
                aria-label={`Cancel item ${item.item_id}`}
                data-testid="queue-cancel"
              >
                <IconX size={14} />
              </ActionIcon>
            </Tooltip>
          )}
          {canRetry(item.status) && (
            <Tooltip label="Retry">
              <ActionIcon
                size="sm"
                variant="subtle"
                onClick={() => retry.mutate(item.item_id)}
                aria-label={`Retry item ${item.item_id}`}
                data-testid="queue-retry"
              >
                <IconRefresh size={14} />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label="Details">
            <ActionIcon
              size="sm"
              variant="subtle"
              color="gray"
              onClick={onDetails}
              aria-label={`Details of item ${item.item_id}`}
            >
              <IconInfoCircle size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function QueueHeader({ filter, setFilter }: { filter: string; setFilter: (value: string) => void }) {
  const status = useQueueStatus().data;
  const commands = useQueueCommands();
  const counts = status?.counts;
  return (
    <Group justify="space-between" p="sm" style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}>
      <Group gap="xs">
        {counts &&
          (["pending", "in_progress", "completed", "failed", "canceled"] as const).map((state) => (
            <Badge key={state} color={STATUS_COLORS[state]} variant="light" data-testid={`count-${state}`}>
              {STATUS_LABELS[state]} {counts[state]}
            </Badge>
          ))}
        <Badge color={status?.paused ? "yellow" : "green"} variant="outline" data-testid="worker-state">
          worker {status?.paused ? "paused" : "running"}
        </Badge>
      </Group>
      <Group gap="xs">
        <SegmentedControl size="xs" value={filter} onChange={setFilter} data={["all", "active", "failed", "done"]} />
        {status?.paused ? (
          <Button
            size="xs"
            leftSection={<IconPlayerPlay size={14} />}
            onClick={() => commands.resume.mutate()}
            data-testid="queue-resume"
          >
            Resume
          </Button>
        ) : (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlayerPause size={14} />}
            onClick={() => commands.pause.mutate()}
            data-testid="queue-pause"
          >
            Pause
          </Button>
        )}
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconX size={14} />}
          onClick={() => commands.cancelAll.mutate()}
          disabled={!counts || counts.pending + counts.in_progress === 0}
        >
          Cancel all
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconTrash size={14} />}
          onClick={() => commands.prune.mutate()}
          disabled={!counts || finishedCount(counts) === 0}
          data-testid="queue-prune"
        >
          Clear finished
        </Button>
      </Group>
    </Group>
  );
}

/** The queue, live: every item with its state, progress, timing and error; the worker's controls. */
export function QueueTab() {
  const [filter, setFilter] = useState("all");
  const [limit, setLimit] = useState(100);
  const [details, setDetails] = useState<number | null>(null);
  const items = useQueueItems({ status: FILTERS[filter] ?? null, limit });
  const [now, setNow] = useState(Date.now());
  const running = (items.data?.items ?? []).some((item) => item.status === "in_progress" || item.status === "pending");
  const ticker = useInterval(() => setNow(Date.now()), 1000);
  useEffect(() => {
    if (running) ticker.start();
    else ticker.stop();
    return ticker.stop;
  }, [running, ticker]);

  const list = items.data?.items ?? [];
  return (
    <Stack gap={0} h="100%" data-testid="queue-tab">
      <QueueHeader filter={filter} setFilter={setFilter} />
      <ScrollArea style={{ flex: 1 }} type="auto">
        <Table striped highlightOnHover stickyHeader verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Progress · values · error</Table.Th>
              <Table.Th>Origin</Table.Th>
              <Table.Th>Queued</Table.Th>
              <Table.Th>Waited</Table.Th>
              <Table.Th>Ran</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((item) => (
              <ItemRow key={item.item_id} item={item} now={now} onDetails={() => setDetails(item.item_id)} />
            ))}
          </Table.Tbody>
        </Table>
        {list.length === 0 && !items.isLoading && (
          <Text c="dimmed" ta="center" mt="xl">
            The queue is empty. Invoke from the Generate tab, and items show up here as they wait, run and finish.
          </Text>
        )}
        {items.data && items.data.total > list.length && (
          <Group justify="center" p="sm">
            <Button size="xs" variant="default" onClick={() => setLimit(limit + 100)}>
              Show more ({items.data.total - list.length} older)
            </Button>
          </Group>
        )}
      </ScrollArea>
      <ItemDetails itemId={details} onClose={() => setDetails(null)} />
    </Stack>
  );
}
