/**
 * Commands on images: star, move, delete, download. Star and move return their undo and run through
 * the action registry, so Ctrl/Cmd+Z puts things back.
 */
import { notifications } from "@mantine/notifications";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { api, call } from "@/api/client";
import { describeError } from "@/api/errors";
import { queryKeys } from "@/api/queryKeys";
import { downloadZip } from "@/common/lib/files";
import { actions } from "@/features/shortcuts/actions";
import { groupByBoard, type ImageState, starChanges } from "../lib/undo";
import type { ImageRecord } from "./useGallery";

/** The records of `names`, from cached gallery pages where possible, else fetched. */
async function recordsOf(queryClient: QueryClient, names: string[]): Promise<ImageState[]> {
  const known = new Map<string, ImageRecord>();
  for (const [, page] of queryClient.getQueriesData<{ items: ImageRecord[] }>({ queryKey: ["images", "page"] })) {
    for (const image of page?.items ?? []) known.set(image.image_name, image);
  }
  return Promise.all(
    names.map(
      (name) =>
        known.get(name) ??
        queryClient.fetchQuery({
          queryKey: queryKeys.image(name),
          queryFn: () => call(api.GET("/api/v1/images/{image_name}", { params: { path: { image_name: name } } })),
        }),
    ),
  );
}

async function setStar(names: string[], starred: boolean): Promise<void> {
  if (names.length === 0) return;
  await call(api.POST(starred ? "/api/v1/images/star" : "/api/v1/images/unstar", { body: { image_names: names } }));
}

async function moveTo(names: string[], boardId: string | null): Promise<void> {
  await call(api.POST("/api/v1/images/move", { body: { image_names: names, board_id: boardId } }));
}

function report(title: string) {
  return (error: unknown) => notifications.show({ color: "red", title, message: describeError(error) });
}

export function useImageCommands() {
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      star: (names: string[], starred: boolean) =>
        actions
          .execute(starred ? "Star" : "Unstar", async () => {
            const changed = starChanges(await recordsOf(queryClient, names), starred);
            await setStar(changed, starred);
            return () => setStar(changed, !starred);
          })
          .catch(report(starred ? "Could not star" : "Could not unstar")),
      move: (names: string[], boardId: string | null, boardName: string) =>
        actions
          .execute(`Move to ${boardName}`, async () => {
            const before = groupByBoard(await recordsOf(queryClient, names));
            await moveTo(names, boardId);
            notifications.show({
              message: `Moved ${names.length} image${names.length === 1 ? "" : "s"} to ${boardName}`,
              autoClose: 2000,
            });
            return async () => {
              for (const [board, group] of before) await moveTo(group, board);
            };
          })
          .catch(report("Could not move")),
      remove: (names: string[]) =>
        call(api.POST("/api/v1/images/delete", { body: { image_names: names } })).catch(report("Could not delete")),
      download: (names: string[]) => downloadZip({ image_names: names }).catch(report("Download failed")),
      downloadBoard: (boardId: string) => downloadZip({ board_id: boardId }).catch(report("Download failed")),
    }),
    [queryClient],
  );
}
