import { useMemo } from "react";
import { InvokeBar } from "@/features/generate/components/InvokeBar";
import { canvasInvokeHooks } from "../hooks/canvasInvoke";
import { useCanvasMode } from "../hooks/useCanvasMode";
import { MODE_LABELS } from "../lib/mode";

/** The Generate panel's Invoke, sending the canvas's box; it names the mode the box will run in. */
export function CanvasInvokeBar() {
  const hooks = useMemo(canvasInvokeHooks, []);
  const mode = useCanvasMode();
  return <InvokeBar hooks={hooks} label={`Invoke · ${MODE_LABELS[mode]}`} />;
}
