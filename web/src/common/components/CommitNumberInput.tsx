import { NumberInput, type NumberInputProps } from "@mantine/core";
import { useEffect, useState } from "react";

interface CommitNumberInputProps extends Omit<NumberInputProps, "value" | "onChange"> {
  value: number;
  /** Called with the typed number on blur or Enter (not on every keystroke). */
  onCommit: (value: number) => void;
}

/**
 * A number input whose value is taken when editing ends, for values that are adjusted on the way in
 * (snapped to a grid, or driving another field): typing "512" must not be snapped at "5".
 */
export function CommitNumberInput({ value, onCommit, ...props }: CommitNumberInputProps) {
  const [draft, setDraft] = useState<string | number>(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => {
    const number = typeof draft === "number" ? draft : Number.parseFloat(draft);
    if (Number.isFinite(number) && number !== value) onCommit(number);
    else setDraft(value);
  };
  return (
    <NumberInput
      {...props}
      value={draft}
      onChange={setDraft}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === "Enter") commit();
      }}
    />
  );
}
