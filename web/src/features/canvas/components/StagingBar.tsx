/** Over the staged results: previous/next, accept as a layer, save to the gallery, discard one or all. */
import { Badge, Button, Group, Paper } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { describeError } from "@/api/errors";
import { acceptShown, saveShownToGallery } from "../engine/actions";
import { discardAt, EMPTY_STAGING, shownResult, stepStaging } from "../lib/staging";
import { useCanvasStore } from "../store/canvasStore";

function run(task: () => Promise<void>, done?: string): void {
  task().then(
    () => done && notifications.show({ message: done, autoClose: 2000 }),
    (error: unknown) => notifications.show({ color: "red", message: describeError(error) }),
  );
}

export function StagingBar() {
  const staging = useCanvasStore((state) => state.staging);
  const update = useCanvasStore((state) => state.updateStaging);
  const shown = shownResult(staging);
  if (!shown) return null;
  const ready = shown.status === "done";
  return (
    <Paper
      withBorder
      p={6}
      shadow="md"
      style={{
        position: "absolute",
        bottom: 12,
        left: "50%",
        transform: "translateX(-50%)",
        zIndex: 5,
        maxWidth: "calc(100% - 16px)", // a narrow stage wraps the buttons rather than hiding them
      }}
      data-testid="staging-bar"
      data-image-name={shown.imageName ?? undefined}
    >
      <Group gap={6} justify="center">
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => update((s) => stepStaging(s, -1))}
          data-testid="staging-previous"
        >
          ‹
        </Button>
        <Badge variant="light" data-testid="staging-count">
          {staging.index + 1} / {staging.results.length}
          {ready ? "" : " · generating"}
        </Badge>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => update((s) => stepStaging(s, 1))}
          data-testid="staging-next"
        >
          ›
        </Button>
        <Button size="compact-sm" disabled={!ready} onClick={() => run(acceptShown)} data-testid="staging-accept">
          Accept
        </Button>
        <Button
          size="compact-sm"
          variant="light"
          disabled={!ready}
          onClick={() => run(saveShownToGallery, "Saved to the gallery")}
          data-testid="staging-save"
        >
          Save to gallery
        </Button>
        <Button
          size="compact-sm"
          variant="light"
          color="red"
          onClick={() => update((s) => discardAt(s, s.index))}
          data-testid="staging-discard"
        >
          Discard
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          onClick={() => update(() => EMPTY_STAGING)}
          data-testid="staging-discard-all"
        >
          Discard all
        </Button>
      </Group>
    </Paper>
  );
}
