/**
 * Gallery data: boards with counts, the names of the images on show (for the virtualized grid) and their
 * records, fetched by page only for the rows in view.
 */
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api, call, type Schemas } from "@/api/client";
import { queryKeys } from "@/api/queryKeys";
import { ALL_BOARDS, type GalleryView, useGalleryStore } from "../store/galleryStore";

export type ImageRecord = Schemas["ImageRecord"];
export type BoardRecord = Schemas["BoardRecord"];
type ImageCategory = Schemas["ImageCategory"];

export const PAGE_SIZE = 100;
const ASSET_CATEGORIES: ImageCategory[] = ["control", "mask", "user", "other"];

export interface ImageQuery {
  board_id?: string;
  category: ImageCategory[];
  search?: string;
}

export function imageQuery(boardId: string, view: GalleryView, search: string): ImageQuery {
  return {
    ...(boardId === ALL_BOARDS ? {} : { board_id: boardId }),
    category: view === "images" ? ["general"] : ASSET_CATEGORIES,
    ...(search.trim() ? { search: search.trim() } : {}),
  };
}

/** The query of the gallery as the user set it up. */
export function useCurrentImageQuery(): ImageQuery {
  const boardId = useGalleryStore((state) => state.boardId);
  const view = useGalleryStore((state) => state.view);
  const search = useGalleryStore((state) => state.search);
  return useMemo(() => imageQuery(boardId, view, search), [boardId, view, search]);
}

export function useImageNames(query: ImageQuery) {
  return useQuery({
    queryKey: queryKeys.imageNames(query),
    queryFn: () => call(api.GET("/api/v1/images/names", { params: { query } })),
    placeholderData: (previous, previousQuery) =>
      previousQuery && JSON.stringify(previousQuery.queryKey[2]) === JSON.stringify(query) ? previous : undefined,
  });
}

/** Pages (by index) covering image positions `first`..`last`. */
export function pagesFor(first: number, last: number, pageSize = PAGE_SIZE): number[] {
  if (last < first || last < 0) return [];
  const pages: number[] = [];
  for (let page = Math.floor(Math.max(0, first) / pageSize); page <= Math.floor(last / pageSize); page += 1)
    pages.push(page);
  return pages;
}

/** Records of the images at positions `first`..`last`, by name (only their pages are fetched). */
export function useImageRecords(query: ImageQuery, first: number, last: number): Map<string, ImageRecord> {
  const pages = pagesFor(first, last);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: queryKeys.imagePage(query, page * PAGE_SIZE, PAGE_SIZE),
      queryFn: () =>
        call(
          api.GET("/api/v1/images", { params: { query: { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE } } }),
        ),
      placeholderData: (previous: Schemas["ImagePage"] | undefined) => previous,
    })),
  });
  const stamp = results.map((result) => result.dataUpdatedAt).join(",");
  return useMemo(() => {
    const map = new Map<string, ImageRecord>();
    for (const result of results) for (const image of result.data?.items ?? []) map.set(image.image_name, image);
    return map;
    // The stamp changes exactly when the data of a page does.
  }, [stamp]);
}

export function useImage(name: string | null) {
  return useQuery({
    queryKey: queryKeys.image(name ?? ""),
    queryFn: () => call(api.GET("/api/v1/images/{image_name}", { params: { path: { image_name: name ?? "" } } })),
    enabled: name !== null,
  });
}

export function useImageMetadata(name: string | null, enabled = true) {
  return useQuery({
    queryKey: queryKeys.imageMetadata(name ?? ""),
    queryFn: () =>
      call(api.GET("/api/v1/images/{image_name}/metadata", { params: { path: { image_name: name ?? "" } } })),
    enabled: enabled && name !== null,
    staleTime: Infinity,
  });
}

export function useBoards(includeArchived: boolean) {
  return useQuery({
    queryKey: queryKeys.boardList(includeArchived),
    queryFn: () => call(api.GET("/api/v1/boards", { params: { query: { include_archived: includeArchived } } })),
  });
}

export function useUncategorized() {
  return useQuery({
    queryKey: [...queryKeys.boards, "none"],
    queryFn: () => call(api.GET("/api/v1/boards/{board_id}", { params: { path: { board_id: "none" } } })),
  });
}
