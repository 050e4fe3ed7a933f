/** Live progress of queue items, fed by the event stream (see `lib/progress.ts`). */
import { create } from "zustand";
import type { ServerEvent } from "@/api/events";
import { EMPTY_PROGRESS, type ProgressState, reduceProgress } from "../lib/progress";

interface ProgressStore extends ProgressState {
  dispatch(event: ServerEvent): void;
  reset(): void;
}

export const useProgressStore = create<ProgressStore>()((set, get) => ({
  ...EMPTY_PROGRESS,
  dispatch: (event) => {
    const before: ProgressState = { current: get().current, items: get().items };
    const after = reduceProgress(before, event);
    if (after !== before) set(after);
  },
  reset: () => set(EMPTY_PROGRESS),
}));
