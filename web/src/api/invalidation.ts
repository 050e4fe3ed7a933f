/**
 * Which cached server data each event makes stale. Kept as a pure table so it is tested on its own and
 * the cache never polls: the WebSocket says what changed, and only that is fetched again.
 */
import type { QueryKey } from "@tanstack/react-query";
import type { ServerEvent } from "./events";
import { queryKeys } from "./queryKeys";

const QUEUE: QueryKey = ["queue"];

/** The query-key prefixes to invalidate after `event` (empty: the event changes no cached data). */
export function keysToInvalidate(event: ServerEvent): QueryKey[] {
  switch (event.type) {
    case "batch_enqueued":
    case "queue_item_status_changed":
    case "queue_items_canceled":
    case "queue_cleared":
    case "worker_status_changed":
      return [QUEUE];
    case "image_added":
      // Intermediate images never show in lists or board counts.
      return event.image.intermediate ? [] : [["images", "names"], ["images", "page"], queryKeys.boards];
    case "images_updated":
    case "images_deleted":
      return [queryKeys.images, queryKeys.boards];
    case "board_changed":
      return event.action === "deleted" ? [queryKeys.boards, queryKeys.images] : [queryKeys.boards];
    case "model_record_changed":
      return [queryKeys.modelList, queryKeys.starters];
    case "install_job_changed":
      // Progress is patched into the job list directly (see jobs cache); a finished job adds a model.
      return event.job.state === "completed" ? [queryKeys.modelList, queryKeys.starters] : [];
    case "style_preset_changed":
      return [queryKeys.presets];
    default:
      return [];
  }
}
