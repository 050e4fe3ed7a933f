/**
 * The workflow library: search, filter (shipped or mine, tags), sort and page through the saved and shipped
 * workflows; open one, or copy, delete or give it a thumbnail from its row; or import a file.
 */
import {
  Button,
  FileButton,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Pagination,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useRecentImages, useWorkflowList, useWorkflowTags } from "../hooks/useLibrary";
import {
  clampPage,
  INITIAL_FILTERS,
  pageCount,
  SORTS,
  withFilter,
  withSort,
  type CategoryFilter,
  type LibraryFilters,
} from "../lib/library";
import { LibraryItem } from "./LibraryItem";

interface LibraryDialogProps {
  opened: boolean;
  onClose: () => void;
  onOpen: (id: string) => void;
  /** Import a workflow file (Impasto's or InvokeAI's JSON) or an image that carries one. */
  onImport: (file: File) => void;
}

function Filters({ filters, onChange }: { filters: LibraryFilters; onChange: (next: LibraryFilters) => void }) {
  const tags = useWorkflowTags();
  const sort = SORTS.find((entry) => entry.orderBy === filters.orderBy)?.value ?? "name";
  return (
    <Group gap="xs" mt="xs" wrap="nowrap" align="flex-end">
      <SegmentedControl
        size="xs"
        value={filters.category}
        onChange={(value) => onChange(withFilter(filters, { category: value as CategoryFilter }))}
        data={[
          { value: "all", label: "All" },
          { value: "default", label: "Shipped" },
          { value: "user", label: "Mine" },
        ]}
        data-testid="workflow-category"
      />
      <MultiSelect
        size="xs"
        placeholder={filters.tags.length ? undefined : "Tags"}
        data={(tags.data ?? []).map((entry) => ({ value: entry.tag, label: `${entry.tag} (${entry.count})` }))}
        value={filters.tags}
        onChange={(value) => onChange(withFilter(filters, { tags: value }))}
        clearable
        searchable
        style={{ flex: 1 }}
        data-testid="workflow-tags"
      />
      <Select
        size="xs"
        w={170}
        value={sort}
        onChange={(value) => value && onChange(withSort(filters, value))}
        data={SORTS.map(({ value, label }) => ({ value, label }))}
        allowDeselect={false}
        aria-label="Sort by"
        data-testid="workflow-sort"
      />
    </Group>
  );
}

export function LibraryDialog({ opened, onClose, onOpen, onImport }: LibraryDialogProps) {
  const [filters, setFilters] = useState(INITIAL_FILTERS);
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  useEffect(() => setFilters((current) => withFilter(current, { search: debounced })), [debounced]);
  const list = useWorkflowList(filters);
  const lastImage = useRecentImages(opened).data?.[0] ?? null;
  const total = list.data?.total ?? 0;
  useEffect(() => {
    if (list.data && clampPage(filters.page, total) !== filters.page)
      setFilters((current) => ({ ...current, page: clampPage(current.page, total) }));
  }, [list.data, total, filters.page]);
  return (
    <Modal opened={opened} onClose={onClose} title="Open a workflow" size="xl">
      <Group gap="xs" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          placeholder="Search by name, description or tag"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-autofocus
          data-testid="workflow-search"
        />
        <FileButton onChange={(file) => file && onImport(file)} accept="application/json,.json,image/png">
          {(props) => (
            <Button
              {...props}
              variant="default"
              data-testid="workflow-import"
              title="Impasto or InvokeAI workflow (.json), or a PNG made by either"
            >
              Import…
            </Button>
          )}
        </FileButton>
      </Group>
      <Filters filters={filters} onChange={setFilters} />
      <ScrollArea.Autosize mah={480} mt="sm">
        <Stack gap={4} data-testid="workflow-list">
          {list.isLoading && <Loader size="sm" />}
          {list.data?.items.length === 0 && (
            <Text size="sm" c="dimmed">
              No workflow matches these filters.
            </Text>
          )}
          {list.data?.items.map((item) => (
            <LibraryItem key={item.id} item={item} lastImage={lastImage} onOpen={onOpen} />
          ))}
        </Stack>
      </ScrollArea.Autosize>
      <Group justify="space-between" mt="sm">
        <Text size="xs" c="dimmed" data-testid="workflow-total">
          {total} workflow{total === 1 ? "" : "s"}
        </Text>
        <Pagination
          size="sm"
          total={pageCount(total)}
          value={filters.page + 1}
          onChange={(page) => setFilters({ ...filters, page: page - 1 })}
          data-testid="workflow-pages"
        />
      </Group>
    </Modal>
  );
}
