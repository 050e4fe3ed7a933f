/**
 * The gallery's state: the board on show (`all`, `none` for Uncategorized, or a board id), images or
 * assets, the search, the selection, and the image focused in the viewer.
 */
import { create } from "zustand";
import { persist } from "zustand/middleware";
import { persistentStorage } from "@/common/lib/storage";
import { type ClickModifiers, clickSelect, EMPTY_SELECTION, withoutNames, type Selection } from "../lib/selection";

export type GalleryView = "images" | "assets";
export const ALL_BOARDS = "all";
export const NO_BOARD = "none";

interface GalleryState {
  boardId: string;
  view: GalleryView;
  search: string;
  showArchived: boolean;
  /** Show each new image in the viewer as it arrives. */
  autoSwitch: boolean;
  selection: Selection;
  focused: string | null;
  selectBoard(boardId: string): void;
  setView(view: GalleryView): void;
  setSearch(search: string): void;
  setShowArchived(show: boolean): void;
  setAutoSwitch(on: boolean): void;
  click(name: string, ordered: string[], modifiers: ClickModifiers): void;
  focus(name: string | null): void;
  selectAll(ordered: string[]): void;
  /** Drops deleted images from the selection and the viewer. */
  forget(names: string[]): void;
}

export const useGalleryStore = create<GalleryState>()(
  persist(
    (set, get) => ({
      boardId: ALL_BOARDS,
      view: "images",
      search: "",
      showArchived: false,
      autoSwitch: true,
      selection: EMPTY_SELECTION,
      focused: null,
      selectBoard: (boardId) => set({ boardId, selection: EMPTY_SELECTION }),
      setView: (view) => set({ view, selection: EMPTY_SELECTION }),
      setSearch: (search) => set({ search }),
      setShowArchived: (showArchived) => set({ showArchived }),
      setAutoSwitch: (autoSwitch) => set({ autoSwitch }),
      click: (name, ordered, modifiers) => {
        const selection = clickSelect(get().selection, ordered, name, modifiers);
        set({ selection, focused: selection.names.includes(name) ? name : get().focused });
      },
      focus: (focused) => set({ focused, selection: { names: focused ? [focused] : [], anchor: focused } }),
      selectAll: (ordered) => set({ selection: { names: [...ordered], anchor: ordered[0] ?? null } }),
      forget: (names) => {
        const gone = new Set(names);
        const { selection, focused } = get();
        const kept = withoutNames(selection, gone);
        const focus = focused !== null && gone.has(focused) ? null : focused;
        if (kept !== selection || focus !== focused) set({ selection: kept, focused: focus });
      },
    }),
    {
      name: "impasto.gallery",
      version: 1,
      storage: persistentStorage(),
      partialize: (state) =>
        ({
          boardId: state.boardId,
          view: state.view,
          showArchived: state.showArchived,
          autoSwitch: state.autoSwitch,
        }) as GalleryState,
    },
  ),
);

/** The board new images go to: the selected board, or none for "All" and "Uncategorized". */
export function targetBoard(boardId: string): string | null {
  return boardId === ALL_BOARDS || boardId === NO_BOARD ? null : boardId;
}
