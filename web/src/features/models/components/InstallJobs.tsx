import { ActionIcon, Badge, Button, Group, Progress, Stack, Text, Tooltip } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { formatBytes } from "@/common/lib/format";
import { useModelCommands } from "../hooks/useModelCommands";
import { useInstallJobs } from "../hooks/useModels";
import { isActive, jobPercent } from "../lib/jobs";

const STATE_COLORS: Record<string, string> = {
  waiting: "gray",
  downloading: "blue",
  running: "orange",
  completed: "green",
  error: "red",
  canceled: "yellow",
};

/** Install jobs, live: state, step, progress and errors; cancel running ones, clear finished ones. */
export function InstallJobs() {
  const jobs = useInstallJobs().data ?? [];
  const { cancelJob, pruneJobs } = useModelCommands();
  if (!jobs.length) return null;
  return (
    <Stack gap="xs" data-testid="install-jobs">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Installs
        </Text>
        <Button
          size="compact-xs"
          variant="default"
          onClick={() => pruneJobs.mutate()}
          disabled={!jobs.some((job) => !isActive(job))}
        >
          Clear finished
        </Button>
      </Group>
      {jobs.map((job) => {
        const percent = jobPercent(job);
        return (
          <Stack key={job.id} gap={2} data-testid="install-job" data-state={job.state}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="xs" truncate style={{ flex: 1 }} title={job.source}>
                {job.request.name ?? job.source}
              </Text>
              <Badge size="xs" color={STATE_COLORS[job.state] ?? "gray"} variant="light">
                {job.state}
                {job.step && isActive(job) ? ` · ${job.step}` : ""}
              </Badge>
              {isActive(job) && (
                <Tooltip label="Cancel">
                  <ActionIcon
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => cancelJob.mutate(job.id)}
                    aria-label="Cancel the install"
                  >
                    <IconX size={12} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
            {isActive(job) && (
              <Progress value={percent ?? 100} animated={percent === null} striped={percent === null} size="xs" />
            )}
            {isActive(job) && job.bytes_total ? (
              <Text size="xs" c="dimmed">
                {formatBytes(job.bytes_done)} of {formatBytes(job.bytes_total)}
              </Text>
            ) : null}
            {job.error_message && (
              <Text size="xs" c="red">
                {job.error_message}
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
