/**
 * A node's header and notes: the title (the user's label, else the type's title) renamed by a double
 * click, the menu of the node's own settings, and the user's notes on the node, shown under the header when there are any or while edited.
 */
import { ActionIcon, Badge, Group, Loader, Text, Textarea, TextInput, Tooltip } from "@mantine/core";
import { useState } from "react";
import { useEditorStore } from "../store/editorStore";
import { NodeMenu } from "./NodeMenu";

interface NodeHeaderProps {
  id: string;
  label: string;
  title: string;
  running: boolean;
  /** The node's values, for its own settings (`use_cache`, `is_intermediate`) in the menu. */
  values: Record<string, unknown>;
}

export function NodeHeader({ id, label, title, running, values }: NodeHeaderProps) {
  const setView = useEditorStore((state) => state.setView);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(label);
  const finish = () => {
    setEditing(false);
    if (draft.trim() !== label) setView(id, { label: draft.trim() });
  };
  return (
    <Group
      justify="space-between"
      px="xs"
      py={4}
      bg="var(--mantine-color-dark-5)"
      style={{ borderRadius: "6px 6px 0 0" }}
    >
      {editing ? (
        <TextInput
          className="nodrag"
          size="xs"
          autoFocus
          value={draft}
          placeholder={title}
          onChange={(event) => setDraft(event.currentTarget.value)}
          onBlur={finish}
          onKeyDown={(event) => {
            if (event.key === "Enter") finish();
            if (event.key === "Escape") setEditing(false);
          }}
          data-testid={`node-label-input-${id}`}
          style={{ flex: 1 }}
        />
      ) : (
        <Tooltip label="Double-click to rename" openDelay={600}>
          <Text
            size="sm"
            fw={600}
            truncate
            style={{ flex: 1 }}
            onDoubleClick={() => {
              setDraft(label);
              setEditing(true);
            }}
            data-testid={`node-title-${id}`}
          >
            {label || title}
          </Text>
        </Tooltip>
      )}
      {running && <Loader size={12} />}
      {values.use_cache === false && (
        <Badge size="xs" variant="light" color="gray" data-testid={`node-no-cache-${id}`}>
          no cache
        </Badge>
      )}
      <NotesToggle id={id} />
      <NodeMenu id={id} values={values} />
    </Group>
  );
}

function NotesToggle({ id }: { id: string }) {
  const open = useEditorStore((state) => state.openNotes.includes(id));
  const toggle = useEditorStore((state) => state.toggleNotes);
  return (
    <ActionIcon
      size="xs"
      variant={open ? "filled" : "subtle"}
      onClick={() => toggle(id)}
      aria-label="Notes"
      data-testid={`node-notes-toggle-${id}`}
    >
      ✎
    </ActionIcon>
  );
}

/** The node's notes: shown when it has some or while the user opened them. */
export function NodeNotes({ id, notes }: { id: string; notes: string }) {
  const open = useEditorStore((state) => state.openNotes.includes(id));
  const setView = useEditorStore((state) => state.setView);
  if (!open && !notes) return null;
  return (
    <Textarea
      className="nodrag nowheel"
      size="xs"
      px="xs"
      pt={4}
      autosize
      minRows={1}
      maxRows={8}
      placeholder="Notes on this node"
      value={notes}
      onChange={(event) => setView(id, { notes: event.currentTarget.value })}
      data-testid={`node-notes-${id}`}
    />
  );
}
