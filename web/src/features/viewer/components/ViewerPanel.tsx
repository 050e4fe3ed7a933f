import { Box, Center, Loader } from "@mantine/core";
import { useCurrentImageQuery, useImage, useImageNames } from "@/features/gallery/hooks/useGallery";
import { neighbour } from "@/features/gallery/lib/selection";
import { useGalleryStore } from "@/features/gallery/store/galleryStore";
import { GenerateLaunchpad } from "@/features/launchpad/components/GenerateLaunchpad";
import { useProgressStore } from "@/features/progress/store/progressStore";
import { useAction } from "@/features/shortcuts/actions";
import { useViewerStore } from "../store/viewerStore";
import { CompareView } from "./CompareView";
import { ImageView } from "./ImageView";
import { MetadataPanel } from "./MetadataPanel";
import { ProgressBar, ProgressPreview } from "./ProgressView";
import { ViewerToolbar } from "./ViewerToolbar";

function useViewerShortcuts(names: string[]) {
  const step = (by: number) => {
    const { focused, focus } = useGalleryStore.getState();
    const next = neighbour(names, focused, by);
    if (next) focus(next);
  };
  useAction({
    id: "viewer.previous",
    title: "Previous image",
    keys: ["ArrowLeft", "ArrowUp"],
    perform: () => step(-1),
  });
  useAction({ id: "viewer.next", title: "Next image", keys: ["ArrowRight", "ArrowDown"], perform: () => step(1) });
  useAction({
    id: "viewer.metadata",
    title: "Show or hide the metadata",
    keys: ["i"],
    perform: () => useViewerStore.getState().toggleMetadata(),
  });
  useAction({
    id: "viewer.fit",
    title: "Fit the image",
    keys: ["0"],
    perform: () => useViewerStore.getState().setZoom(null),
  });
}

/**
 * The centre: progress of the running generation, the focused image (or a comparison) and its metadata;
 * `empty` is shown while no image is focused (the Generate tab's launchpad unless a tab brings its own).
 */
export function ViewerPanel({ empty }: { empty?: React.ReactNode }) {
  const names = useImageNames(useCurrentImageQuery()).data ?? [];
  useViewerShortcuts(names);
  const focused = useGalleryStore((state) => state.focused);
  const autoSwitch = useGalleryStore((state) => state.autoSwitch);
  const record = useImage(focused);
  const compareWith = useViewerStore((state) => state.compareWith);
  const showMetadata = useViewerStore((state) => state.showMetadata);
  const previewing = useProgressStore((state) => state.current !== null && !!state.items[state.current]?.preview);
  const showPreview = previewing && (autoSwitch || focused === null) && !compareWith;

  let body: React.ReactNode;
  if (showPreview) body = <ProgressPreview />;
  else if (compareWith) body = <CompareView pinned={compareWith} focused={focused} />;
  else if (focused === null) body = empty ?? <GenerateLaunchpad />;
  else if (record.data) body = <ImageView name={focused} width={record.data.width} height={record.data.height} />;
  else
    body = (
      <Center style={{ flex: 1 }}>
        <Loader size="sm" />
      </Center>
    );

  return (
    <Box style={{ display: "flex", flexDirection: "column", height: "100%", minHeight: 0 }} data-testid="viewer">
      {record.data && <ViewerToolbar record={record.data} />}
      <ProgressBar />
      <Box style={{ flex: 1, minHeight: 0, display: "flex" }}>
        <Box style={{ flex: 1, minWidth: 0, display: "flex", flexDirection: "column" }}>{body}</Box>
        {showMetadata && focused && (
          <Box w={290} style={{ borderLeft: "1px solid var(--mantine-color-dark-4)", minHeight: 0 }}>
            <MetadataPanel name={focused} />
          </Box>
        )}
      </Box>
    </Box>
  );
}
