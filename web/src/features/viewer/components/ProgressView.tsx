import { Box, Group, Progress, Text } from "@mantine/core";
import { useProgressStore } from "@/features/progress/store/progressStore";

/** A thin bar over the viewer with the running item's node and percentage (nothing when idle). */
export function ProgressBar() {
  const current = useProgressStore((state) => (state.current === null ? null : state.items[state.current]));
  if (!current) return null;
  const percent = current.percentage ?? 0;
  return (
    <Box px="sm" py={4} data-testid="generation-progress">
      <Group justify="space-between" gap="xs" mb={2}>
        <Text size="xs" c="dimmed">
          Item {current.itemId} · {current.message ?? current.nodeType ?? "starting"}
        </Text>
        <Text size="xs" c="dimmed">
          {current.percentage === null ? "" : `${Math.round(percent)}%`}
        </Text>
      </Group>
      <Progress
        value={percent}
        size="sm"
        animated={current.percentage === null}
        striped={current.percentage === null}
      />
    </Box>
  );
}

/** The running item's latest step preview, scaled up to the viewer. */
export function ProgressPreview() {
  const preview = useProgressStore((state) =>
    state.current === null ? null : (state.items[state.current]?.preview ?? null),
  );
  if (!preview) return null;
  return (
    <Box style={{ flex: 1, minHeight: 0, display: "flex", padding: 12 }}>
      <img
        src={preview.dataUrl}
        alt="Step preview"
        data-testid="progress-preview"
        style={{ width: "100%", height: "100%", objectFit: "contain", opacity: 0.9, filter: "blur(0.5px)" }}
      />
    </Box>
  );
}
