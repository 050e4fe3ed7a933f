import { Box, Center, Loader, Stack, Text } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type ImageQuery, useImageNames, useImageRecords } from "../hooks/useGallery";
import { useGalleryStore } from "../store/galleryStore";
import { GalleryImageMenu, type MenuAt, menuAt } from "./GalleryImageMenu";
import { GalleryTile } from "./GalleryTile";

const GAP = 6;
const PADDING = 8;
const MIN_TILE = 84;

/** The width inside the element's padding and scrollbar, followed as the element resizes. */
function useInnerWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth - 2 * PADDING);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Rows and columns for a width: as many columns of at least MIN_TILE as fit, tiles filling the row. */
function layout(width: number): { columns: number; tile: number } {
  const columns = Math.max(1, Math.floor((width + GAP) / (MIN_TILE + GAP)));
  return { columns, tile: Math.floor((width - GAP * (columns - 1)) / columns) };
}

/** The virtualized grid over every image of the board on show: only rows in view exist in the page. */
export function GalleryGrid({ query, onEmpty }: { query: ImageQuery; onEmpty: React.ReactNode }) {
  const names = useImageNames(query);
  const list = useMemo(() => names.data ?? [], [names.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const width = useInnerWidth(scroller);
  const { columns, tile } = layout(width || 300);
  const rows = Math.ceil(list.length / columns);
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => tile + GAP,
    overscan: 3,
  });
  useEffect(() => virtualizer.measure(), [tile, virtualizer]);

  const visible = virtualizer.getVirtualItems();
  const first = (visible[0]?.index ?? 0) * columns;
  const last = ((visible[visible.length - 1]?.index ?? -1) + 1) * columns - 1;
  const records = useImageRecords(query, first, Math.min(last, list.length - 1));

  const selection = useGalleryStore((state) => state.selection);
  const focused = useGalleryStore((state) => state.focused);
  const click = useGalleryStore((state) => state.click);
  const selected = useMemo(() => new Set(selection.names), [selection.names]);
  const onClick = useCallback(
    (name: string, event: MouseEvent) =>
      click(name, list, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }),
    [click, list],
  );

  const [menu, setMenu] = useState<MenuAt | null>(null);
  const openMenu = (event: MouseEvent) => {
    const at = menuAt(event);
    if (!at) return;
    event.preventDefault();
    setMenu(at);
  };

  useEffect(() => {
    const index = focused ? list.indexOf(focused) : -1;
    if (index >= 0) virtualizer.scrollToIndex(Math.floor(index / columns), { align: "auto" });
  }, [focused, list, columns, virtualizer]);

  return (
    <Box
      ref={scroller}
      style={{ flex: 1, minHeight: 0, overflowY: "scroll", overflowX: "hidden", padding: `0 ${PADDING}px 8px` }}
      data-testid="gallery-grid"
      onContextMenu={openMenu}
    >
      <GalleryImageMenu at={menu} onClose={() => setMenu(null)} />
      {names.isLoading ? (
        <Center h="100%">
          <Loader size="sm" />
        </Center>
      ) : list.length === 0 ? (
        <Stack h="100%" justify="center" align="center" p="md">
          {onEmpty}
        </Stack>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: "relative", width: "100%" }}>
          {visible.map((row) => (
            <div
              key={row.key}
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                transform: `translateY(${row.start}px)`,
                display: "flex",
                gap: GAP,
              }}
            >
              {list.slice(row.index * columns, row.index * columns + columns).map((name) => (
                <GalleryTile
                  key={name}
                  name={name}
                  size={tile}
                  starred={records.get(name)?.starred ?? false}
                  selected={selected.has(name)}
                  focused={name === focused}
                  onClick={onClick}
                />
              ))}
            </div>
          ))}
        </div>
      )}
      <Text size="xs" c="dimmed" ta="center" mt={4} data-testid="gallery-count">
        {list.length} {list.length === 1 ? "item" : "items"}
      </Text>
    </Box>
  );
}
