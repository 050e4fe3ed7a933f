/**
 * What the editor shows of a run: which node is running, which finished or failed (with the error), and
 * the images the nodes made, folded from the server's events for the queue items the editor enqueued. A
 * run of several items (a batch count, batch nodes) follows them all: the nodes show the item that ran
 * last (its images kept until the next item replaces them), the status sums up every item.
 */
import type { Schemas } from "@/api/client";
import type { ServerEvent } from "@/api/events";

export type NodeStatus = "pending" | "running" | "done" | "failed";

type ItemStatus = Schemas["ItemStatus"];

export interface RunState {
  /** The item the nodes show: the one that ran last. */
  itemId: number | null;
  /** Every item the run queued, with its status. */
  items: Record<number, ItemStatus>;
  /** The run's status over all its items: null before the editor runs anything. */
  status: ItemStatus | null;
  nodes: Record<string, { status: NodeStatus; error?: string; image?: string; percentage?: number | null }>;
  error: string | null;
}

export const IDLE_RUN: RunState = { itemId: null, items: {}, status: null, nodes: {}, error: null };

const TERMINAL = new Set<ItemStatus | null>(["completed", "failed", "canceled"]);

export function startedRun(itemIds: number[]): RunState {
  const items = Object.fromEntries(itemIds.map((id) => [id, "pending" as const]));
  return { itemId: itemIds[0] ?? null, items, status: "pending", nodes: {}, error: null };
}

/** The status of a run of `items`: in progress while one runs or some are done and some wait; when all
 * ended, failed if one failed, canceled if one was, else completed. */
export function overallStatus(items: Record<number, ItemStatus>): ItemStatus {
  const statuses = Object.values(items);
  if (statuses.every((status) => TERMINAL.has(status))) {
    if (statuses.includes("failed")) return "failed";
    return statuses.includes("canceled") ? "canceled" : "completed";
  }
  const started = statuses.some((status) => status !== "pending");
  return started ? "in_progress" : "pending";
}

/** How many of the run's items ended, and how many it queued. */
export function runProgress(state: RunState): { done: number; total: number } {
  const statuses = Object.values(state.items);
  return { done: statuses.filter((status) => TERMINAL.has(status)).length, total: statuses.length };
}

/** The run showing `itemId` on its nodes: a newer item's nodes start over, keeping the images until replaced. */
function showing(state: RunState, itemId: number): RunState {
  if (state.itemId === itemId) return state;
  const nodes: RunState["nodes"] = {};
  for (const [id, node] of Object.entries(state.nodes)) {
    if (node.image) nodes[id] = { status: "pending", image: node.image };
  }
  return { ...state, itemId, nodes };
}

/** The image an output names, if it holds one (`{"image": {"image_name": ...}}`). */
function imageOf(output: Record<string, unknown>): string | undefined {
  const image = output.image as { image_name?: unknown } | undefined;
  return typeof image?.image_name === "string" ? image.image_name : undefined;
}

/** The run with those of `itemIds` it queued marked canceled (a cancel of several items at once). */
function canceled(state: RunState, itemIds: number[]): RunState {
  const mine = itemIds.filter((id) => id in state.items && !TERMINAL.has(state.items[id] ?? null));
  if (mine.length === 0) return state;
  const items = { ...state.items, ...Object.fromEntries(mine.map((id) => [id, "canceled" as const])) };
  return { ...state, items, status: overallStatus(items) };
}

export function reduceRun(previous: RunState, event: ServerEvent): RunState {
  if (event.type === "queue_items_canceled") return canceled(previous, event.item_ids);
  if (!("item_id" in event) || event.item_id === null || !(event.item_id in previous.items)) return previous;
  if (event.type === "queue_item_status_changed") {
    const items = { ...previous.items, [event.item_id]: event.status };
    const failed = event.status === "failed" ? (event.error_message ?? previous.error) : previous.error;
    return { ...previous, items, status: overallStatus(items), error: failed };
  }
  const state = showing(previous, event.item_id);
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
  return { itemId: null, items: {}, status: "failed", nodes, error: message };
}

/** Whether the run may still change (its events are worth hearing, its item worth asking about). */
export const runOngoing = (state: RunState): boolean => state.itemId !== null && !TERMINAL.has(state.status);

/** The run's items that may still change, to ask the server about. */
export const openItems = (state: RunState): number[] =>
  Object.entries(state.items)
    .filter(([, status]) => !TERMINAL.has(status))
    .map(([id]) => Number(id));

/**
 * The run brought up to date from one of its queue items, for events the editor missed while it was not
 * shown: the item's status and error, and, for an item that started no earlier than the one shown, each
 * node whose output the item's result holds marked done with the image it made.
 */
export function caughtUpRun(previous: RunState, item: Schemas["QueueItem"]): RunState {
  if (!(item.item_id in previous.items)) return previous;
  const items = { ...previous.items, [item.item_id]: item.status };
  const error = item.error_message ?? previous.error;
  const summed = { ...previous, items, status: overallStatus(items), error };
  if (item.status === "pending" || item.item_id < (previous.itemId ?? 0)) return summed;
  const state = showing(summed, item.item_id);
  const outputs = (item.result?.outputs ?? {}) as Record<string, unknown>;
  const nodes = { ...state.nodes };
  for (const [id, output] of Object.entries(outputs)) {
    const single = typeof output === "object" && output !== null && !Array.isArray(output);
    const image = single ? imageOf(output as Record<string, unknown>) : undefined;
    nodes[id] = { ...nodes[id], status: "done", image: image ?? nodes[id]?.image };
  }
  return { ...state, nodes };
}
