import { Group, SegmentedControl, Select } from "@mantine/core";
import { useState } from "react";
import { compatibleWith, useInstalledModels } from "@/features/models/hooks/useModels";
import type { PromptTarget } from "../lib/promptCaret";
import { useGenerateStore } from "../store/generateStore";

/** Textual inversions: picking one inserts `<name>` where the caret was in the chosen prompt. */
export function EmbeddingPicker() {
  const { ofType, byKey } = useInstalledModels();
  const model = useGenerateStore((state) => state.model);
  const insert = useGenerateStore((state) => state.insertIntoPrompt);
  const [target, setTarget] = useState<PromptTarget>("prompt");
  const base = model ? byKey.get(model)?.base : undefined;
  const embeddings = ofType("embedding").filter((record) => compatibleWith(record, base));
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <Select
        style={{ flex: 1 }}
        label="Textual inversions"
        placeholder={embeddings.length ? "Insert <name> into the prompt" : "None installed for this model"}
        data={embeddings.map((record) => ({ value: record.name, label: record.name }))}
        value={null}
        onChange={(name) => name && insert(target, `<${name}>`)}
        searchable
        disabled={embeddings.length === 0}
      />
      <SegmentedControl
        size="xs"
        value={target}
        onChange={(value) => setTarget(value as PromptTarget)}
        data={[
          { value: "prompt", label: "+" },
          { value: "negativePrompt", label: "−" },
        ]}
        aria-label="Insert into the prompt or the negative prompt"
      />
    </Group>
  );
}
