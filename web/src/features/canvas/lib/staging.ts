/**
 * The staging area: results of canvas invocations waiting over the box they were made for, until they
 * are accepted (a new raster layer) or discarded. Items are queued first and get their image when the
 * server reports it, so several invocations stack up in order.
 */
import type { Rect } from "./document";

export interface StagedResult {
  itemId: number;
  /** The box the item was generated for (where its image goes). */
  rect: Rect;
  imageName: string | null;
  status: "pending" | "done" | "failed";
}

export interface Staging {
  results: StagedResult[];
  /** The result shown. */
  index: number;
}

export const EMPTY_STAGING: Staging = { results: [], index: 0 };

export function stagePending(staging: Staging, itemIds: number[], rect: Rect): Staging {
  const added = itemIds.map((itemId): StagedResult => ({ itemId, rect, imageName: null, status: "pending" }));
  return { ...staging, results: [...staging.results, ...added] };
}

/** An item's image arrived; results of other invocations are left alone. */
export function resolveResult(staging: Staging, itemId: number, imageName: string): Staging {
  if (!staging.results.some((result) => result.itemId === itemId && result.status === "pending")) return staging;
  const results = staging.results.map((result) =>
    result.itemId === itemId && result.status === "pending"
      ? { ...result, imageName, status: "done" as const }
      : result,
  );
  return { ...staging, results };
}

/** An item failed or was canceled: it leaves the staging area. */
export function dropItem(staging: Staging, itemId: number): Staging {
  const index = staging.results.findIndex((result) => result.itemId === itemId && result.status === "pending");
  return index < 0 ? staging : discardAt(staging, index);
}

export function discardAt(staging: Staging, index: number): Staging {
  const results = staging.results.filter((_, at) => at !== index);
  return { results, index: Math.max(0, Math.min(staging.index, results.length - 1)) };
}

/** Shows the previous (-1) or next (+1) result, wrapping around. */
export function stepStaging(staging: Staging, step: 1 | -1): Staging {
  const count = staging.results.length;
  if (count === 0) return staging;
  return { ...staging, index: (staging.index + step + count) % count };
}

export function shownResult(staging: Staging): StagedResult | null {
  return staging.results[staging.index] ?? null;
}
