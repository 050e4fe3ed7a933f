/** The workflow library: search the saved and shipped workflows and open one, or import a file. */
import {
  Badge,
  Button,
  FileButton,
  Group,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useWorkflowList } from "../hooks/useWorkflowApi";

interface LibraryDialogProps {
  opened: boolean;
  onClose: () => void;
  onOpen: (id: string) => void;
  /** Import a workflow file (Impasto's or InvokeAI's JSON) or an image that carries one. */
  onImport: (file: File) => void;
}

export function LibraryDialog({ opened, onClose, onOpen, onImport }: LibraryDialogProps) {
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const list = useWorkflowList(debounced);
  return (
    <Modal opened={opened} onClose={onClose} title="Open a workflow" size="lg">
      <Group gap="xs" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          placeholder="Search by name, description or tag"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-autofocus
          data-testid="workflow-search"
        />
        <FileButton onChange={(file) => file && onImport(file)} accept="application/json,.json,image/png">
          {(props) => (
            <Button
              {...props}
              variant="default"
              data-testid="workflow-import"
              title="Impasto or InvokeAI workflow (.json), or a PNG made by either"
            >
              Import…
            </Button>
          )}
        </FileButton>
      </Group>
      <ScrollArea.Autosize mah={420} mt="sm">
        <Stack gap={4}>
          {list.isLoading && <Loader size="sm" />}
          {list.data?.items.length === 0 && (
            <Text size="sm" c="dimmed">
              No workflow matches “{debounced}”.
            </Text>
          )}
          {list.data?.items.map((item) => (
            <UnstyledButton
              key={item.id}
              onClick={() => onOpen(item.id)}
              p="xs"
              style={{ borderRadius: 4, border: "1px solid var(--mantine-color-dark-4)" }}
              data-testid="workflow-item"
              data-name={item.name}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={500} truncate>
                  {item.name}
                </Text>
                <Badge size="xs" variant="light" color={item.category === "default" ? "gray" : "blue"}>
                  {item.category === "default" ? "shipped" : "mine"}
                </Badge>
              </Group>
              {item.description && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {item.description}
                </Text>
              )}
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Modal>
  );
}
