import { Paper, Stack, Text } from "@mantine/core";
import type { PresetPreview as Preview } from "../hooks/usePresetPreview";

function Line({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Text size="xs" style={{ wordBreak: "break-word" }}>
      <Text span size="xs" c="dimmed">
        {label}:{" "}
      </Text>
      <span data-testid={testId}>{value || "—"}</span>
    </Text>
  );
}

/** The current Generate prompts as the template styles them. */
export function PresetPreview({ preview }: { preview: Preview }) {
  return (
    <Paper withBorder p="xs" data-testid="preset-preview">
      <Stack gap={4}>
        <Text size="xs" fw={600}>
          Preview with the current prompt
        </Text>
        {!preview.prompt.trim() && (
          <Text size="xs" c="dimmed">
            The Generate prompt is empty, so this is the template alone.
          </Text>
        )}
        <Line label="Prompt" value={preview.positive} testId="preset-preview-positive" />
        <Line label="Negative" value={preview.negative} testId="preset-preview-negative" />
      </Stack>
    </Paper>
  );
}
