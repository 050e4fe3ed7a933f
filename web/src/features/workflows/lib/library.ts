/**
 * The library dialog's listing as plain data: the filters the user set, turned into the list route's query,
 * and the page arithmetic. Kept out of the component so that it is tested without a browser.
 */
import type { Schemas } from "@/api/client";

export type WorkflowOrder = Schemas["WorkflowOrder"];
export type CategoryFilter = "all" | "default" | "user";

export interface LibraryFilters {
  search: string;
  category: CategoryFilter;
  tags: string[];
  orderBy: WorkflowOrder;
  descending: boolean;
  page: number;
}

export const PAGE_SIZE = 20;

export const INITIAL_FILTERS: LibraryFilters = {
  search: "",
  category: "all",
  tags: [],
  orderBy: "name",
  descending: false,
  page: 0,
};

/** The sort choices, each with the direction that reads naturally (names A to Z, dates newest first). */
export const SORTS: { value: string; label: string; orderBy: WorkflowOrder; descending: boolean }[] = [
  { value: "name", label: "Name", orderBy: "name", descending: false },
  { value: "created_at", label: "Newest", orderBy: "created_at", descending: true },
  { value: "updated_at", label: "Recently changed", orderBy: "updated_at", descending: true },
  { value: "opened_at", label: "Recently opened", orderBy: "opened_at", descending: true },
];

/** Changing any filter but the page goes back to the first page (the old page may no longer exist). */
export function withFilter(filters: LibraryFilters, change: Partial<Omit<LibraryFilters, "page">>): LibraryFilters {
  return { ...filters, ...change, page: 0 };
}

export function withSort(filters: LibraryFilters, value: string): LibraryFilters {
  const sort = SORTS.find((entry) => entry.value === value) ?? SORTS[0];
  return sort ? withFilter(filters, { orderBy: sort.orderBy, descending: sort.descending }) : filters;
}

/** The query parameters of GET /api/v1/workflows for these filters. */
export function listQuery(filters: LibraryFilters, pageSize = PAGE_SIZE) {
  const search = filters.search.trim();
  return {
    search: search || null,
    category: filters.category === "all" ? null : filters.category,
    tag: filters.tags.length > 0 ? filters.tags : null,
    order_by: filters.orderBy,
    descending: filters.descending,
    offset: filters.page * pageSize,
    limit: pageSize,
  };
}

/** How many pages `total` workflows fill (at least one, so the pager always shows "1 of 1"). */
export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The page to show after the listing changed under it (a delete emptied the last page): the last page
 * that still exists.
 */
export function clampPage(page: number, total: number, pageSize = PAGE_SIZE): number {
  return Math.min(page, pageCount(total, pageSize) - 1);
}
