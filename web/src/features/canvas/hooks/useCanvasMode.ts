/** The mode the next invocation will run in, recomputed (debounced) as layers, pixels or the box change. */
import { useEffect, useState } from "react";
import { useGenerateStore } from "@/features/generate/store/generateStore";
import { bitmaps } from "../engine/bitmaps";
import { composite } from "../engine/composite";
import { type CanvasMode, canvasMode } from "../lib/mode";
import { useCanvasStore } from "../store/canvasStore";
import { currentBox } from "./useCanvasBox";

const DELAY_MS = 120;

function modeNow(): CanvasMode {
  const result = composite(useCanvasStore.getState().doc, currentBox());
  return canvasMode(result.alpha, result.mask !== null);
}

export function useCanvasMode(): CanvasMode {
  const [mode, setMode] = useState<CanvasMode>("txt2img");
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setMode(modeNow()), DELAY_MS);
    };
    schedule();
    const offs = [
      useCanvasStore.subscribe((state, previous) => state.doc !== previous.doc && schedule()),
      useGenerateStore.subscribe(
        (state, previous) => (state.width !== previous.width || state.height !== previous.height) && schedule(),
      ),
      bitmaps.subscribe(schedule),
    ];
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, []);
  return mode;
}
