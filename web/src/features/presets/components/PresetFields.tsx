import { Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { PresetDraft } from "../lib/draft";
import type { PresetField } from "../lib/errors";
import { PLACEHOLDER, placeholderHint } from "../lib/templates";

interface Props {
  draft: PresetDraft;
  onChange: (patch: Partial<PresetDraft>) => void;
  problems: Partial<Record<PresetField, string>>;
  readOnly: boolean;
}

function Hint({ text, color, testId }: { text: string | null; color: string; testId: string }) {
  if (!text) return null;
  return (
    <Text size="xs" c={color} mt={-4} data-testid={testId}>
      {text}
    </Text>
  );
}

/** A preset's name and its two templates, with the server's problems next to them. */
export function PresetFields({ draft, onChange, problems, readOnly }: Props) {
  return (
    <Stack gap="xs">
      <TextInput
        label="Name"
        value={draft.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        error={problems.name}
        readOnly={readOnly}
        data-testid="preset-name"
      />
      <Textarea
        label="Prompt template"
        description={`${PLACEHOLDER} marks where your prompt goes`}
        autosize
        minRows={2}
        maxRows={6}
        value={draft.positive}
        onChange={(e) => onChange({ positive: e.currentTarget.value })}
        error={problems.positive_prompt}
        readOnly={readOnly}
        data-testid="preset-positive"
      />
      {!readOnly && <Hint text={placeholderHint(draft.positive)} color="yellow" testId="preset-positive-hint" />}
      <Textarea
        label="Negative prompt template"
        description={`${PLACEHOLDER} marks where your negative prompt goes`}
        autosize
        minRows={1}
        maxRows={6}
        value={draft.negative}
        onChange={(e) => onChange({ negative: e.currentTarget.value })}
        error={problems.negative_prompt}
        readOnly={readOnly}
        data-testid="preset-negative"
      />
      {!readOnly && (
        <Hint text={placeholderHint(draft.negative, "negative prompt")} color="dimmed" testId="preset-negative-hint" />
      )}
    </Stack>
  );
}
