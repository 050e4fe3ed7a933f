/** Queue data and commands. Lists refresh from queue events; commands only report their errors. */
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { api, call, type Schemas } from "@/api/client";
import { describeError } from "@/api/errors";
import { queryKeys } from "@/api/queryKeys";

export type ItemStatus = Schemas["ItemStatus"];

export function useQueueStatus() {
  return useQuery({ queryKey: queryKeys.queueStatus, queryFn: () => call(api.GET("/api/v1/queue/status")) });
}

export interface ItemFilter {
  status: ItemStatus[] | null;
  limit: number;
}

export function useQueueItems(filter: ItemFilter) {
  return useQuery({
    queryKey: queryKeys.queueItems(filter),
    queryFn: () =>
      call(
        api.GET("/api/v1/queue/items", {
          params: { query: { limit: filter.limit, newest_first: true, status: filter.status ?? undefined } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useQueueItem(itemId: number | null) {
  return useQuery({
    queryKey: queryKeys.queueItem(itemId ?? -1),
    queryFn: () => call(api.GET("/api/v1/queue/items/{item_id}", { params: { path: { item_id: itemId ?? -1 } } })),
    enabled: itemId !== null,
  });
}

function failed(title: string) {
  return (error: unknown) => notifications.show({ color: "red", title, message: describeError(error) });
}

/** Every queue command, each a mutation that reports its failure; the event stream refreshes the lists. */
export function useQueueCommands() {
  const cancel = useMutation({
    mutationFn: (itemId: number) =>
      call(api.POST("/api/v1/queue/items/{item_id}/cancel", { params: { path: { item_id: itemId } } })),
    onError: failed("Could not cancel"),
  });
  const retry = useMutation({
    mutationFn: (itemId: number) =>
      call(api.POST("/api/v1/queue/items/{item_id}/retry", { params: { path: { item_id: itemId } } })),
    onError: failed("Could not retry"),
  });
  const cancelAll = useMutation({
    mutationFn: () => call(api.POST("/api/v1/queue/cancel_all")),
    onError: failed("Could not cancel the queue"),
  });
  const prune = useMutation({
    mutationFn: () => call(api.POST("/api/v1/queue/prune")),
    onError: failed("Could not clear finished items"),
  });
  const pause = useMutation({
    mutationFn: () => call(api.POST("/api/v1/queue/pause")),
    onError: failed("Could not pause"),
  });
  const resume = useMutation({
    mutationFn: () => call(api.POST("/api/v1/queue/resume")),
    onError: failed("Could not resume"),
  });
  return { cancel, retry, cancelAll, prune, pause, resume };
}
