import { describe, expect, it } from "vitest";
import type { ServerEvent } from "@/api/events";
import { EMPTY_PROGRESS, reduceProgress } from "./progress";

const counts = { pending: 0, in_progress: 1, completed: 0, failed: 0, canceled: 0, total: 1 };
const base = { timestamp: "2026-01-01T00:00:00Z" };

function status(item_id: number, value: "in_progress" | "completed" | "failed"): ServerEvent {
  return {
    ...base,
    type: "queue_item_status_changed",
    item_id,
    batch_id: "b",
    status: value,
    error_type: null,
    error_message: null,
    counts,
  };
}

function progress(item_id: number, percentage: number, data_url?: string): ServerEvent {
  return {
    ...base,
    type: "node_progress",
    item_id,
    node_id: "denoise",
    node_type: "denoise_latents",
    percentage,
    message: `step ${percentage / 10}`,
    preview: data_url ? { data_url, width: 8, height: 8 } : null,
  };
}

function fold(events: ServerEvent[]) {
  return events.reduce(reduceProgress, EMPTY_PROGRESS);
}

describe("reduceProgress", () => {
  it("tracks the running item's node, percentage and latest preview", () => {
    const state = fold([status(7, "in_progress"), progress(7, 10, "data:a"), progress(7, 20)]);
    expect(state.current).toBe(7);
    expect(state.items[7]).toEqual({
      itemId: 7,
      nodeType: "denoise_latents",
      percentage: 20,
      message: "step 2",
      preview: { dataUrl: "data:a", width: 8, height: 8 },
    });
  });

  it("forgets items that finish, fail or are canceled", () => {
    expect(fold([status(7, "in_progress"), progress(7, 50), status(7, "completed")])).toEqual(EMPTY_PROGRESS);
    const canceled = fold([
      status(7, "in_progress"),
      { ...base, type: "queue_items_canceled", item_ids: [7, 8], counts },
    ]);
    expect(canceled).toEqual(EMPTY_PROGRESS);
  });

  it("resets a node's percentage when the next node starts, and notes model loads", () => {
    const state = fold([
      status(3, "in_progress"),
      progress(3, 100),
      { ...base, type: "node_started", item_id: 3, node_id: "l2i", node_type: "l2i", iteration: [] },
      { ...base, type: "model_load_started", key: "k", submodel: "vae" },
    ]);
    expect(state.items[3]).toMatchObject({ nodeType: "l2i", percentage: null, message: "Loading vae…" });
  });

  it("ignores progress from runs outside the queue", () => {
    const outside: ServerEvent = {
      ...base,
      type: "node_started",
      item_id: null,
      node_id: "n",
      node_type: "t",
      iteration: [],
    };
    expect(fold([outside])).toEqual(EMPTY_PROGRESS);
  });
});
