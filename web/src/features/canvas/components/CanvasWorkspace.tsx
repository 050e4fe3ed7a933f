/** The canvas column: the toolbar, the stage with the staging bar over it, and the layers panel. */
import { Alert, Box, Center, Loader } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { onServerEvent } from "@/app/useServerEvents";
import { describeError } from "@/api/errors";
import { followStagedItems } from "../engine/actions";
import type { CanvasEngine } from "../engine/engine";
import { loadCanvas, startAutosave } from "../engine/persistence";
import { useCanvasShortcuts } from "../hooks/useCanvasShortcuts";
import { isBlank } from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";
import { CanvasStage } from "./CanvasStage";
import { CanvasToolbar } from "./CanvasToolbar";
import { Launchpad } from "./Launchpad";
import { LayersPanel } from "./LayersPanel";
import { StagingBar } from "./StagingBar";
import { TransformBar } from "./TransformBar";

/** Loads the stored canvas once, then saves it as it changes; its error, if loading failed. */
function useStoredCanvas(): { ready: boolean; error: string | null } {
  const [state, setState] = useState<{ ready: boolean; error: string | null }>({ ready: false, error: null });
  useEffect(() => {
    let stop: (() => void) | undefined;
    let live = true;
    loadCanvas().then(
      (doc) => {
        if (!live) return;
        useCanvasStore.getState().load(doc);
        useCanvasStore.getState().setSave("saved");
        stop = startAutosave();
        setState({ ready: true, error: null });
      },
      (error: unknown) => live && setState({ ready: false, error: describeError(error) }),
    );
    return () => {
      live = false;
      stop?.();
    };
  }, []);
  return state;
}

export function CanvasWorkspace() {
  const engine = useRef<CanvasEngine | null>(null);
  const { ready, error } = useStoredCanvas();
  const blank = useCanvasStore((state) => isBlank(state.doc));
  const [launchpadClosed, setLaunchpadClosed] = useState(false);
  useEffect(() => onServerEvent(followStagedItems), []);
  useCanvasShortcuts(engine);
  if (error) return <Alert color="red">The canvas could not be loaded: {error}</Alert>;
  if (!ready) {
    return (
      <Center h="100%">
        <Loader />
      </Center>
    );
  }
  return (
    <Box style={{ display: "flex", flexDirection: "column", height: "100%" }} data-testid="canvas-workspace">
      <CanvasToolbar engine={engine} />
      <Box style={{ flex: 1, minHeight: 0, display: "flex" }}>
        <Box style={{ flex: 1, minWidth: 0, position: "relative" }}>
          <CanvasStage engine={engine} />
          <StagingBar />
          <TransformBar engine={engine} />
          {blank && !launchpadClosed && <Launchpad engine={engine} onClose={() => setLaunchpadClosed(true)} />}
        </Box>
        <LayersPanel engine={engine} />
      </Box>
    </Box>
  );
}
