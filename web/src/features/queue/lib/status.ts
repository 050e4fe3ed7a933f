/** How queue states look, and which commands apply to an item in each. */
import type { Schemas } from "@/api/client";

type ItemStatus = Schemas["ItemStatus"];

export const STATUS_COLORS: Record<ItemStatus, string> = {
  pending: "gray",
  in_progress: "orange",
  completed: "green",
  failed: "red",
  canceled: "yellow",
};

export const STATUS_LABELS: Record<ItemStatus, string> = {
  pending: "pending",
  in_progress: "running",
  completed: "completed",
  failed: "failed",
  canceled: "canceled",
};

export function canCancel(status: ItemStatus): boolean {
  return status === "pending" || status === "in_progress";
}

export function canRetry(status: ItemStatus): boolean {
  return status === "failed" || status === "canceled";
}

/** Finished items, which "clear finished" removes. */
export function finishedCount(counts: Schemas["QueueCounts"]): number {
  return counts.completed + counts.failed + counts.canceled;
}
