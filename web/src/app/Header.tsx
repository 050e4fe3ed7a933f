import { ActionIcon, Badge, Group, Indicator, Tabs, Text, Tooltip } from "@mantine/core";
import {
  IconBrush,
  IconBook,
  IconBox,
  IconKeyboard,
  IconListDetails,
  IconPhotoUp,
  IconSparkles,
  IconTopologyStar3,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { DOCS_URL } from "@/common/lib/urls";
import { useQueueStatus } from "@/features/queue/hooks/useQueue";
import { type Tab, useUiStore } from "./uiStore";

const TAB_LABELS: { tab: Tab; label: string; icon: ReactNode }[] = [
  { tab: "generate", label: "Generate", icon: <IconSparkles size={16} /> },
  { tab: "canvas", label: "Canvas", icon: <IconBrush size={16} /> },
  { tab: "workflows", label: "Workflows", icon: <IconTopologyStar3 size={16} /> },
  { tab: "upscale", label: "Upscale", icon: <IconPhotoUp size={16} /> },
  { tab: "models", label: "Models", icon: <IconBox size={16} /> },
  { tab: "queue", label: "Queue", icon: <IconListDetails size={16} /> },
];

function QueueBadge() {
  const status = useQueueStatus().data;
  if (!status) return null;
  const waiting = status.counts.pending + status.counts.in_progress;
  return (
    <Badge
      variant={waiting ? "filled" : "light"}
      color={status.paused ? "yellow" : waiting ? "orange" : "gray"}
      data-testid="queue-badge"
    >
      {status.paused ? "paused · " : ""}
      {waiting} queued
    </Badge>
  );
}

function ConnectionDot() {
  const connection = useUiStore((state) => state.connection);
  const label = { open: "Live: connected to the server", connecting: "Connecting…", closed: "Disconnected; retrying" };
  const color = { open: "green", connecting: "yellow", closed: "red" };
  return (
    <Tooltip label={label[connection]}>
      <Indicator color={color[connection]} size={10} processing={connection !== "open"} position="middle-center">
        <span style={{ display: "inline-block", width: 12 }} data-testid={`connection-${connection}`} />
      </Indicator>
    </Tooltip>
  );
}

export function Header({ onShortcuts }: { onShortcuts: () => void }) {
  const tab = useUiStore((state) => state.tab);
  const setTab = useUiStore((state) => state.setTab);
  return (
    <Group
      h={48}
      px="md"
      justify="space-between"
      wrap="nowrap"
      style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}
    >
      <Group gap="xs" wrap="nowrap">
        <img src="/favicon.svg" width={24} height={24} alt="" />
        <Text fw={700} size="lg">
          Impasto
        </Text>
      </Group>
      <Tabs value={tab} onChange={(value) => value && setTab(value as Tab)} variant="pills" radius="sm">
        <Tabs.List>
          {TAB_LABELS.map(({ tab: id, label, icon }) => (
            <Tabs.Tab key={id} value={id} leftSection={icon} data-testid={`tab-${id}`}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="sm" wrap="nowrap">
        <QueueBadge />
        <ConnectionDot />
        <Tooltip label="Keyboard shortcuts">
          <ActionIcon variant="subtle" color="gray" onClick={onShortcuts} aria-label="Keyboard shortcuts">
            <IconKeyboard size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="API documentation">
          <ActionIcon
            component="a"
            href={DOCS_URL}
            target="_blank"
            variant="subtle"
            color="gray"
            aria-label="API documentation"
          >
            <IconBook size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Group>
  );
}
