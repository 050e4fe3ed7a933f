/**
 * Live progress of queue items, folded from server events: the running item, its current node's
 * percentage and message, and the latest step preview. A pure reducer, so the viewer and the queue tab
 * read the same state and it is tested without a socket.
 */
import type { ServerEvent } from "@/api/events";

export interface Preview {
  dataUrl: string;
  width: number;
  height: number;
}

export interface ItemProgress {
  itemId: number;
  nodeType: string | null;
  percentage: number | null;
  message: string | null;
  preview: Preview | null;
}

export interface ProgressState {
  current: number | null;
  items: Record<number, ItemProgress>;
}

export const EMPTY_PROGRESS: ProgressState = { current: null, items: {} };

function preview(value: Record<string, unknown> | null | undefined): Preview | null {
  if (!value || typeof value.data_url !== "string") return null;
  return { dataUrl: value.data_url, width: Number(value.width) || 0, height: Number(value.height) || 0 };
}

function entry(state: ProgressState, itemId: number): ItemProgress {
  return state.items[itemId] ?? { itemId, nodeType: null, percentage: null, message: null, preview: null };
}

function withItem(state: ProgressState, item: ItemProgress): ProgressState {
  return { current: item.itemId, items: { ...state.items, [item.itemId]: item } };
}

function without(state: ProgressState, itemIds: number[]): ProgressState {
  const items = { ...state.items };
  for (const id of itemIds) delete items[id];
  const current = state.current !== null && itemIds.includes(state.current) ? null : state.current;
  return { current, items };
}

export function reduceProgress(state: ProgressState, event: ServerEvent): ProgressState {
  switch (event.type) {
    case "queue_item_status_changed":
      if (event.status === "in_progress") return withItem(state, entry(state, event.item_id));
      return without(state, [event.item_id]);
    case "queue_items_canceled":
      return without(state, event.item_ids);
    case "queue_cleared":
      return EMPTY_PROGRESS;
    case "node_started":
      if (event.item_id === null || event.item_id === undefined) return state;
      return withItem(state, {
        ...entry(state, event.item_id),
        nodeType: event.node_type,
        percentage: null,
        message: null,
      });
    case "node_progress": {
      if (event.item_id === null || event.item_id === undefined) return state;
      const item = entry(state, event.item_id);
      return withItem(state, {
        ...item,
        nodeType: event.node_type,
        percentage: event.percentage ?? item.percentage,
        message: event.message ?? item.message,
        preview: preview(event.preview) ?? item.preview,
      });
    }
    case "model_load_started":
      if (state.current === null) return state;
      return withItem(state, { ...entry(state, state.current), message: `Loading ${event.submodel ?? "model"}…` });
    default:
      return state;
  }
}
