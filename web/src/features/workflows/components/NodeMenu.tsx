/**
 * A node's header menu: settings of the node itself rather than of its inputs, saved in the workflow and
 * sent with the graph as the node's reserved fields: `use_cache` (reuse a stored result when the inputs
 * did not change) and `is_intermediate` (whether the images it stores are hidden from the gallery;
 * unset, the node decides, and only saving nodes make gallery images).
 */
import { ActionIcon, Menu } from "@mantine/core";
import { IconCheck, IconDots } from "@tabler/icons-react";
import { useEditorStore } from "../store/editorStore";

const INTERMEDIATE_CHOICES: { value: boolean | undefined; label: string; key: string }[] = [
  { value: undefined, label: "As the node decides", key: "auto" },
  { value: true, label: "Intermediate (hidden from the gallery)", key: "yes" },
  { value: false, label: "Gallery images", key: "no" },
];

const tick = (on: boolean) => (on ? <IconCheck size={14} /> : <span style={{ width: 14, display: "inline-block" }} />);

export function NodeMenu({ id, values }: { id: string; values: Record<string, unknown> }) {
  const setValue = useEditorStore((state) => state.setValue);
  const useCache = values.use_cache !== false;
  const intermediate = typeof values.is_intermediate === "boolean" ? values.is_intermediate : undefined;
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon
          size="xs"
          variant="subtle"
          className="nodrag"
          aria-label="Node menu"
          data-testid={`node-menu-${id}`}
        >
          <IconDots size={14} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={tick(useCache)}
          onClick={() => setValue(id, "use_cache", useCache ? false : undefined)}
          data-testid={`node-use-cache-${id}`}
          data-checked={useCache}
        >
          Use cache
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>Images it stores</Menu.Label>
        {INTERMEDIATE_CHOICES.map((choice) => (
          <Menu.Item
            key={choice.key}
            leftSection={tick(intermediate === choice.value)}
            onClick={() => setValue(id, "is_intermediate", choice.value)}
            data-testid={`node-intermediate-${choice.key}-${id}`}
            data-checked={intermediate === choice.value}
          >
            {choice.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
