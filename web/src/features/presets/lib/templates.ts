/**
 * Styling a prompt with a preset's templates, exactly as the server does (`impasto/presets/templates.py`),
 * so the editor can preview a template before it is saved.
 *
 * The rule: the prompt replaces every `{prompt}` in the template; a template without the placeholder is
 * appended after the prompt with ", ". An empty template leaves the prompt alone; an empty prompt gives the
 * template alone (without the commas around the placeholder).
 */

export const PLACEHOLDER = "{prompt}";

export interface Templates {
  positive: string;
  negative: string;
}

export interface Styled {
  positive: string;
  negative: string;
}

export function hasPlaceholder(template: string): boolean {
  return template.includes(PLACEHOLDER);
}

/** Leading and trailing whitespace and commas, as Python's `.strip().strip(",").strip()`. */
function stripSeparators(text: string): string {
  return text
    .trim()
    .replace(/^,+|,+$/g, "")
    .trim();
}

/** `prompt` styled by one template. */
export function applyTemplate(template: string, prompt: string): string {
  if (!template.trim()) return prompt;
  if (hasPlaceholder(template)) {
    // split/join rather than replaceAll: a prompt holding "$&" must stay literal.
    const styled = template.split(PLACEHOLDER).join(prompt);
    return prompt.trim() ? styled : stripSeparators(styled);
  }
  if (!prompt.trim()) return template;
  return `${prompt}, ${template}`;
}

/** Both prompts styled by a preset's templates. */
export function applyStyle(templates: Templates, prompt: string, negativePrompt: string): Styled {
  return {
    positive: applyTemplate(templates.positive, prompt),
    negative: applyTemplate(templates.negative, negativePrompt),
  };
}

/**
 * A template made from a prompt the user already has: the prompt's words follow the placeholder, so the
 * next prompt takes the subject's place (`"oil, warm light"` → `"{prompt}, oil, warm light"`). A prompt that
 * already holds the placeholder is kept; an empty one gives `empty`.
 */
export function templateFromPrompt(prompt: string, empty = ""): string {
  if (hasPlaceholder(prompt)) return prompt;
  const words = stripSeparators(prompt);
  return words ? `${PLACEHOLDER}, ${words}` : empty;
}

/** What the server does with a template that is not a plain substitution (null: nothing to say). */
export function placeholderHint(template: string, prompt: "prompt" | "negative prompt" = "prompt"): string | null {
  if (!template.trim()) return `An empty template leaves your ${prompt} as it is.`;
  if (!hasPlaceholder(template)) {
    return `No ${PLACEHOLDER} placeholder: the template is added after your ${prompt}, following a comma.`;
  }
  return null;
}
