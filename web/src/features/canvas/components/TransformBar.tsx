/** Over the stage while the transform tool has handles on a layer: fit to the box, apply (Enter), cancel (Esc). */
import { Button, Group, Paper, Text } from "@mantine/core";
import type { RefObject } from "react";
import type { CanvasEngine } from "../engine/engine";
import { currentBox } from "../hooks/useCanvasBox";
import { findLayer } from "../lib/document";
import { useCanvasStore } from "../store/canvasStore";

export function TransformBar({ engine }: { engine: RefObject<CanvasEngine | null> }) {
  const layer = useCanvasStore((state) => findLayer(state.doc, state.transforming));
  if (!layer) return null;
  return (
    <Paper
      withBorder
      p={6}
      shadow="md"
      style={{
        position: "absolute",
        top: 12,
        left: "50%",
        transform: "translateX(-50%)",
        zIndex: 5,
        maxWidth: "calc(100% - 16px)", // a narrow stage wraps the buttons rather than hiding them
      }}
      data-testid="transform-bar"
    >
      <Group gap={6} justify="center">
        <Text size="xs" c="dimmed">
          Transform “{layer.name}”
        </Text>
        <Button
          size="compact-sm"
          variant="subtle"
          onClick={() => engine.current?.transform.fit(currentBox())}
          data-testid="transform-fit"
        >
          Fit to box
        </Button>
        <Button size="compact-sm" onClick={() => engine.current?.transform.apply()} data-testid="transform-apply">
          Apply
        </Button>
        <Button
          size="compact-sm"
          variant="default"
          onClick={() => engine.current?.transform.cancel()}
          data-testid="transform-cancel"
        >
          Cancel
        </Button>
      </Group>
    </Paper>
  );
}
