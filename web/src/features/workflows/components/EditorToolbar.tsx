/**
 * The editor's commands: new, open from the library, save (a shipped workflow or one never saved asks
 * for a name and saves a copy), save as, the switch between the graph and the form, the number of problems
 * the server finds in the graph, and Invoke with its batch count and the state of the last run.
 */
import { Badge, Button, Group, Modal, SegmentedControl, Text, TextInput, Tooltip } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDeviceFloppy, IconFilePlus, IconFolderOpen, IconPuzzle } from "@tabler/icons-react";
import { useState } from "react";
import { useWorkflowCommands } from "../hooks/useWorkflowApi";
import { useEditorStore } from "../store/editorStore";
import { CustomNodesDialog } from "./CustomNodesDialog";
import { InvokeControls } from "./InvokeControls";
import { LibraryDialog } from "./LibraryDialog";

function SaveAsDialog({
  opened,
  onClose,
  onSave,
}: {
  opened: boolean;
  onClose: () => void;
  onSave: (name: string) => void;
}) {
  const current = useEditorStore((state) => state.base.name);
  const category = useEditorStore((state) => state.open.category);
  const [name, setName] = useState("");
  const suggested = category === "default" ? `${current} (copy)` : current;
  return (
    <Modal opened={opened} onClose={onClose} title="Save as a new workflow">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSave(name.trim() || suggested);
        }}
      >
        <TextInput
          label="Name"
          placeholder={suggested}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          data-autofocus
          data-testid="save-as-name"
        />
        <Group justify="flex-end" mt="md">
          <Button type="submit" data-testid="save-as-confirm">
            Save
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

interface EditorToolbarProps {
  /** A workflow was opened from the library (the graph is then fitted to the view). */
  onOpened: () => void;
  /** A new, empty workflow was started (the view goes back to its origin at zoom 1). */
  onNew: () => void;
}

/** How many problems the server finds in the graph; those that name no node are listed on hover. */
function IssuesBadge() {
  const issues = useEditorStore((state) => state.issues);
  if (issues.count === 0) return null;
  const label = issues.graph.length > 0 ? issues.graph.join("\n") : "Shown on the nodes and inputs they concern";
  return (
    <Tooltip label={label} multiline w={360} style={{ whiteSpace: "pre-wrap" }}>
      <Badge variant="light" color="red" data-testid="workflow-issues" data-count={issues.count}>
        {issues.count === 1 ? "1 problem" : `${issues.count} problems`}
      </Badge>
    </Tooltip>
  );
}

export function EditorToolbar({ onOpened, onNew }: EditorToolbarProps) {
  const { open, save, saveAs, importFile } = useWorkflowCommands();
  const name = useEditorStore((state) => state.base.name);
  const category = useEditorStore((state) => state.open.category);
  const dirty = useEditorStore((state) => state.dirty);
  const mode = useEditorStore((state) => state.mode);
  const [library, libraryOpen] = useDisclosure(false);
  const [saving, savingOpen] = useDisclosure(false);
  const [packs, packsOpen] = useDisclosure(false);

  const onSave = async () => {
    if (!(await save())) savingOpen.open();
  };
  return (
    <Group justify="space-between" px="sm" py={6} style={{ borderBottom: "1px solid var(--mantine-color-dark-4)" }}>
      <Group gap="xs">
        <Text fw={600} data-testid="workflow-name">
          {name}
        </Text>
        {category === "default" && (
          <Badge variant="light" color="gray">
            shipped · read-only
          </Badge>
        )}
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => useEditorStore.getState().setMode(value === "form" ? "form" : "graph")}
          data={[
            { value: "graph", label: "Graph" },
            { value: "form", label: "Form" },
          ]}
          data-testid="workflow-mode"
        />
        <IssuesBadge />
        {dirty && (
          <Badge variant="light" color="yellow" data-testid="workflow-dirty">
            unsaved
          </Badge>
        )}
      </Group>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFilePlus size={14} />}
          onClick={() => {
            useEditorStore.getState().reset();
            onNew();
          }}
          data-testid="workflow-new"
        >
          New
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconFolderOpen size={14} />}
          onClick={libraryOpen.open}
          data-testid="workflow-open"
        >
          Open
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconDeviceFloppy size={14} />}
          onClick={() => void onSave()}
          data-testid="workflow-save"
        >
          Save
        </Button>
        <Button size="xs" variant="default" onClick={savingOpen.open} data-testid="workflow-save-as">
          Save as
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPuzzle size={14} />}
          onClick={packsOpen.open}
          data-testid="custom-nodes-open"
        >
          Custom nodes
        </Button>
        <InvokeControls />
      </Group>
      <LibraryDialog
        opened={library}
        onClose={libraryOpen.close}
        onOpen={(id) =>
          void open(id).then((opened) => {
            if (!opened) return;
            libraryOpen.close();
            onOpened();
          })
        }
        onImport={(file) =>
          void importFile(file).then((imported) => {
            if (!imported) return;
            libraryOpen.close();
            onOpened();
          })
        }
      />
      <CustomNodesDialog opened={packs} onClose={packsOpen.close} />
      <SaveAsDialog
        opened={saving}
        onClose={savingOpen.close}
        onSave={(value) => void saveAs(value).then((saved) => saved && savingOpen.close())}
      />
    </Group>
  );
}
