import { Select } from "@mantine/core";
import { compatibleWith, type ModelType, useInstalledModels } from "@/features/models/hooks/useModels";
import { useFamily } from "../hooks/useFamily";
import { useGenerateStore } from "../store/generateStore";

interface PickerProps {
  type: ModelType;
  label: string;
  value: string | null;
  error: string | undefined;
  onChange: (key: string | null) => void;
  testId: string;
}

function EncoderPicker({ type, label, value, error, onChange, testId }: PickerProps) {
  const { ofType } = useInstalledModels();
  const { model } = useFamily();
  const encoders = ofType(type)
    .filter((record) => compatibleWith(record, model?.base))
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Select
      label={label}
      data={encoders.map((record) => ({ value: record.key, label: record.name }))}
      value={value && encoders.some((record) => record.key === value) ? value : null}
      onChange={onChange}
      clearable
      placeholder="The first installed one"
      description={encoders.length === 0 ? `No ${label} installed; install one for this single-file model` : undefined}
      error={error}
      disabled={encoders.length === 0}
      data-testid={testId}
    />
  );
}

/** Text encoders for a FLUX or SD 3.5 model stored as a transformer-only file, which has none of its own. */
export function EncoderPickers() {
  const { controls } = useFamily();
  const t5Encoder = useGenerateStore((state) => state.t5Encoder);
  const clipEmbed = useGenerateStore((state) => state.clipEmbed);
  const problems = useGenerateStore((state) => state.problems);
  const update = useGenerateStore((state) => state.update);
  return (
    <>
      {controls.t5Encoder && (
        <EncoderPicker
          type="t5_encoder"
          label="T5 encoder"
          value={t5Encoder}
          error={problems.t5Encoder}
          onChange={(key) => update({ t5Encoder: key })}
          testId="t5-encoder-select"
        />
      )}
      {controls.clipEmbed && (
        <EncoderPicker
          type="clip_embed"
          label="CLIP-L encoder"
          value={clipEmbed}
          error={problems.clipEmbed}
          onChange={(key) => update({ clipEmbed: key })}
          testId="clip-embed-select"
        />
      )}
    </>
  );
}
