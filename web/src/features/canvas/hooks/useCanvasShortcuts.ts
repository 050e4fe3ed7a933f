/** The canvas's shortcuts (InvokeAI's keys), registered while the tab is open so they show in the help list. */
import type { RefObject } from "react";
import { useAction } from "@/features/shortcuts/actions";
import type { CanvasEngine } from "../engine/engine";
import { stepBrushSize, TOOLS, type Tool } from "../lib/tools";
import { useCanvasStore } from "../store/canvasStore";

function useToolAction(tool: Tool, label: string, key: string) {
  useAction({
    id: `canvas.tool.${tool}`,
    title: `Canvas: ${label} tool`,
    keys: [key],
    perform: () => useCanvasStore.getState().setTool(tool),
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
  const [brush, eraser, move, bbox, view] = TOOLS;
  useToolAction("brush", brush?.label ?? "", "b");
  useToolAction("eraser", eraser?.label ?? "", "e");
  useToolAction("move", move?.label ?? "", "v");
  useToolAction("bbox", bbox?.label ?? "", "c");
  useToolAction("view", view?.label ?? "", "h");
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
