/** The canvas's shortcuts (InvokeAI's keys), registered while the tab is open so they show in the help list. */
import type { RefObject } from "react";
import { useAction } from "@/features/shortcuts/actions";
import type { CanvasEngine } from "../engine/engine";
import { stepBrushSize, TOOLS, type Tool } from "../lib/tools";

const [BRUSH, ERASER, RECT, FILL, PICKER, MOVE, BBOX, VIEW] = TOOLS.map((entry) => entry.id);
import { useCanvasStore } from "../store/canvasStore";

/** A tool's shortcut, titled with its label and hint (the help list shows them). */
function useToolAction(tool: Tool | undefined) {
  const entry = TOOLS.find((candidate) => candidate.id === tool);
  useAction({
    id: `canvas.tool.${tool ?? ""}`,
    title: `Canvas: ${entry?.label ?? ""} tool${entry?.hint ? ` (${entry.hint})` : ""}`,
    keys: entry ? [entry.key] : [],
    perform: () => entry && useCanvasStore.getState().setTool(entry.id),
  });
}

function useBrushSizeAction(step: 1 | -1) {
  useAction({
    id: `canvas.brush.${step > 0 ? "bigger" : "smaller"}`,
    title: `Canvas: ${step > 0 ? "bigger" : "smaller"} brush`,
    keys: [step > 0 ? "]" : "["],
    perform: () => {
      const { brush, setBrush } = useCanvasStore.getState();
      setBrush({ size: stepBrushSize(brush.size, step) });
    },
  });
}

/** Shift+T puts the transform tool's handles on the selected layer; Enter applies, Escape cancels. */
function useTransformActions(engine: RefObject<CanvasEngine | null>): void {
  const transforming = () => useCanvasStore.getState().transforming !== null;
  useAction({
    id: "canvas.transform",
    title: "Canvas: transform the selected layer",
    keys: ["shift+t"],
    perform: () => {
      const { selectedLayerId } = useCanvasStore.getState().doc;
      if (selectedLayerId) engine.current?.transform.start(selectedLayerId);
    },
  });
  useAction({
    id: "canvas.transform.apply",
    title: "Canvas: apply the transform",
    keys: ["Enter"],
    enabled: transforming,
    perform: () => engine.current?.transform.apply(),
  });
  useAction({
    id: "canvas.transform.cancel",
    title: "Canvas: cancel the transform",
    keys: ["Escape"],
    enabled: transforming,
    perform: () => engine.current?.transform.cancel(),
  });
}

export function useCanvasShortcuts(engine: RefObject<CanvasEngine | null>): void {
  useToolAction(BRUSH);
  useToolAction(ERASER);
  useToolAction(RECT);
  useToolAction(FILL);
  useToolAction(PICKER);
  useToolAction(MOVE);
  useToolAction(BBOX);
  useToolAction(VIEW);
  useBrushSizeAction(-1);
  useBrushSizeAction(1);
  useTransformActions(engine);
  useAction({
    id: "canvas.undo",
    title: "Canvas: undo",
    keys: ["mod+z"],
    enabled: () => useCanvasStore.getState().canUndo && !useCanvasStore.getState().transforming,
    perform: () => useCanvasStore.getState().undo(),
  });
  useAction({
    id: "canvas.redo",
    title: "Canvas: redo",
    keys: ["mod+shift+z", "mod+y"],
    enabled: () => useCanvasStore.getState().canRedo && !useCanvasStore.getState().transforming,
    perform: () => useCanvasStore.getState().redo(),
  });
  useAction({
    id: "canvas.fit",
    title: "Canvas: fit the view",
    keys: ["shift+1"],
    perform: () => engine.current?.fit(),
  });
}
