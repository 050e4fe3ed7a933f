/**
 * What the editor shows of a run: which node is running, which finished or failed (with the error), and
 * the images the nodes made, folded from the server's events for the queue item the editor enqueued.
 */
import type { Schemas } from "@/api/client";
import type { ServerEvent } from "@/api/events";

export type NodeStatus = "pending" | "running" | "done" | "failed";

export interface RunState {
  itemId: number | null;
  /** The item's status: null before the editor runs anything. */
  status: Schemas["ItemStatus"] | null;
  nodes: Record<string, { status: NodeStatus; error?: string; image?: string; percentage?: number | null }>;
  error: string | null;
}

export const IDLE_RUN: RunState = { itemId: null, status: null, nodes: {}, error: null };

export function startedRun(itemId: number): RunState {
  return { itemId, status: "pending", nodes: {}, error: null };
}

/** The image an output names, if it holds one (`{"image": {"image_name": ...}}`). */
function imageOf(output: Record<string, unknown>): string | undefined {
  const image = output.image as { image_name?: unknown } | undefined;
  return typeof image?.image_name === "string" ? image.image_name : undefined;
}

export function reduceRun(state: RunState, event: ServerEvent): RunState {
  if (state.itemId === null || !("item_id" in event) || event.item_id !== state.itemId) return state;
  const node = (id: string, patch: RunState["nodes"][string]) => ({
    ...state,
    nodes: { ...state.nodes, [id]: { ...state.nodes[id], ...patch } },
  });
  switch (event.type) {
    case "node_started":
      return node(event.node_id, { status: "running", percentage: null });
    case "node_progress":
      return node(event.node_id, { status: "running", percentage: event.percentage });
    case "node_completed":
      return node(event.node_id, { status: "done", image: imageOf(event.output) ?? state.nodes[event.node_id]?.image });
    case "node_failed":
      return { ...node(event.node_id, { status: "failed", error: event.error_message }), error: event.error_message };
    case "queue_item_status_changed":
      return {
        ...state,
        status: event.status,
        error: event.status === "failed" ? (event.error_message ?? state.error) : state.error,
      };
    default:
      return state;
  }
}

/**
 * A run the server refused: each graph issue (`{node_id, field, message}`) is put on its node, so a
 * missing model or a bad value shows where it is; issues without a node go to the run's error.
 */
export function refusedRun(message: string, details: unknown): RunState {
  const nodes: RunState["nodes"] = {};
  for (const detail of Array.isArray(details) ? details : []) {
    const issue = detail as { node_id?: unknown; message?: unknown };
    if (typeof issue.node_id !== "string" || typeof issue.message !== "string") continue;
    const before = nodes[issue.node_id]?.error;
    nodes[issue.node_id] = { status: "failed", error: before ? `${before}\n${issue.message}` : issue.message };
  }
  return { itemId: null, status: "failed", nodes, error: message };
}

const TERMINAL = new Set<RunState["status"]>(["completed", "failed", "canceled"]);

/** Whether the run may still change (its events are worth hearing, its item worth asking about). */
export const runOngoing = (state: RunState): boolean => state.itemId !== null && !TERMINAL.has(state.status);

/**
 * The run brought up to date from its queue item, for events the editor missed while it was not shown:
 * the item's status and error, and each node whose output the item's result holds marked done with the
 * image it made.
 */
export function caughtUpRun(state: RunState, item: Schemas["QueueItem"]): RunState {
  if (item.item_id !== state.itemId) return state;
  const outputs = (item.result?.outputs ?? {}) as Record<string, unknown>;
  const nodes = { ...state.nodes };
  for (const [id, output] of Object.entries(outputs)) {
    const single = typeof output === "object" && output !== null && !Array.isArray(output);
    const image = single ? imageOf(output as Record<string, unknown>) : undefined;
    nodes[id] = { ...nodes[id], status: "done", image: image ?? nodes[id]?.image };
  }
  return { ...state, status: item.status, nodes, error: item.error_message ?? state.error };
}
