import { Box, Text } from "@mantine/core";
import { type CSSProperties, useLayoutEffect, useMemo, useRef } from "react";
import { type PromptTarget, rememberCaret } from "../lib/promptCaret";
import { type TokenKind, tokenizePrompt } from "../lib/promptTokens";

const COLORS: Record<TokenKind, CSSProperties> = {
  text: {},
  paren: { color: "var(--mantine-color-gray-5)" },
  weight: { color: "var(--mantine-color-orange-4)", fontWeight: 600 },
  function: { color: "var(--mantine-color-violet-4)" },
  string: { color: "var(--mantine-color-teal-3)" },
  dynamic: { color: "var(--mantine-color-cyan-4)", fontWeight: 600 },
  wildcard: { color: "var(--mantine-color-grape-4)" },
  embedding: { color: "var(--mantine-color-lime-4)" },
  escape: { color: "var(--mantine-color-gray-6)" },
  error: { color: "var(--mantine-color-red-5)", textDecoration: "underline wavy" },
};

const shared: CSSProperties = {
  font: "inherit",
  fontSize: "var(--mantine-font-size-sm)",
  lineHeight: 1.5,
  padding: "8px 10px",
  margin: 0,
  border: "1px solid transparent",
  whiteSpace: "pre-wrap",
  overflowWrap: "anywhere",
  boxSizing: "border-box",
  width: "100%",
  letterSpacing: "normal",
};

interface PromptEditorProps {
  target: PromptTarget;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  error?: string;
  minRows?: number;
  testId?: string;
}

/**
 * A prompt text box with syntax highlighting: the text area is transparent over a copy of the text drawn
 * as coloured tokens, so typing, selection and undo stay the browser's own.
 */
export function PromptEditor({
  target,
  label,
  value,
  onChange,
  placeholder,
  error,
  minRows = 3,
  testId,
}: PromptEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const { tokens, problems } = useMemo(() => tokenizePrompt(value), [value]);
  const minHeight = minRows * 21 + 18;

  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.max(minHeight, Math.min(element.scrollHeight + 2, 320))}px`;
  }, [value, minHeight]);

  const remember = () => {
    const element = area.current;
    if (element) rememberCaret(target, element.selectionStart, element.selectionEnd);
  };
  const border = error || problems.length ? "var(--mantine-color-red-6)" : "var(--mantine-color-dark-4)";

  return (
    <Box>
      <Text component="label" size="xs" fw={500} htmlFor={`prompt-${target}`}>
        {label}
      </Text>
      <Box
        style={{
          position: "relative",
          borderRadius: 6,
          background: "var(--mantine-color-dark-6)",
          border: `1px solid ${border}`,
        }}
      >
        <div
          ref={mirror}
          aria-hidden
          style={{ ...shared, position: "absolute", inset: 0, overflow: "hidden", pointerEvents: "none" }}
        >
          {tokens.map((token) => (
            <span key={token.start} style={COLORS[token.kind]}>
              {token.text}
            </span>
          ))}
          {"\n"}
        </div>
        <textarea
          id={`prompt-${target}`}
          ref={area}
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          data-testid={testId}
          onChange={(event) => {
            onChange(event.currentTarget.value);
            rememberCaret(target, event.currentTarget.selectionStart, event.currentTarget.selectionEnd);
          }}
          onSelect={remember}
          onKeyUp={remember}
          onClick={remember}
          onScroll={(event) => {
            if (mirror.current) mirror.current.scrollTop = event.currentTarget.scrollTop;
          }}
          style={{
            ...shared,
            position: "relative",
            display: "block",
            resize: "vertical",
            background: "transparent",
            color: "transparent",
            caretColor: "var(--mantine-color-gray-0)",
            outline: "none",
            minHeight,
          }}
        />
      </Box>
      {[...problems, ...(error ? [error] : [])].map((problem) => (
        <Text key={problem} size="xs" c="red" data-problem mt={2}>
          {problem}
        </Text>
      ))}
    </Box>
  );
}
