/** The workflow library's listing and its commands on stored workflows (delete, copy, thumbnail). */
import { notifications } from "@mantine/notifications";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, call } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { listQuery, type LibraryFilters } from "../lib/library";
import { failed } from "./useWorkflowApi";

export function useWorkflowList(filters: LibraryFilters) {
  const query = listQuery(filters);
  return useQuery({
    queryKey: queryKeys.workflowList(query),
    queryFn: () => call(api.GET("/api/v1/workflows", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useWorkflowTags() {
  return useQuery({
    queryKey: queryKeys.workflowTags,
    queryFn: () => call(api.GET("/api/v1/workflows/tags")),
  });
}

/** The newest images of the gallery, to pick a thumbnail from. */
export function useRecentImages(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.imageNames({ category: ["general"], recent: true }),
    queryFn: async () =>
      (await call(api.GET("/api/v1/images/names", { params: { query: { category: ["general"] } } }))).slice(0, 24),
    enabled,
  });
}

export function useLibraryCommands() {
  const queryClient = useQueryClient();
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.workflows }),
    [queryClient],
  );

  const remove = useCallback(
    async (id: string, name: string) => {
      try {
        await call(api.DELETE("/api/v1/workflows/{workflow_id}", { params: { path: { workflow_id: id } } }));
        notifications.show({ message: `Deleted “${name}”.` });
      } catch (error) {
        failed("Could not delete the workflow", error);
      }
      refresh();
    },
    [refresh],
  );

  const duplicate = useCallback(
    async (id: string) => {
      try {
        const copy = await call(
          api.POST("/api/v1/workflows/{workflow_id}/duplicate", { params: { path: { workflow_id: id } }, body: {} }),
        );
        notifications.show({ color: "green", message: `Saved a copy as “${copy.name}”.` });
      } catch (error) {
        failed("Could not copy the workflow", error);
      }
      refresh();
    },
    [refresh],
  );

  /** Shows `imageName` for the workflow, or no thumbnail when it is null. */
  const setThumbnail = useCallback(
    async (id: string, imageName: string | null) => {
      const params = { params: { path: { workflow_id: id } } };
      try {
        if (imageName === null) await call(api.DELETE("/api/v1/workflows/{workflow_id}/thumbnail", params));
        else
          await call(
            api.PUT("/api/v1/workflows/{workflow_id}/thumbnail", { ...params, body: { image_name: imageName } }),
          );
      } catch (error) {
        failed("Could not change the thumbnail", error);
      }
      refresh();
    },
    [refresh],
  );

  return { remove, duplicate, setThumbnail };
}
