/** A free-standing note on the graph: text the user writes beside the nodes, saved with the workflow. */
import { Box, Textarea } from "@mantine/core";
import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { NoteItem } from "../lib/document";
import { useEditorStore } from "../store/editorStore";

export const NoteNode = memo(function NoteNode({ id, data, selected }: NodeProps<NoteItem>) {
  const setNoteText = useEditorStore((state) => state.setNoteText);
  return (
    <Box
      w={220}
      p={6}
      bg="var(--mantine-color-yellow-9)"
      style={{
        borderRadius: 6,
        border: `2px solid ${selected ? "var(--mantine-color-blue-5)" : "var(--mantine-color-yellow-7)"}`,
      }}
      data-testid={`note-${id}`}
    >
      <Textarea
        className="nodrag nowheel"
        variant="unstyled"
        size="xs"
        autosize
        minRows={2}
        maxRows={12}
        placeholder="A note"
        value={data.text}
        onChange={(event) => setNoteText(id, event.currentTarget.value)}
        data-testid={`note-text-${id}`}
      />
    </Box>
  );
});
