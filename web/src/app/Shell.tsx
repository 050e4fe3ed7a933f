import { Box, Center, Loader } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { lazy, Suspense } from "react";
import { Panel } from "@/common/components/Panel";
import { GalleryPanel } from "@/features/gallery/components/GalleryPanel";
import { GeneratePanel } from "@/features/generate/components/GeneratePanel";
import { Launchpad } from "@/features/launchpad/components/Launchpad";
import { ModelsTab } from "@/features/models/components/ModelsTab";
import { QueueTab } from "@/features/queue/components/QueueTab";
import { UpscaleLaunchpad } from "@/features/upscale/components/UpscaleLaunchpad";
import { UpscalePanel } from "@/features/upscale/components/UpscalePanel";
import { ViewerPanel } from "@/features/viewer/components/ViewerPanel";
import { GlobalDrop } from "./GlobalDrop";
import { ShortcutHelp, useGlobalShortcuts } from "./GlobalShortcuts";
import { Header } from "./Header";
import { type Tab, useUiStore } from "./uiStore";
import { useServerEvents } from "./useServerEvents";

/** The canvas (with Konva) is its own chunk, loaded when the tab is first opened. */
const CanvasTab = lazy(() => import("@/features/canvas/components/CanvasTab"));
/** The workflow editor (with @xyflow/react) likewise. */
const WorkflowsTab = lazy(() => import("@/features/workflows/components/WorkflowsTab"));

const SIDE = "minmax(320px, 380px)";
const GALLERY = "minmax(300px, 400px)";

function columnsFor(tab: Tab): string {
  if (tab === "generate" || tab === "upscale" || tab === "canvas") return `${SIDE} minmax(0, 1fr) ${GALLERY}`;
  if (tab === "models" || tab === "queue") return "minmax(0, 1fr)";
  return `minmax(0, 1fr) ${GALLERY}`;
}

function TabBody({ tab }: { tab: Tab }) {
  if (tab === "models") return <ModelsTab />;
  if (tab === "queue") return <QueueTab />;
  if (tab === "generate") {
    return (
      <>
        <Panel border="right">
          <GeneratePanel />
        </Panel>
        <Panel>
          <ViewerPanel />
        </Panel>
      </>
    );
  }
  if (tab === "canvas") {
    const loading = (
      <Center style={{ gridColumn: "1 / 3" }}>
        <Loader />
      </Center>
    );
    return (
      <Suspense fallback={loading}>
        <CanvasTab />
      </Suspense>
    );
  }
  if (tab === "workflows") {
    return (
      <Panel>
        <Suspense
          fallback={
            <Center h="100%">
              <Loader />
            </Center>
          }
        >
          <WorkflowsTab />
        </Suspense>
      </Panel>
    );
  }
  if (tab === "upscale") {
    return (
      <>
        <Panel border="right">
          <UpscalePanel />
        </Panel>
        <Panel>
          <ViewerPanel empty={<UpscaleLaunchpad />} />
        </Panel>
      </>
    );
  }
  return (
    <Panel>
      <Launchpad tab={tab} />
    </Panel>
  );
}

export function Shell() {
  useServerEvents();
  useGlobalShortcuts();
  const tab = useUiStore((state) => state.tab);
  const [help, { open, close }] = useDisclosure(false);
  const showGallery = tab !== "models" && tab !== "queue";
  return (
    <Box style={{ height: "100%", display: "flex", flexDirection: "column" }}>
      <Header onShortcuts={open} />
      <Box style={{ flex: 1, minHeight: 0, display: "grid", gridTemplateColumns: columnsFor(tab) }}>
        <TabBody tab={tab} />
        {showGallery && (
          <Panel border="left">
            <GalleryPanel />
          </Panel>
        )}
      </Box>
      <GlobalDrop />
      <ShortcutHelp opened={help} onClose={close} />
    </Box>
  );
}
