import { Badge, Collapse, Group, List, Switch, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { PREVIEW_LIMIT, useDynamicPreview } from "../hooks/useGenerateData";
import { hasDynamicSyntax } from "../lib/promptTokens";
import { useGenerateStore } from "../store/generateStore";

/** How many prompts a dynamic prompt expands to, with the first expansions; and the switch to turn it off. */
export function DynamicPreview() {
  const prompt = useGenerateStore((state) => state.prompt);
  const enabled = useGenerateStore((state) => state.dynamicPrompts);
  const count = useGenerateStore((state) => state.count);
  const update = useGenerateStore((state) => state.update);
  const preview = useDynamicPreview(prompt, enabled);
  const [open, { toggle }] = useDisclosure(false);
  if (!hasDynamicSyntax(prompt)) return null;
  const data = preview.data;
  const total = data ? data.count * count : null;
  return (
    <div data-testid="dynamic-preview">
      <Group justify="space-between" gap="xs">
        <UnstyledButton onClick={toggle} disabled={!enabled || !data?.prompts.length}>
          <Group gap={4}>
            {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            <Text size="xs">Dynamic prompt</Text>
            {enabled && data && !data.error && (
              <Badge size="sm" variant="light" data-testid="dynamic-count">
                {data.count}
                {data.count >= PREVIEW_LIMIT ? "+" : ""} prompt{data.count === 1 ? "" : "s"}
                {total !== null && count > 1 ? ` → ${total} images` : ""}
              </Badge>
            )}
          </Group>
        </UnstyledButton>
        <Switch
          size="xs"
          label="Expand"
          checked={enabled}
          onChange={(e) => update({ dynamicPrompts: e.currentTarget.checked })}
        />
      </Group>
      {enabled && data?.error && (
        <Text size="xs" c="red" data-problem>
          {data.error}
        </Text>
      )}
      <Collapse expanded={open && enabled}>
        <List size="xs" mt={4} spacing={2} style={{ maxHeight: 160, overflowY: "auto" }}>
          {(data?.prompts ?? []).map((expanded, index) => (
            <List.Item key={index}>{expanded}</List.Item>
          ))}
        </List>
      </Collapse>
    </div>
  );
}
