/**
 * Invoke with its batch count (how many times the workflow is queued), the number of queue items that
 * makes when the graph has batch nodes, and the state of the last run: its status over all its items and,
 * for several, how many of them are done.
 */
import { Badge, Button, Group, NumberInput, Tooltip } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useShallow } from "zustand/react/shallow";
import { useWorkflowCommands } from "../hooks/useWorkflowApi";
import { batchCount, itemCount, MAX_RUNS } from "../lib/batchCount";
import { isGraphNode } from "../lib/document";
import { runProgress } from "../lib/runState";
import { useEditorStore } from "../store/editorStore";

const RUN_COLOUR = { pending: "gray", in_progress: "yellow", completed: "green", failed: "red", canceled: "gray" };

function RunBadge() {
  const run = useEditorStore((state) => state.run);
  if (!run.status) return null;
  const { done, total } = runProgress(run);
  const progress = total > 1 ? ` · ${done} of ${total} done` : "";
  return (
    <Badge
      color={RUN_COLOUR[run.status]}
      variant="light"
      data-testid="workflow-run-status"
      data-status={run.status}
      data-items={total}
      data-done={done}
    >
      {run.status.replace("_", " ")}
      {progress}
    </Badge>
  );
}

/** The graph's batch nodes as the count needs them (a stable list while they do not change). */
function useBatchNodes() {
  return useEditorStore(
    useShallow((state) =>
      state.nodes.filter(isGraphNode).flatMap((node) => [node.data.type, node.data.values] as const),
    ),
  );
}

export function InvokeControls() {
  const { invoke } = useWorkflowCommands();
  const runs = useEditorStore((state) => state.runs);
  const setRuns = useEditorStore((state) => state.setRuns);
  const flat = useBatchNodes();
  const nodes = [];
  for (let at = 0; at < flat.length; at += 2) {
    nodes.push({ type: flat[at] as string, values: flat[at + 1] as Record<string, unknown> });
  }
  const batch = batchCount(nodes);
  const items = itemCount(batch, runs);
  const uneven = batch?.uneven.length ? `Uneven lists in ${batch.uneven.join(", ")}: the server refuses them. ` : "";
  return (
    <Group gap={6} wrap="nowrap">
      <RunBadge />
      <Tooltip label="How many times Invoke queues the workflow" openDelay={400}>
        <NumberInput
          size="xs"
          w={76}
          min={1}
          max={MAX_RUNS}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="strict"
          value={runs}
          onChange={(value) => setRuns(typeof value === "number" && value >= 1 ? value : 1)}
          aria-label="Batch count"
          data-testid="workflow-runs"
        />
      </Tooltip>
      {batch && (
        <Tooltip
          label={`${uneven}Batch nodes make ${batch.perRun ?? "a board's worth of"} item(s) per run`}
          multiline
          w={260}
        >
          <Badge
            variant="light"
            color={batch.uneven.length ? "red" : "blue"}
            data-testid="workflow-item-count"
            data-count={items ?? ""}
          >
            {items === null ? "? items" : items === 1 ? "1 item" : `${items} items`}
          </Badge>
        </Tooltip>
      )}
      <Button
        size="xs"
        leftSection={<IconPlayerPlay size={14} />}
        onClick={() => void invoke()}
        data-testid="workflow-invoke"
      >
        Invoke
      </Button>
    </Group>
  );
}
