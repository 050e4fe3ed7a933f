/**
 * Where the caret was last in each prompt box, so that inserting a trigger word or an embedding from a
 * picker lands where the user was typing (the picker takes the focus away from the text box).
 */
export type PromptTarget = "prompt" | "negativePrompt";

const carets: Record<PromptTarget, { start: number; end: number } | null> = { prompt: null, negativePrompt: null };

export function rememberCaret(target: PromptTarget, start: number, end: number): void {
  carets[target] = { start, end };
}

export function lastCaret(target: PromptTarget, length: number): { start: number; end: number } {
  const caret = carets[target];
  if (!caret) return { start: length, end: length };
  return { start: Math.min(caret.start, length), end: Math.min(caret.end, length) };
}
